import { stem } from './stemmer.ts';

/**
 * The Indonesian analysis chain, the same at index and at query time:
 *   fold (NFKD, drop diacritics, lower case) → tokens [a-z0-9]+ → drop stopwords →
 *   stem (stemmer.ts) into the `body` column, and the OCR-confusion-folded surface form
 *   (0→o, 1/i→l, rn→m) into the `fuzzy` column, which ranks lower.
 */

const STOPWORDS = new Set(
  (
    'yang dan di ke dari untuk dengan pada dalam ini itu atau adalah akan oleh sebagai juga ' +
    'tersebut kepada bahwa agar karena serta telah sudah belum dapat bisa tidak ada para pun ' +
    'lah kah nya bagi hingga sampai secara maka jika apabila bila namun tetapi tapi sedangkan ' +
    'yaitu yakni antara atas sehingga supaya demi tentang terhadap melalui setiap sangat ' +
    'lebih masih harus saja hanya lagi pula mereka kami kita saya anda ia dia beliau ' +
    'the of and to in for on at by with a an is are be as or'
  ).split(/\s+/),
);

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

/** Case and diacritic folding. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

const TOKEN = /[a-z0-9]+/g;

export function tokenize(text: string): string[] {
  return fold(text).match(TOKEN) ?? [];
}

/** Folds characters OCR confuses, so "kepegawaian", "kepegawalan" and "KEPEGAWA1AN" meet. */
export function confusionFold(token: string): string {
  return token.replace(/rn/g, 'm').replace(/0/g, 'o').replace(/[1i]/g, 'l');
}

export function stemToken(token: string): string[] {
  return /^[a-z]+$/.test(token) ? stem(token) : [token];
}

export interface AnalyzedText {
  /** Stems separated by spaces (the precise column). */
  body: string;
  /** Confusion-folded surface tokens (the tolerant column). */
  fuzzy: string;
  /** The folded surface tokens kept (stopwords dropped), for the vocabulary. */
  tokens: string[];
}

/** Per-token analysis is pure and the vocabulary is small next to the text: memoise it. */
const tokenCache = new Map<string, readonly [body: string, fuzzy: string]>();
const TOKEN_CACHE_LIMIT = 500_000;

/** [stems joined by a space, confusion-folded form] of one folded token (memoised). */
export function analyzeToken(token: string): readonly [string, string] {
  let entry = tokenCache.get(token);
  if (!entry) {
    entry = [stemToken(token).join(' '), confusionFold(token)];
    if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
    tokenCache.set(token, entry);
  }
  return entry;
}

export function analyzeForIndex(text: string): AnalyzedText {
  const body: string[] = [];
  const fuzzy: string[] = [];
  const tokens: string[] = [];
  for (const token of tokenize(text)) {
    if (STOPWORDS.has(token)) continue;
    const [stems, folded] = analyzeToken(token);
    body.push(stems);
    fuzzy.push(folded);
    tokens.push(token);
  }
  return { body: body.join(' '), fuzzy: fuzzy.join(' '), tokens };
}

/** One clause of a parsed query; all clauses must match (AND). */
export type QueryClause =
  | { kind: 'term'; stems: string[]; fuzzy: string; surface: string }
  | {
      kind: 'prefix';
      prefix: string;
      /** Stems of the index's words that start with the prefix (vocabulary.ts), so the
       * prefix also finds their other forms: `kearsip*` → `arsip` → `pengarsipan`. */
      expansions?: string[];
    }
  | { kind: 'phrase'; stems: string[]; fuzzy: string[] };

export interface ParsedQuery {
  clauses: QueryClause[];
  /** What the snippet marks: stems, folded surfaces and prefixes of the query words. */
  highlight: { stems: Set<string>; fuzzy: Set<string>; prefixes: string[] };
}

const MIN_PREFIX = 3;
const MAX_CLAUSES = 12;

/**
 * Parses what a user typed: words (AND), "quoted phrases", prefixes (`kepeg*`). A word with
 * inner punctuation (a letter number like 900.1/1853/II.08/2026) is a phrase of its parts.
 */
