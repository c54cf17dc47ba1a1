import { tokenize, type ParsedQuery } from './analysis.ts';
import { maxEditsFor, MIN_SPELL, type Vocabulary } from './vocabulary.ts';

/** At or below this many results the engine looks for a better spelling. */
export const FEW_RESULTS = 3;
/** Corrected queries tried per search, each a full (permission-filtered) count. */
const MAX_TRIES = 4;
const CANDIDATES_PER_WORD = 4;
/** Words of one query looked at (each costs one count). */
const MAX_WORDS = 3;

/** Letters a corrected query is counted up to (a suggestion shows "more than" beyond). */
export const SUGGESTION_COUNT_CAP = 1000;

export interface Correction {
  text: string;
  total: number;
  /** More letters than `total` match (counting stopped at the cap). */
  capped: boolean;
}

/** A permission-filtered count of a query's letters, stopping at `cap`. */
export type CountUpTo = (text: string, cap: number) => { n: number; capped: boolean };

/**
 * "Maksud Anda": replaces the query's unknown or rare words by nearby words of the index
 * vocabulary (edit distance 1–2, most frequent first) and keeps the corrected query that
 * finds the most letters THE USER MAY OPEN under the same filters (`count` runs the real,
 * permission-filtered search). So a word found only in letters the user may not see is
 * never offered: the vocabulary itself (which holds every class's words) only decides which
 * few candidates are tried, and what is shown is what the user could have found by typing
 * it. Bounded: a few primary-key reads of the vocabulary, a count per looked-at word (up to
 * FEW_RESULTS + 1 letters) and at most MAX_TRIES counts of corrected queries (up to
 * SUGGESTION_COUNT_CAP letters), each stopping early.
 */
export function suggestCorrection(
  input: string,
  parsed: ParsedQuery,
  currentTotal: number,
  vocabulary: Vocabulary,
  count: CountUpTo,
): Correction | null {
  const alternatives = new Map<string, Array<{ term: string; distance: number }>>();
  for (const clause of parsed.clauses) {
    if (alternatives.size >= MAX_WORDS) break;
    if (clause.kind !== 'term' || clause.surface.length < MIN_SPELL) continue;
    if (!/^[a-z]+$/.test(clause.surface) || alternatives.has(clause.surface)) continue;
    // Whether the word needs correcting is decided by what the user can find with it alone,
    // never by its count in the vocabulary (which includes letters hidden from the user).
    const alone =
      parsed.clauses.length === 1 ? currentTotal : count(clause.surface, FEW_RESULTS + 1).n;
    if (alone > FEW_RESULTS) continue;
    const candidates = vocabulary.candidates(
      clause.surface,
      maxEditsFor(clause.surface),
      CANDIDATES_PER_WORD,
    );
    if (candidates.length) alternatives.set(clause.surface, candidates);
  }
  if (alternatives.size === 0) return null;

  // Try the best candidate of every word, then the second best, …
  const tried = new Set<string>();
  let best: (Correction & { distance: number }) | null = null;
  for (let rank = 0; rank < CANDIDATES_PER_WORD && tried.size < MAX_TRIES; rank++) {
    const replacement = new Map<string, string>();
    let distance = 0;
    for (const [word, candidates] of alternatives) {
      const pick = candidates[Math.min(rank, candidates.length - 1)]!;
      replacement.set(word, pick.term);
      distance += pick.distance;
    }
    const text = rewrite(input, replacement);
    if (tried.has(text)) continue;
    tried.add(text);
    const { n: total, capped } = count(text, SUGGESTION_COUNT_CAP);
    if (total <= currentTotal) continue;
    if (!best || distance < best.distance || (distance === best.distance && total > best.total))
      best = { text, total, capped, distance };
  }
  return best ? { text: best.text, total: best.total, capped: best.capped } : null;
}

/** The typed query with its words replaced (quoted phrases and prefixes are kept as typed). */
export function rewrite(input: string, replacement: Map<string, string>): string {
  return input.replace(/"[^"]*"?|\S+/g, (word) => {
    if (word.startsWith('"') || word.endsWith('*')) return word;
    const tokens = tokenize(word);
    const only = tokens.length === 1 ? replacement.get(tokens[0]!) : undefined;
    return only ?? word;
  });
}
