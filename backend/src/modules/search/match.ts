import type { Services } from '../../services.ts';
import type { ParsedQuery } from './analysis.ts';
import { parseSearchQuery } from './search.service.ts';
import { wordMatchesQuery } from './snippet.ts';

/**
 * Which words a search query matches, the way the index matches them (folding, stopwords,
 * stems, OCR confusions, prefixes expanded to the stems of the index's words): for marking
 * hits outside the result list, e.g. on the page image (ocr/page-words.ts).
 */
export { parseSearchQuery };

/** A word test for one query: `(word) => boolean` (punctuation around the word is ignored). */
export async function searchWordMatcher(
  services: Services,
  query: string,
): Promise<(word: string) => boolean> {
  const { highlight } = await parseSearchQuery(services, query);
  return (word) => matchesText(word, highlight);
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Whether a piece of text (an OCR word box's text, with its punctuation) holds a match. */
export function matchesText(text: string, highlight: ParsedQuery['highlight']): boolean {
  for (const match of text.matchAll(WORD)) if (wordMatchesQuery(match[0], highlight)) return true;
  return false;
}
