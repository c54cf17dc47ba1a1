import type { PrefillSuggestions } from './prefill.ts';
import type { OcrWord } from './tesseract-pool.ts';

export type PrefillField = keyof PrefillSuggestions;

/**
 * How sure OCR was of each suggested field (0–100): the mean confidence tesseract gave the
 * words the field was read from. A token the rules changed (a Roman month restored, a date
 * turned into ISO) is looked up as printed where possible; a token found nowhere among the
 * words counts as 40, so a field assembled from doubtful reads drops below the form's
 * threshold for filling it in and is offered as a suggestion instead.
 */
export function fieldConfidence(
  suggestions: PrefillSuggestions,
  words: OcrWord[],
): Partial<Record<PrefillField, number>> {
  const byText = new Map<string, number>();
  for (const word of words) {
    const key = norm(word.t);
    if (!key) continue;
    // The first (topmost) reading of a word is the one the rules used: letterhead and labels
    // come before the body.
    if (!byText.has(key)) byText.set(key, word.c);
  }
  const out: Partial<Record<PrefillField, number>> = {};
  for (const field of Object.keys(suggestions) as PrefillField[]) {
    const value = suggestions[field];
    if (!value) continue;
    const tokens = tokensOf(field, value);
    if (tokens.length === 0) continue;
    const scores = tokens.map((token) => byText.get(token) ?? partial(token, byText) ?? 40);
    out[field] = Math.round(scores.reduce((a, b) => a + b, 0) / scores.length);
  }
  return out;
}

const norm = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

function tokensOf(field: PrefillField, value: string): string[] {
  if (field === 'letterDate') {
    // ISO back to what was printed: the day and the year are words on the page.
    const [year, , day] = value.split('-');
    return [String(Number(day)), year!];
  }
  if (field === 'letterNumber') {
    // A letter number is one word on the page ("900.1/1853/II.08/2026").
    return [norm(value)];
  }
  return value.split(/\s+/).map(norm).filter(Boolean);
}

/** A token glued to its label ("Nomor:900.1/…") or split by OCR: the best word containing
 * it, or contained in it. */
function partial(token: string, byText: Map<string, number>): number | null {
  let best: number | null = null;
  for (const [text, confidence] of byText) {
    if (text.length < 3) continue;
    if (text.includes(token) || (token.length > 6 && token.includes(text))) {
      best = best === null ? confidence : Math.max(best, confidence);
    }
  }
  return best;
}
