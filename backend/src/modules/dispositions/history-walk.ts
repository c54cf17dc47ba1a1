import { dayKeyOf, seriesOf, type SeriesKind } from './disposition.keys.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import type { PositionSeries } from './series.ts';

/**
 * A page of a long history (an Asisten receives ~40,000 nodes in five years) without
 * sorting or scanning it: the nodes carry day keys, each day is one equality read served by
 * an index, and only the days that hold something (series.ts knows them) are read, newest
 * first, until the page is full. Days partition the order field, so sorting inside each day
 * gives the same global order on every request. Whole days before the page are skipped by
 * their final counts, without being read.
 */
export interface HistoryWalk {
  series: PositionSeries;
  /** The day buckets merged per day (the closed tab: cancelled and returned). */
  kinds: SeriesKind[];
  /** Membership of the tab; `exact` when it is the whole of the buckets (so the day
   * counts can skip days). */
  member: (node: Disposition) => boolean;
  exact: boolean;
  /** Filters on top of membership (urgency); null when there are none. */
  keep: ((node: Disposition) => boolean) | null;
  /** The field the buckets are named after, newest first. */
  order: 'sentAt' | 'closedAt';
  offset: number;
  limit: number;
}

const PARALLEL = 8;
/** A filter no key serves (urgency) is applied to at most this many nodes of a history,
 * newest first: older matches are left out rather than reading the whole history. */
export const MAX_FILTERED_SCAN = 2_000;

export async function walkHistory(
  walk: HistoryWalk,
): Promise<{ nodes: Disposition[]; matched: number; exhausted: boolean; members: number }> {
  const { series, kinds } = walk;
  const want = walk.offset + walk.limit;
  const counts = new Map<number, number>();
  for (const kind of kinds)
    for (const [day, count] of series.past(kind)) counts.set(day, (counts.get(day) ?? 0) + count);
  const pastDays = [...counts.keys()].sort((a, b) => b - a);
  const compare = (a: Disposition, b: Disposition) =>
    new Date(b[walk.order] ?? 0).getTime() - new Date(a[walk.order] ?? 0).getTime() ||
    String(b._id).localeCompare(String(a._id));
  const fetchDay = async (day: number) =>
    (
      await Promise.all(
        kinds.map((kind) =>
          DispositionModel.find({
            dayKeys: dayKeyOf(seriesOf(series.positionId, kind), day),
          }).lean<Disposition[]>(),
        ),
      )
    ).flat();

  const nodes: Disposition[] = [];
  let matched = 0;
  let members = 0;
  let scanned = 0;
  const take = (docs: Disposition[]) => {
    scanned += docs.length;
    const inTab = docs.filter(walk.member);
    members += inTab.length;
    for (const node of (walk.keep ? inTab.filter(walk.keep) : inTab).sort(compare)) {
      if (matched >= walk.offset && matched < want) nodes.push(node);
      matched += 1;
    }
  };
  // Today (and yesterday until it is final): few nodes, counts not kept yet.
  for (const docs of await Promise.all(series.liveDays().map(fetchDay))) take(docs);
  let next = 0;
  if (walk.exact && !walk.keep)
    while (next < pastDays.length && matched + counts.get(pastDays[next]!)! <= walk.offset) {
      matched += counts.get(pastDays[next]!)!;
      members += counts.get(pastDays[next]!)!;
      next += 1;
    }
  let width = 1;
  while (matched < want && next < pastDays.length && !(walk.keep && scanned >= MAX_FILTERED_SCAN)) {
    const days = pastDays.slice(next, next + width);
    next += days.length;
    for (const docs of await Promise.all(days.map(fetchDay))) take(docs);
    width = Math.min(width * 2, PARALLEL);
  }
  return { nodes, matched, exhausted: next >= pastDays.length, members };
}
