import { walkBuckets } from '../../lib/bucket-walk.ts';
import { addDays, jakartaDate } from '../calendar/dates.ts';

/**
 * Pages a list of outgoing letters newest first through their `<scope>:<period>` keys
 * (list-keys.ts), so no read is more than one top-level equality (docs/architecture.md,
 * "Access keys of notifications and outgoing work lists").
 *
 * The walk goes back in time from `top` to `floor` (Jakarta dates, inclusive). Each step
 * reads one period of every scope of the reader, merged by id: a day while the scopes are
 * busy, and once a week's worth of days tells they are quiet, the rest of the month or the
 * rest of the year in one read (a period's read keeps only the days not read yet), so a
 * read returns about `TARGET` letters at most, whether the reader is the letter desk of a
 * busy secretariat or an official with a letter a month. Steps do not overlap in time, so
 * sorting each step gives the same order on every request (lib/bucket-walk.ts).
 */
export interface ListWalk<T> {
  /** The key field: `listKeys` (by last change) or `registerKeys` (by signing). */
  field: 'listKeys' | 'registerKeys';
  scopes: string[];
  /** The instant the key's period was taken from. */
  time: (doc: T) => Date;
  /** One equality read. */
  read: (filter: Record<string, string>) => Promise<T[]>;
  top: string;
  floor: string;
  keep?: (doc: T) => boolean;
  /** Newest first. */
  compare: (a: T, b: T) => number;
  offset: number;
  limit: number;
  maxScanned?: number;
}

/** Letters one read should return at most, judged from what the walk has seen. */
const TARGET = 300;
/** Days read one by one before the density decides. */
const PROBE_DAYS = 7;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
const daysIn = (lo: string, hi: string) => dayNumber(hi) - dayNumber(lo) + 1;

interface Span {
  period: string;
  lo: string;
  hi: string;
}

export async function walkOutgoing<T extends { _id: unknown }>(
  walk: ListWalk<T>,
): Promise<{ items: T[]; total: number }> {
  if (walk.top < walk.floor || walk.scopes.length === 0) return { items: [], total: 0 };
  // Days and letters of each period read, newest last: the density of the latest week.
  const seen: { days: number; docs: number }[] = [];
  const spans: Span[] = [];

  const density = () => {
    let days = 0;
    let docs = 0;
    for (let i = seen.length - 1; i >= 0 && days < PROBE_DAYS; i--) {
      days += seen[i]!.days;
      docs += seen[i]!.docs;
    }
    return days >= PROBE_DAYS ? docs / days : Infinity;
  };

  // A period's key returns the whole period, also the days already read, so its cost is
  // judged on its whole length (within top and floor).
  const choose = (cursor: string): Span => {
    const rate = density();
    const clip = (start: string, end: string) =>
      daysIn(start < walk.floor ? walk.floor : start, end > walk.top ? walk.top : end);
    const year = cursor.slice(0, 4);
    if (rate * clip(`${year}-01-01`, `${year}-12-31`) <= TARGET) {
      const lo = `${year}-01-01`;
      return { period: year, lo: lo < walk.floor ? walk.floor : lo, hi: cursor };
    }
    const month = cursor.slice(0, 7);
    const monthEnd = addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);
    if (rate * clip(`${month}-01`, monthEnd) <= TARGET) {
      const lo = `${month}-01`;
      return { period: month, lo: lo < walk.floor ? walk.floor : lo, hi: cursor };
    }
    return { period: cursor, lo: cursor, hi: cursor };
  };

  async function* steps(): AsyncIterable<string> {
    let cursor = walk.top;
    while (cursor >= walk.floor) {
      const span = choose(cursor);
      spans.push(span);
      yield String(spans.length - 1);
      cursor = addDays(span.lo, -1);
    }
  }

  const fetch = async (index: string): Promise<T[]> => {
    const span = spans[Number(index)]!;
    const found = await Promise.all(
      walk.scopes.map((scope) => walk.read({ [walk.field]: `${scope}:${span.period}` })),
    );
    const byId = new Map<string, T>();
    for (const doc of found.flat()) {
      const day = jakartaDate(walk.time(doc));
      if (day >= span.lo && day <= span.hi) byId.set(String(doc._id), doc);
    }
    seen.push({ days: daysIn(span.lo, span.hi), docs: byId.size });
    return [...byId.values()];
  };

  const page = await walkBuckets<T>({
    buckets: steps(),
    fetch,
    keep: walk.keep,
    compare: walk.compare,
    offset: walk.offset,
    limit: walk.limit,
    maxScanned: walk.maxScanned,
  });
  if (page.exhausted) return { items: page.items, total: page.matched };
  // Not every period was read: the total is estimated from the density of what was.
  const read = spans.slice(0, page.bucketsRead);
  const days = read.reduce((sum, span) => sum + daysIn(span.lo, span.hi), 0);
  const oldest = read.at(-1)?.lo ?? walk.top;
  const remaining = Math.max(dayNumber(oldest) - dayNumber(walk.floor), 0);
  const estimate = days > 0 ? Math.round(page.matched + (page.matched / days) * remaining) : 0;
  return {
    items: page.items,
    total: Math.max(estimate, walk.offset + page.items.length + 1),
  };
}

/** The newest day a list starts from: today in Jakarta (by the app's clock and the
 * database's timestamps, whichever is later). */
export function today(now: Date): string {
  const byClock = jakartaDate(now);
  const byWall = jakartaDate(new Date());
  return byClock > byWall ? byClock : byWall;
}
