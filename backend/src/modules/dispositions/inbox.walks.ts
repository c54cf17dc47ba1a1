import { walkBuckets } from '../../lib/bucket-walk.ts';
import {
  dayKeyOf,
  openKeyOf,
  seriesOf,
  type OpenStatus,
  type SeriesKind,
} from './disposition.keys.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import { parseCell, type OpenState } from './open-state.ts';
import type { PositionSeries } from './series.ts';

/**
 * Pages of the inbox tabs through bucket keys (lib/bucket-walk.ts), never a whole set:
 *
 * - an open tab (unread, not followed up, in progress, overdue) by deadline: its buckets
 *   are deadline days, each one `openKey` read per status of the tab; the kept open state
 *   (open-state.ts) says how many nodes each day holds, so the days before the page are
 *   skipped by their counts and only the page's days are read;
 * - a history (done, closed, sent, all) newest first: its buckets are days (`dayKeys`),
 *   whose final counts (series.ts) skip the days before the page the same way.
 *
 * The open tabs' buckets also split by sifat (the kept cells count per sifat), so the
 * priority order and a sifat filter are served by counts. Filters no key serves (sender,
 * classification, status and sifat on a history) are applied to the buckets walked, at
 * most `MAX_FILTERED_SCAN` nodes, and the total is then estimated from what was read.
 */
export const MAX_FILTERED_SCAN = 2_000;

export interface TabPage {
  nodes: Disposition[];
  total: number;
}

/** Sifat, most urgent first: the first key of the priority order. */
export const URGENCY_ORDER = ['sangat_segera', 'segera', 'biasa'] as const;
export function urgencyRank(urgency: string): number {
  const rank = (URGENCY_ORDER as readonly string[]).indexOf(urgency);
  return rank < 0 ? URGENCY_ORDER.length : rank;
}

const time = (at: Date | string | null | undefined) => (at ? new Date(at).getTime() : 0);
const byId = (a: Disposition, b: Disposition) => String(a._id).localeCompare(String(b._id));

/** The order of an open tab: `priority` (the default) is sifat, then the deadline, then
 * age (the longest waiting first); `deadline` is the deadline, then sifat, then age. */
export type OpenOrder = 'priority' | 'deadline';
export function compareOpen(order: OpenOrder): (a: Disposition, b: Disposition) => number {
  const deadline = (a: Disposition, b: Disposition) => time(a.dueAt) - time(b.dueAt);
  const urgency = (a: Disposition, b: Disposition) =>
    urgencyRank(a.urgency) - urgencyRank(b.urgency);
  const age = (a: Disposition, b: Disposition) => time(a.sentAt) - time(b.sentAt) || byId(a, b);
  return order === 'priority'
    ? (a, b) => urgency(a, b) || deadline(a, b) || age(a, b)
    : (a, b) => deadline(a, b) || urgency(a, b) || age(a, b);
}

/** Buckets with a known size: only those the page needs, the leading ones the offset
 * passes over entirely skipped by their sizes (never read). */
function pageBuckets<B>(
  buckets: B[],
  size: (bucket: B) => number,
  offset: number,
  limit: number,
): { rest: B[]; skipped: number } {
  let skipped = 0;
  let next = 0;
  while (next < buckets.length && skipped + size(buckets[next]!) <= offset) {
    skipped += size(buckets[next]!);
    next += 1;
  }
  let end = next;
  for (let covered = skipped; end < buckets.length && covered < offset + limit; end++)
    covered += size(buckets[end]!);
  return { rest: buckets.slice(next, end), skipped };
}

/** Fills in what filters on the letter need (nodes stored before the letter summary, or
 * before it carried the classification); the identity when no such filter is asked. */
export type Prepare = (nodes: Disposition[]) => Promise<Disposition[]>;

/**
 * A page of an open tab. The kept open state counts the nodes per (status, deadline day,
 * sifat), so the buckets are (sifat, day) pairs in priority order, or days in deadline
 * order, each with a known size: the buckets before the page are skipped by their counts
 * and a sifat filter is exact. A bucket is the `openKey` reads of its cells (one per status
 * and sifat holding something that day), so a page reads only the nodes of its sifat.
 */
