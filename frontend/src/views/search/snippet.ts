/**
 * Search snippets arrive as HTML: the server escapes the page text and wraps matched words in
 * <mark>. The client trusts none of it: it splits on the exact `<mark>` and `</mark>` tags,
 * decodes the entities the server writes, and treats everything else as plain text. The
 * screen renders the segments with text interpolation (no v-html), so a stray tag, an
 * attribute or a script in the snippet can only ever show up as text.
 */

export interface SnippetSegment {
  text: string;
  mark: boolean;
}

const TAG = /<mark>|<\/mark>/gi;
const ENTITY = /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos|#39);/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower in NAMED) return NAMED[lower]!;
    const code = lower.startsWith('#x')
      ? parseInt(lower.slice(2), 16)
      : parseInt(lower.slice(1), 10);
    // Control characters and lone surrogates stay as written.
    if (
      !Number.isFinite(code) ||
      code < 32 ||
      code > 0x10ffff ||
      (code >= 0xd800 && code <= 0xdfff)
    )
      return whole;
    return String.fromCodePoint(code);
  });
}

/** The snippet as text runs, marked or not. Unbalanced tags are tolerated: a second
 * `<mark>` inside a mark and a `</mark>` outside one are ignored. */
export function snippetSegments(html: string | null | undefined): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  if (!html) return segments;
  let open = false;
  let cursor = 0;
  const push = (raw: string) => {
    const text = decodeEntities(raw);
    if (!text) return;
    const last = segments.at(-1);
    if (last && last.mark === open) last.text += text;
    else segments.push({ text, mark: open });
  };
  for (const match of html.matchAll(TAG)) {
    push(html.slice(cursor, match.index));
    open = match[0].length === 6; // "<mark>" opens, "</mark>" closes
    cursor = match.index + match[0].length;
  }
  push(html.slice(cursor));
  return segments;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The snippet as safe HTML: everything escaped, then only balanced <mark>…</mark> allowed
 * back. For places that need a string (e.g. a tooltip renderer); screens use the segments. */
export function sanitizeSnippet(html: string | null | undefined): string {
  return snippetSegments(html)
    .map((segment) =>
      segment.mark ? `<mark>${escapeHtml(segment.text)}</mark>` : escapeHtml(segment.text),
    )
    .join('');
}
