/**
 * `fn` over `items` with at most `limit` calls in flight, results in the items' order.
 * The reports issue tens to hundreds of small equality reads (a day, a week, a month key
 * each): all at once they queue inside FerretDB and PostgreSQL on a two-core server and
 * starve other users' requests; one after another they pay each round trip in full. A few
 * at once keeps both cores busy without flooding them.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** How many report reads run at once (see mapLimit). */
export const READS_AT_ONCE = 6;
