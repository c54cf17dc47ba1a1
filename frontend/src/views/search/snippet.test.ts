import { describe, expect, it } from 'vitest';
import { sanitizeSnippet, snippetSegments } from './snippet.ts';

describe('search snippet', () => {
  it('splits the server snippet into plain and marked runs, decoding its entities', () => {
    expect(
      snippetSegments(
        '… rapat <mark>kepegawaian</mark> &amp; <mark>Daerah</mark> &quot;A&quot; &#39;b&#39; …',
      ),
    ).toEqual([
      { text: '… rapat ', mark: false },
      { text: 'kepegawaian', mark: true },
      { text: ' & ', mark: false },
      { text: 'Daerah', mark: true },
      { text: ' "A" \'b\' …', mark: false },
    ]);
  });

  it('keeps any other tag as text, so it can never become markup', () => {
    const html =
      '<img src=x onerror=alert(1)><mark onclick="x">a</mark><script>alert(2)</script><b>c</b>';
    const segments = snippetSegments(html);
    expect(segments.every((s) => !s.mark)).toBe(true);
    // The stray closing tag has nothing to close and is dropped; the rest is text.
    expect(segments.map((s) => s.text).join('')).toBe(html.replace('</mark>', ''));
    const safe = sanitizeSnippet(html);
    expect(safe).not.toMatch(/<(?!\/?mark>)/);
    expect(safe).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(safe).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  it('re-allows only balanced <mark> tags and escapes what decoded entities would open', () => {
    expect(sanitizeSnippet('a &lt;script&gt; <mark>b</mark> c')).toBe(
      'a &lt;script&gt; <mark>b</mark> c',
    );
    expect(sanitizeSnippet('x <mark>y')).toBe('x <mark>y</mark>');
    expect(sanitizeSnippet('</mark>x<MARK><mark>y</mark></mark>z')).toBe('x<mark>y</mark>z');
    expect(sanitizeSnippet('Tom &amp; Jerry &#60;i&#62;')).toBe('Tom &amp; Jerry &lt;i&gt;');
  });

  it('leaves unknown or unsafe entities as written', () => {
    expect(snippetSegments('a&nbsp;b &#0; &#xD800; &bogus;')).toEqual([
      { text: 'a&nbsp;b &#0; &#xD800; &bogus;', mark: false },
    ]);
  });

  it('has nothing to show for an empty snippet', () => {
    expect(snippetSegments('')).toEqual([]);
    expect(snippetSegments(null)).toEqual([]);
    expect(sanitizeSnippet('<mark></mark>')).toBe('');
  });
});