export async function openTabPage(input: {
  state: OpenState;
  statuses: readonly OpenStatus[];
  /** Only deadlines already ended (the overdue tab). */
  overdueOnly: boolean;
  order: OpenOrder;
  /** Only these sifat (null: all). */
  urgencies: readonly string[] | null;
  keep: ((node: Disposition) => boolean) | null;
  prepare?: Prepare;
  offset: number;
  limit: number;
}): Promise<TabPage & { exact: boolean }> {
  const { state, statuses, order } = input;
  const sizes = new Map<string, number>();
  /** The cells holding something on a day (each one `openKey` to read). */
  const cellsOfDay = new Map<number, Array<{ status: OpenStatus; urgency: string }>>();
  const bucketOf = (urgency: string, day: number) =>
    order === 'priority' ? `${urgencyRank(urgency)}:${day}` : `${day}`;
  for (const [cell, count] of Object.entries(state.cells)) {
    const { status, dueEnd, urgency } = parseCell(cell);
    if (!statuses.includes(status) || (input.overdueOnly && dueEnd > state.today)) continue;
    if (input.urgencies && !input.urgencies.includes(urgency)) continue;
    const bucket = bucketOf(urgency, dueEnd);
    sizes.set(bucket, (sizes.get(bucket) ?? 0) + count);
    if (!cellsOfDay.has(dueEnd)) cellsOfDay.set(dueEnd, []);
    cellsOfDay.get(dueEnd)!.push({ status, urgency });
  }
  const parse = (bucket: string) => {
    const parts = bucket.split(':').map(Number);
    return parts.length === 2 ? { rank: parts[0]!, day: parts[1]! } : { rank: -1, day: parts[0]! };
  };
  const buckets = [...sizes.keys()].sort((a, b) => {
    const x = parse(a);
    const y = parse(b);
    return x.rank - y.rank || x.day - y.day;
  });
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  // One `openKey` read per (status, day, sifat) cell that holds something: a priority
  // bucket reads its sifat's cells of the day, a deadline bucket every sifat of the day.
  const fetch = async (bucket: string) => {
    const { rank, day } = parse(bucket);
    const keys = (cellsOfDay.get(day) ?? [])
      .filter((cell) => rank < 0 || urgencyRank(cell.urgency) === rank)
      .map((cell) => openKeyOf(state.positionId, cell.status, day, cell.urgency));
    const nodes = (
      await Promise.all(
        keys.map((openKey) => DispositionModel.find({ openKey }).lean<Disposition[]>()),
      )
    ).flat();
    return input.prepare ? input.prepare(nodes) : nodes;
  };
  const compare = compareOpen(order);
  if (!input.keep) {
    const { rest, skipped } = pageBuckets(
      buckets,
      (bucket) => sizes.get(bucket)!,
      input.offset,
      input.limit,
    );
    const page = await walkBuckets({
      buckets: rest,
      parallel: Math.max(rest.length, 1),
      firstRound: rest.length,
      fetch,
      compare,
      offset: input.offset - skipped,
      limit: input.limit,
    });
    return { nodes: page.items, total, exact: true };
  }
  const page = await walkBuckets({
    buckets,
    fetch,
    keep: input.keep,
    compare,
    offset: input.offset,
    limit: input.limit,
    maxScanned: MAX_FILTERED_SCAN,
  });
  return { nodes: page.items, total: page.total, exact: page.exhausted };
}

export interface HistoryTab {
  series: PositionSeries;
  /** The day buckets merged per day (the closed tab: cancelled and returned). */
  kinds: SeriesKind[];
  /** The field the buckets are named after, newest first. */
  order: 'sentAt' | 'closedAt';
  /** Membership of the tab; `exact` when it is the whole of the buckets (so the day
   * counts can skip days). */
  member: (node: Disposition) => boolean;
  exact: boolean;
  /** Filters on top of membership (sifat, status, sender, classification); null when
   * there are none. */
  keep: ((node: Disposition) => boolean) | null;
  prepare?: Prepare;
  /** The tab's exact size (from the day counts). */
  members: number;
  offset: number;
  limit: number;
}

export async function historyPage(tab: HistoryTab): Promise<TabPage & { exact: boolean }> {
  const { series, kinds } = tab;
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
  // Today (and yesterday until it is final): few nodes, counts not kept yet; read first.
  const liveDays = series.liveDays();
  const live = new Map(
    (await Promise.all(liveDays.map(fetchDay))).map((docs, i) => [liveDays[i]!, docs]),
  );
  const past = new Map<number, number>();
  for (const kind of kinds)
    for (const [day, count] of series.past(kind)) past.set(day, (past.get(day) ?? 0) + count);
  const days = [...liveDays, ...[...past.keys()].sort((a, b) => b - a)];
  const size = (day: number) =>
    live.has(day) ? live.get(day)!.filter(tab.member).length : past.get(day)!;
  const keep = tab.keep;
  const known = tab.exact && !keep;
  const { rest, skipped } = known
    ? pageBuckets(days, size, tab.offset, tab.limit)
    : { rest: days, skipped: 0 };
  const page = await walkBuckets({
    buckets: rest.map(String),
    parallel: known ? Math.max(rest.length, 1) : undefined,
    firstRound: known ? rest.length : 1,
    fetch: async (day) => {
      const nodes = live.get(Number(day)) ?? (await fetchDay(Number(day)));
      return tab.prepare ? tab.prepare(nodes) : nodes;
    },
    keep: keep ? (node) => tab.member(node) && keep(node) : tab.member,
    compare: (a, b) =>
      new Date(b[tab.order] ?? 0).getTime() - new Date(a[tab.order] ?? 0).getTime() ||
      String(b._id).localeCompare(String(a._id)),
    offset: tab.offset - skipped,
    limit: tab.limit,
    maxScanned: keep ? MAX_FILTERED_SCAN : undefined,
  });
  return keep
    ? { nodes: page.items, total: page.total, exact: page.exhausted }
    : { nodes: page.items, total: tab.members, exact: true };
}
