import { describe, expect, it } from 'vitest';
import { escapeRegex } from './regex.ts';

describe('escapeRegex', () => {
  const hostile = ['a.b', '1+1', '(x)', '[abc]', 'a|b', '^start$', 'c:\\path', '{2}', 'a*?', 'a/b'];

  it('makes every special character match itself, and only itself', () => {
    for (const text of hostile) {
      const rx = new RegExp(`^${escapeRegex(text)}$`);
      expect(rx.test(text), text).toBe(true);
    }
    expect(new RegExp(escapeRegex('a.b')).test('axb')).toBe(false);
    expect(new RegExp(escapeRegex('a|b')).test('a')).toBe(false);
    expect(new RegExp(escapeRegex('[abc]')).test('b')).toBe(false);
  });

  it('is valid with the unicode flag too', () => {
    for (const text of hostile) {
      expect(new RegExp(`^${escapeRegex(text)}$`, 'u').test(text), text).toBe(true);
    }
  });

  it('leaves plain text alone', () => {
    expect(escapeRegex('Surat Edaran 2026')).toBe('Surat Edaran 2026');
  });
});
