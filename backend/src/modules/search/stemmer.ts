import { readFileSync } from 'node:fs';

/**
 * Indonesian stemmer in the Enhanced Confix Stripping (ECS) style of Nazief–Adriani: strip
 * inflectional particles (-lah, -kah, -tah, -pun), possessives (-ku, -mu, -nya) and
 * derivational suffixes (-i, -kan, -an), then up to three prefixes (di-, ke-, se-, be-,
 * te-, me-, pe- with their recodings: menulis → tulis, mengirim → kirim, menyurat → surat),
 * checking the root dictionary after every step. When no root is found, the remainder is
 * tried as a compound of two roots, so ditindaklanjuti → [tindak, lanjut] and a query for
 * "tindak lanjut" finds it. Returns the word itself when nothing fits.
 */

const dictionary = new Set(
  readFileSync(new URL('./root-words.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#')),
);

export function isRootWord(word: string): boolean {
  return dictionary.has(word);
}

const VOWEL = /^[aiueo]/;
const PARTICLES = ['lah', 'kah', 'tah', 'pun'];
const POSSESSIVES = ['nya', 'ku', 'mu'];
const DERIVATIONAL = ['kan', 'an', 'i'];
/** Prefix–suffix pairs Indonesian morphology does not allow (ECS). */
const FORBIDDEN_CONFIX: Array<[string, string]> = [
  ['be', 'i'],
  ['di', 'an'],
  ['ke', 'i'],
  ['ke', 'kan'],
  ['me', 'an'],
  ['se', 'i'],
  ['se', 'kan'],
  ['te', 'an'],
];
/** Confixes where ECS removes the prefix before the suffix. */
const PREFIX_FIRST = /^(be.+lah|be.+an|me.+i|di.+i|pe.+i|ter.+i)$/;

interface Variant {
  word: string;
  suffix: string;
}

/** The word with 0..3 suffix layers removed, most stripped first (ECS order). */
function suffixVariants(word: string): Variant[] {
  const variants: Variant[] = [{ word, suffix: '' }];
  let current = word;
  let removed = '';
  for (const group of [PARTICLES, POSSESSIVES, DERIVATIONAL]) {
    const suffix = group.find((s) => current.endsWith(s) && current.length - s.length >= 3);
    if (!suffix) continue;
    current = current.slice(0, -suffix.length);
    removed = group === DERIVATIONAL ? suffix : removed;
    variants.push({ word: current, suffix: removed });
    // "-kan" may really be "-k" + "-an" (e.g. masukan → masuk): try "-an" alone too.
    if (suffix === 'kan') variants.push({ word: current + 'k', suffix: 'an' });
  }
  return variants.reverse();
}

