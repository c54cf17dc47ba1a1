/**
 * Pages through a long history that is stored in buckets (docs/architecture.md, "access
 * paths"): each bucket is read with one top-level equality, which FerretDB serves from an
 * index, and only the few documents of a bucket are filtered and sorted in memory.
 *
 * `buckets` lists every bucket in page order (newest first, say). A document lives in
 * exactly one bucket and the buckets do not overlap in the order, so walking them in turn
 * and sorting each one gives the same sequence on every request: pages never repeat or
 * skip a document, whatever the page size.
 */
export interface BucketWalk<T> {
  /** Every bucket, or a source that decides the next buckets as the walk reaches them. */
  buckets: readonly string[] | AsyncIterable<string>;
  /** The documents of one bucket (one equality read, or a few merged ones). */
  fetch: (bucket: string) => Promise<T[]>;
  /** Filters the database could not apply (ranges, text, lists of values). */
  keep?: (doc: T) => boolean;
  /** The page order inside one bucket. */
  compare: (a: T, b: T) => number;
  offset: number;
  limit: number;
  /** Stop after reading this many documents (a bounded scan for filters no key serves). */
  maxScanned?: number;
  /** Buckets read at once; the walk starts with one and doubles up to this. */
  parallel?: number;
  /** Buckets read in the first round (default one): all of them when the caller knows,
   * from kept counts, that the page needs every bucket it passes. */
  firstRound?: number;
}

export interface BucketPage<T> {
  items: T[];
  /** Matching documents seen in the buckets read. */
  matched: number;
  /** True when every bucket was read, so `matched` is the exact total. */
  exhausted: boolean;
  /** Exact total when exhausted, else an estimate from the density of what was read. */
  total: number;
  scanned: number;
  bucketsRead: number;
}

export async function walkBuckets<T>(walk: BucketWalk<T>): Promise<BucketPage<T>> {
  const want = walk.offset + walk.limit;
  const maxParallel = walk.parallel ?? 8;
  const items: T[] = [];
  const known = Array.isArray(walk.buckets) ? (walk.buckets as readonly string[]) : null;
  const source = known ? null : (walk.buckets as AsyncIterable<string>)[Symbol.asyncIterator]();
  let sourceDone = false;
  const take = async (count: number): Promise<string[]> => {
    if (known) return known.slice(read, read + count);
    const out: string[] = [];
    while (!sourceDone && out.length < count) {
      const step = await source!.next();
      if (step.done) sourceDone = true;
      else out.push(step.value);
    }
    return out;
  };
  let matched = 0;
  let scanned = 0;
  let read = 0;
  let width = Math.max(1, Math.min(walk.firstRound ?? 1, maxParallel));
  let stopped = false;
  // One more match than the page needs tells whether another page follows.
  while (matched <= want) {
    if (walk.maxScanned !== undefined && scanned >= walk.maxScanned) {
      stopped = true;
      break;
    }
    const batch = await take(width);
    if (batch.length === 0) break;
    const fetched = await Promise.all(batch.map((bucket) => walk.fetch(bucket)));
    for (const docs of fetched) {
      read += 1;
      scanned += docs.length;
      const kept = (walk.keep ? docs.filter(walk.keep) : docs).sort(walk.compare);
      for (const doc of kept) {
        if (matched >= walk.offset && matched < want) items.push(doc);
        matched += 1;
      }
      if (matched > want) {
        stopped = true;
        break;
      }
    }
    width = Math.min(width * 2, maxParallel);
  }
  const exhausted = known ? read >= known.length : !stopped && sourceDone;
  let total = matched;
  if (!exhausted) {
    const perBucket = read > 0 ? matched / read : 0;
    const estimate = known ? Math.round(matched + perBucket * (known.length - read)) : 0;
    total = Math.max(estimate, walk.offset + items.length + 1);
  }
  return { items, matched, exhausted, total, scanned, bucketsRead: read };
}