export function parseQuery(input: string): ParsedQuery {
  const clauses: QueryClause[] = [];
  const highlight = {
    stems: new Set<string>(),
    fuzzy: new Set<string>(),
    prefixes: [] as string[],
  };
  const phraseOf = (text: string): QueryClause | null => {
    const tokens = tokenize(text).filter((token) => !STOPWORDS.has(token));
    if (tokens.length === 0) return null;
    const stems = tokens.flatMap(stemToken);
    const fuzzy = tokens.map(confusionFold);
    stems.forEach((s) => highlight.stems.add(s));
    fuzzy.forEach((f) => highlight.fuzzy.add(f));
    if (tokens.length === 1) return { kind: 'term', stems, fuzzy: fuzzy[0]!, surface: tokens[0]! };
    return { kind: 'phrase', stems, fuzzy };
  };
  const pattern = /"([^"]*)"?|(\S+)/g;
  for (const match of input.slice(0, 500).matchAll(pattern)) {
    if (clauses.length >= MAX_CLAUSES) break;
    const [, quoted, word] = match;
    if (quoted !== undefined) {
      const clause = phraseOf(quoted);
      if (clause) clauses.push(clause);
      continue;
    }
    if (!word) continue;
    if (word.endsWith('*')) {
      const tokens = tokenize(word);
      const last = tokens.at(-1);
      if (tokens.length === 1 && last && last.length >= MIN_PREFIX) {
        clauses.push({ kind: 'prefix', prefix: last });
        highlight.prefixes.push(last);
        continue;
      }
    }
    const clause = phraseOf(word);
    if (clause) clauses.push(clause);
  }
  return { clauses, highlight };
}

/** Fuzzy tokens live in the same FTS column as the stems, after them, marked with this
 * prefix: one column keeps FTS5 on its fast path (column filters cost ~10x), phrases stay
 * contiguous within each region, and an exact match scores above an OCR-tolerant one because
 * it matches both its stem and its folded form. */
export const FUZZY_MARK = 'zq';

const quote = (tokens: string[]) => `"${tokens.join(' ')}"`;
const fuzzyQuote = (tokens: string[]) => quote(tokens.map((token) => FUZZY_MARK + token));

/** The FTS5 MATCH expression, or null when nothing searchable remains (only stopwords). */
export function toFtsQuery(parsed: ParsedQuery): string | null {
  if (parsed.clauses.length === 0) return null;
  return parsed.clauses
    .map((clause) => {
      switch (clause.kind) {
        case 'term':
          // A word without confusable letters has no OCR variant the stem would miss.
          return clause.fuzzy === clause.surface && clause.stems.join('') === clause.surface
            ? quote(clause.stems)
            : `(${quote(clause.stems)} OR ${fuzzyQuote([clause.fuzzy])})`;
        case 'phrase':
          return `(${quote(clause.stems)} OR ${fuzzyQuote(clause.fuzzy)})`;
        case 'prefix':
          return `(${[
            `${quote([clause.prefix])} *`,
            `${fuzzyQuote([confusionFold(clause.prefix)])} *`,
            ...(clause.expansions ?? []).map((stems) => quote(stems.split(' '))),
          ].join(' OR ')})`;
      }
    })
    .join(' AND ');
}

/** Adds a prefix's expansions to the clause and to what the snippet marks. */
export function expandPrefixes(
  parsed: ParsedQuery,
  expand: (prefix: string) => string[],
): ParsedQuery {
  const clauses = parsed.clauses.map((clause) => {
    if (clause.kind !== 'prefix') return clause;
    const expansions = expand(clause.prefix);
    for (const stems of expansions)
      for (const stem of stems.split(' ')) parsed.highlight.stems.add(stem);
    return { ...clause, expansions };
  });
  return { clauses, highlight: parsed.highlight };
}

/** The one indexed column: stems, then the marked folded surfaces. */
export function indexText(analyzed: AnalyzedText): string {
  if (!analyzed.fuzzy) return analyzed.body;
  return `${analyzed.body} ${analyzed.fuzzy
    .split(' ')
    .map((token) => FUZZY_MARK + token)
    .join(' ')}`;
}