/** Candidate remainders after removing one prefix, with the prefix family. */
function prefixCandidates(word: string): Array<{ rest: string; prefix: string }> {
  const out: Array<{ rest: string; prefix: string }> = [];
  const add = (rest: string, prefix: string) => {
    if (rest.length >= 2) out.push({ rest, prefix });
  };
  const c = (i: number) => word.charAt(i);
  if (/^(di|ke|se)/.test(word)) add(word.slice(2), word.slice(0, 2));
  if (word.startsWith('ber')) {
    add(word.slice(3), 'be');
    if (VOWEL.test(word.slice(3))) add(word.slice(2), 'be');
  } else if (word.startsWith('bel') && word.slice(3).startsWith('ajar')) add(word.slice(3), 'be');
  else if (word.startsWith('be') && !VOWEL.test(c(2)) && word.slice(3, 5) === 'er')
    add(word.slice(2), 'be');
  if (word.startsWith('ter')) {
    add(word.slice(3), 'te');
    if (VOWEL.test(word.slice(3))) add(word.slice(2), 'te');
  } else if (word.startsWith('te') && !VOWEL.test(c(2)) && word.slice(3, 5) === 'er')
    add(word.slice(2), 'te');
  for (const [head, family] of [
    ['me', 'me'],
    ['pe', 'pe'],
  ] as const) {
    if (!word.startsWith(head)) continue;
    const rest = word.slice(2);
    if (rest.startsWith('nge') && rest.length <= 7) add(rest.slice(3), family); // mengecat → cat
    if (rest.startsWith('ng')) {
      const after = rest.slice(2);
      add(after, family);
      if (VOWEL.test(after)) add('k' + after, family);
    } else if (rest.startsWith('ny')) {
      const after = rest.slice(2);
      if (VOWEL.test(after)) add('s' + after, family);
      add(rest, family);
    } else if (rest.startsWith('m')) {
      const after = rest.slice(1);
      if (/^[bfvp]/.test(after)) add(after, family);
      if (VOWEL.test(after)) {
        add('p' + after, family);
        add('m' + after, family);
      }
    } else if (rest.startsWith('n')) {
      const after = rest.slice(1);
      if (/^[cdjzst]/.test(after)) add(after, family);
      if (VOWEL.test(after)) {
        add('t' + after, family);
        add('n' + after, family);
      }
    } else if (/^[lrwy]/.test(rest)) {
      add(rest, family);
    }
    if (family === 'pe') {
      if (rest.startsWith('r')) {
        add(rest.slice(1), 'pe'); // per- (perbaikan → baik)
      } else if (rest.startsWith('l') && rest.startsWith('lajar')) {
        add(rest.slice(1), 'pe');
      } else if (!VOWEL.test(rest) && !/^[mn]/.test(rest)) {
        add(rest, 'pe'); // petani → tani, pekerja → kerja
      }
    }
    if (family === 'me' && rest.startsWith('mper')) add(rest.slice(4), 'me'); // memperbaiki
  }
  return out;
}

function confixAllowed(prefix: string, suffix: string): boolean {
  return !FORBIDDEN_CONFIX.some(([p, s]) => p === prefix && s === suffix);
}

/** Depth-first prefix removal (up to three layers); the first remainder in the dictionary wins. */
function stripPrefixes(
  word: string,
  suffix: string,
  depth: number,
  first: string | null,
  seen: Set<string>,
): string | null {
  if (depth === 3) return null;
  for (const { rest, prefix } of prefixCandidates(word)) {
    const firstPrefix = first ?? prefix;
    if (!confixAllowed(firstPrefix, suffix)) continue;
    if (seen.has(rest)) continue;
    seen.add(rest);
    if (dictionary.has(rest)) return rest;
    const deeper = stripPrefixes(rest, suffix, depth + 1, firstPrefix, seen);
    if (deeper) return deeper;
  }
  return null;
}

/** All prefix-stripped remainders (dictionary or not), for the compound fallback. */
function remainders(word: string, depth = 0, out: string[] = []): string[] {
  out.push(word);
  if (depth < 2) for (const { rest } of prefixCandidates(word)) remainders(rest, depth + 1, out);
  return out;
}

function splitCompound(word: string): [string, string] | null {
  if (word.length < 8) return null;
  for (let i = 4; i <= word.length - 4; i++) {
    const left = word.slice(0, i);
    const right = word.slice(i);
    if (dictionary.has(left) && dictionary.has(right)) return [left, right];
  }
  return null;
}

const cache = new Map<string, string[]>();
const CACHE_LIMIT = 200_000;

/** Stems one lower-case, diacritic-free word into its root (or two roots for a compound). */
export function stem(word: string): string[] {
  if (word.length <= 3 || /[^a-z]/.test(word) || dictionary.has(word)) return [word];
  const cached = cache.get(word);
  if (cached) return cached;
  const result = computeStem(word);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, result);
  return result;
}

function computeStem(word: string): string[] {
  const variants = suffixVariants(word);
  // ECS precedence: for be-…-lah, me-…-i and similar, try the fewest suffix removals first.
  const ordered = PREFIX_FIRST.test(word) ? [...variants].reverse() : variants;
  for (const variant of ordered) {
    if (dictionary.has(variant.word)) return [variant.word];
    const root = stripPrefixes(variant.word, variant.suffix, 0, null, new Set());
    if (root) return [root];
  }
  for (const variant of variants) {
    for (const rest of remainders(variant.word)) {
      const parts = splitCompound(rest);
      if (parts) return parts;
    }
  }
  return [word];
}
