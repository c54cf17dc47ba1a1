import type { StatementSync } from 'node:sqlite';
import { analyzeToken, isStopword, tokenize } from './analysis.ts';

/**
 * The index's vocabulary: every word (folded surface form, letters only) with its stems and
 * the number of pages/notes/metadata segments holding it. It serves two look-ups that must
 * not scan the index:
 * - prefix expansion: `kearsip*` → the words starting with `kearsip` (a range read on the
 *   primary key) → their stems (`arsip`), so a prefix also finds the inflected forms;
 * - spelling suggestions: `vocab_del` holds each word (4+ letters) and its one-letter
 *   deletions, so the words within edit distance 1–2 of a typed word are found with one
 *   IN-read of the typed word's deletions (symmetric delete), whatever the vocabulary's size.
 * Counts change in memory while a batch is applied and are written once per batch.
 */
export const VOCABULARY_SCHEMA = `
CREATE TABLE IF NOT EXISTS vocab(term TEXT PRIMARY KEY, stems TEXT NOT NULL, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS vocab_del(key TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY(key, term)) WITHOUT ROWID;
`;

const MIN_TERM = 3;
const MAX_TERM = 30;
/** Shorter words get no spelling candidates (a 3-letter word is one edit from dozens). */
export const MIN_SPELL = 4;
const WORD = /^[a-z]+$/;

/** The distinct vocabulary words among folded tokens (analyzeForIndex's, or a text's). */
export function vocabularyWords(tokens: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const token of tokens) {
    if (token.length < MIN_TERM || token.length > MAX_TERM || words.has(token)) continue;
    if (WORD.test(token) && !isStopword(token)) words.add(token);
  }
  return words;
}

/** The one-letter deletions of a word (distinct). */
export function deletions(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal string alignment distance (Damerau–Levenshtein without repeated edits of a
 * substring): a swap of two neighbouring letters counts as one edit. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    let best = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

/** Edits allowed for a typed word: one for short words, two from six letters on. */
export const maxEditsFor = (word: string) => (word.length >= 6 ? 2 : 1);

export interface SpellingCandidate {
  term: string;
  df: number;
  distance: number;
}

export class Vocabulary {
  private readonly sql: (text: string) => StatementSync;
  private pending = new Map<string, number>();

  constructor(sql: (text: string) => StatementSync) {
    this.sql = sql;
  }

  /** Counts a segment's text in (+1) or out (-1); written by flush(). */
  count(text: string, delta: 1 | -1): void {
    this.countTokens(tokenize(text), delta);
  }

  /** The same from the folded tokens the indexer already has (analyzeForIndex). */
  countTokens(tokens: Iterable<string>, delta: 1 | -1): void {
    for (const word of vocabularyWords(tokens))
      this.pending.set(word, (this.pending.get(word) ?? 0) + delta);
  }

  /** Writes the counted changes (inside the caller's transaction). */
  flush(): void {
    if (this.pending.size === 0) return;
    const pending = this.pending;
    this.pending = new Map();
    const read = this.sql('SELECT df FROM vocab WHERE term = ?');
    const update = this.sql('UPDATE vocab SET df = df + ? WHERE term = ?');
    const insert = this.sql('INSERT INTO vocab(term, stems, df) VALUES (?, ?, ?)');
    const insertDeletion = this.sql('INSERT OR IGNORE INTO vocab_del(key, term) VALUES (?, ?)');
    for (const [term, delta] of pending) {
      if (delta === 0) continue;
      if (read.get(term)) {
        update.run(delta, term);
        continue;
      }
      insert.run(term, analyzeToken(term)[0], Math.max(0, delta));
      if (term.length < MIN_SPELL) continue;
      insertDeletion.run(term, term);
      for (const key of deletions(term)) insertDeletion.run(key, term);
    }
  }

  /** Forgets counts not yet written (the batch was rolled back). */
  discard(): void {
    this.pending = new Map();
  }

  /** How many segments hold the word (0 when unknown). */
  df(term: string): number {
    const row = this.sql('SELECT df FROM vocab WHERE term = ?').get(term) as
      { df: number } | undefined;
    return row?.df ?? 0;
  }

  /**
   * The stems of the words starting with `prefix`, the most frequent words first, at most
   * `limit` distinct stems (each a space-separated stem list: a compound has two). The
   * range read is bounded by the prefix (3+ letters), sorted in memory.
   */
  expandPrefix(prefix: string, limit: number): string[] {
    if (!WORD.test(prefix)) return [];
    const upper =
      prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    const rows = this.sql(
      'SELECT stems, df FROM vocab WHERE term >= ? AND term < ? AND df > 0 ORDER BY df DESC LIMIT 2000',
    ).all(prefix, upper) as Array<{ stems: string; df: number }>;
    const stems: string[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      if (seen.has(row.stems)) continue;
      seen.add(row.stems);
      stems.push(row.stems);
      if (stems.length >= limit) break;
    }
    return stems;
  }

  /**
   * Known words within `maxEdits` of `word` (symmetric delete: a deletion of the typed word,
   * up to two, meets a word or one of its deletions), nearest first, then most frequent.
   * Finds every word at distance 1 and those at distance 2 that are not two substitutions.
   */
  candidates(word: string, maxEdits: number, limit: number): SpellingCandidate[] {
    if (word.length < MIN_SPELL || !WORD.test(word)) return [];
    const keys = new Set<string>([word]);
    for (const once of deletions(word)) {
      keys.add(once);
      if (maxEdits >= 2) for (const twice of deletions(once)) keys.add(twice);
    }
    const list = [...keys];
    const rows = this.sql(
      `SELECT DISTINCT v.term AS term, v.df AS df FROM vocab_del k JOIN vocab v ON v.term = k.term
       WHERE k.key IN (${list.map(() => '?').join(', ')}) AND v.df > 0`,
    ).all(...list) as Array<{ term: string; df: number }>;
    const found: SpellingCandidate[] = [];
    for (const row of rows) {
      if (row.term === word) continue;
      const distance = editDistance(word, row.term, maxEdits);
      if (distance <= maxEdits) found.push({ term: row.term, df: row.df, distance });
    }
    found.sort((a, b) => a.distance - b.distance || b.df - a.df || a.term.localeCompare(b.term));
    return found.slice(0, limit);
  }
}
