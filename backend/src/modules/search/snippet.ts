import { analyzeToken, confusionFold, fold, isStopword, type ParsedQuery } from './analysis.ts';

const WORD = /[\p{L}\p{N}]+/gu;
const WINDOW = 24;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function matches(word: string, highlight: ParsedQuery['highlight']): boolean {
  const folded = /^[a-z0-9]+$/.test(word) ? word : fold(word);
  if (!/^[a-z0-9]+$/.test(folded) || isStopword(folded)) return false;
  const [stems, fuzzy] = analyzeToken(folded);
  if (highlight.fuzzy.has(fuzzy)) return true;
  if (stems.split(' ').some((root) => highlight.stems.has(root))) return true;
  return highlight.prefixes.some(
    (prefix) => folded.startsWith(prefix) || fuzzy.startsWith(confusionFold(prefix)),
  );
}

/**
 * A short excerpt of the original text around the densest run of query words, HTML-escaped,
 * with the matching words wrapped in <mark>. Built from the stored original (not the analysed
 * index text), so the user reads what the page says.
 */
export function buildSnippet(text: string, highlight: ParsedQuery['highlight']): string {
  const words = [...text.matchAll(WORD)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    hit: matches(m[0], highlight),
  }));
  if (words.length === 0) return '';
  let bestStart = 0;
  let bestScore = -1;
  let score = 0;
  for (let i = 0; i < words.length; i++) {
    if (words[i]!.hit) score++;
    if (i >= WINDOW && words[i - WINDOW]!.hit) score--;
    if (score > bestScore) {
      bestScore = score;
      bestStart = Math.max(0, i - WINDOW + 1);
    }
  }
  // Start a little before the first hit of the window so the reader gets context.
  const firstHit = words.findIndex((w, i) => i >= bestStart && w.hit);
  const from = firstHit >= 0 ? Math.max(0, Math.min(bestStart, firstHit - 4)) : 0;
  const to = Math.min(words.length, from + WINDOW);
  let out = from > 0 ? '… ' : '';
  let cursor = words[from]!.start;
  for (let i = from; i < to; i++) {
    const word = words[i]!;
    out += escapeHtml(text.slice(cursor, word.start).replace(/\s+/g, ' '));
    const raw = escapeHtml(text.slice(word.start, word.end));
    out += word.hit ? `<mark>${raw}</mark>` : raw;
    cursor = word.end;
  }
  if (to < words.length) out += ' …';
  else out += escapeHtml(text.slice(cursor, cursor + 40).replace(/\s+/g, ' '));
  return out.trim();
}

/** Whether one word of a text is what a parsed query matches (the snippet's <mark>, the
 * viewer's highlight on the page image: ocr/page-words.ts). */
export { matches as wordMatchesQuery };
