import { walkBuckets } from '../../lib/bucket-walk.ts';
import {
  dayKeyOf,
  openKeyOf,
  seriesOf,
  type OpenStatus,
  type SeriesKind,
} from './disposition.keys.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import { cellOf, parseCell, type OpenState } from './open-state.ts';
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
 * A filter no key serves (urgency) is applied to the buckets walked, at most
 * `MAX_FILTERED_SCAN` nodes, and the total is then estimated from what was read.
 */
export const MAX_FILTERED_SCAN = 2_000;

export interface TabPage {
  nodes: Disposition[];
  total: number;
}

const newestFirst = (a: Disposition, b: Disposition): number =>
  new Date(b.sentAt).getTime() - new Date(a.sentAt).getTime() ||
  String(b._id).localeCompare(String(a._id));

/** Open work is read by deadline, the rest newest first. */
const byDeadline = (a: Disposition, b: Disposition): number =>
  new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime() || newestFirst(a, b);

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

export async function openTabPage(input: {
  state: OpenState;
  statuses: readonly OpenStatus[];
  /** Only deadlines already ended (the overdue tab). */
  overdueOnly: boolean;
  keep: ((node: Disposition) => boolean) | null;
  offset: number;
  limit: number;
}): Promise<TabPage> {
  const { state, statuses } = input;
  const perDay = new Map<number, number>();
  for (const [cell, count] of Object.entries(state.cells)) {
    const { status, dueEnd } = parseCell(cell);
    if (!statuses.includes(status) || (input.overdueOnly && dueEnd > state.today)) continue;
    perDay.set(dueEnd, (perDay.get(dueEnd) ?? 0) + count);
  }
  const days = [...perDay.keys()].sort((a, b) => a - b);
  const total = [...perDay.values()].reduce((a, b) => a + b, 0);
  // Only the (status, day) buckets the counts say hold something.
  const fetch = async (day: number) =>
    (
      await Promise.all(
        statuses
          .filter((status) => (state.cells[cellOf(status, day)] ?? 0) > 0)
          .map((status) =>
            DispositionModel.find({ openKey: openKeyOf(state.positionId, status, day) }).lean<
              Disposition[]
            >(),
          ),
      )
    ).flat();
  if (!input.keep) {
    const { rest, skipped } = pageBuckets(
      days,
      (day) => perDay.get(day)!,
      input.offset,
      input.limit,
    );
    const page = await walkBuckets({
      buckets: rest.map(String),
      parallel: Math.max(rest.length, 1),
      firstRound: rest.length,
      fetch: (day) => fetch(Number(day)),
      compare: byDeadline,
      offset: input.offset - skipped,
      limit: input.limit,
    });
    return { nodes: page.items, total };
  }
  const page = await walkBuckets({
    buckets: days.map(String),
    fetch: (day) => fetch(Number(day)),
    keep: input.keep,
    compare: byDeadline,
    offset: input.offset,
    limit: input.limit,
    maxScanned: MAX_FILTERED_SCAN,
  });
  return { nodes: page.items, total: page.total };
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
  /** Filters on top of membership (urgency); null when there are none. */
  keep: ((node: Disposition) => boolean) | null;
  /** The tab's exact size (from the day counts). */
  members: number;
  offset: number;
  limit: number;
}

export async function historyPage(tab: HistoryTab): Promise<TabPage> {
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
    fetch: async (day) => live.get(Number(day)) ?? fetchDay(Number(day)),
    keep: keep ? (node) => tab.member(node) && keep(node) : tab.member,
    compare: (a, b) =>
      new Date(b[tab.order] ?? 0).getTime() - new Date(a[tab.order] ?? 0).getTime() ||
      String(b._id).localeCompare(String(a._id)),
    offset: tab.offset - skipped,
    limit: tab.limit,
    maxScanned: keep ? MAX_FILTERED_SCAN : undefined,
  });
  return { nodes: page.items, total: keep ? page.total : tab.members };
}
