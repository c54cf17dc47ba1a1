import mongoose, { Schema } from 'mongoose';
import { now } from '../../lib/clock.ts';
import { dayKeyOf, dayOf, parseDayKey, seriesOf, type SeriesKind } from './disposition.keys.ts';
import { DispositionModel } from './disposition.model.ts';
import { isDuplicateKey, retryUpsertOnDuplicate } from '../../lib/upsert.ts';

/**
 * Day counts of a position's histories (disposition.keys.ts `dayKeys`): how many nodes it
 * received, sent and closed with each status, per day. A node enters a day bucket on that
 * day and never leaves it, so a past day's count is final: it is counted once (one small
 * `countDocuments` on the day's key) and kept here, one document per position. Totals are
 * the kept days plus the last day or two counted live, and a history is paged by reading
 * only the days a page needs: no request counts or sorts a whole history (FerretDB decodes
 * every document a count or sort touches).
 *
 * `throughDay`: days up to it are final and listed in `days[kind]` (non-zero days only). A
 * day is final ten minutes after it ended; a node written late for an earlier day (a change
 * rolled forward after a crash) moves `throughDay` back before that day (`touchSeries`), so
 * the day is counted again.
 */
const seriesSchema = new Schema(
  {
    _id: { type: String, required: true },
    throughDay: { type: Number, required: true },
    days: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'disposition_series', versionKey: false, minimize: false },
);
export const DispositionSeriesModel = mongoose.model('DispositionSeries', seriesSchema);

type DayCounts = Record<string, number>;
interface SeriesDoc {
  _id: string;
  throughDay: number;
  days: Partial<Record<SeriesKind, DayCounts>>;
}

export const SERIES_KINDS: readonly SeriesKind[] = [
  'r',
  's',
  'selesai',
  'dibatalkan',
  'dikembalikan',
];
const SETTLE_MS = 10 * 60_000;

/** The last day whose counts are final at `at`. */
export function settledDay(at: Date): number {
  return dayOf(new Date(at.getTime() - SETTLE_MS)) - 1;
}

/** A position's histories as of `at`: final day counts, and the days still counted live. */
export interface PositionSeries {
  positionId: string;
  throughDay: number;
  today: number;
  /** Final counts per day, newest day first. */
  past(kind: SeriesKind): Array<[day: number, count: number]>;
  pastTotal(kind: SeriesKind): number;
  /** Days after `throughDay` up to today, newest first. */
  liveDays(): number[];
}

export async function loadSeries(positionId: string, at: Date = now()): Promise<PositionSeries> {
  const settled = settledDay(at);
  let doc = await DispositionSeriesModel.findById(positionId).lean<SeriesDoc>();
  if (doc && doc.throughDay < settled) doc = await advance(doc, settled);
  // No document: the position has no node older than the ones written since it was made
  // (writers create it, the start-up pass builds it for older data).
  const through = doc?.throughDay ?? settled;
  const today = dayOf(at);
  const days = doc?.days ?? {};
  return {
    positionId,
    throughDay: through,
    today,
    past: (kind) =>
      Object.entries(days[kind] ?? {})
        .map(([day, count]) => [Number(day), count] as [number, number])
        .filter(([day, count]) => day <= through && count > 0)
        .sort((a, b) => b[0] - a[0]),
    pastTotal: (kind) =>
      Object.entries(days[kind] ?? {}).reduce(
        (sum, [day, count]) => (Number(day) <= through ? sum + count : sum),
        0,
      ),
    liveDays: () => {
      const out: number[] = [];
      for (let day = today; day > through; day--) out.push(day);
      return out;
    },
  };
}

/** Counts the days that became final since the document was last advanced, and keeps
 * them. Two processes advancing at once write the same values (past days are final). */
async function advance(doc: SeriesDoc, settled: number): Promise<SeriesDoc> {
  const from = doc.throughDay + 1;
  const work: Array<{ kind: SeriesKind; day: number }> = [];
  for (let day = from; day <= settled; day++)
    for (const kind of SERIES_KINDS) work.push({ kind, day });
  // A few dozen small counts at a time (a position idle for months has many empty days).
  const counts: number[] = [];
  for (let i = 0; i < work.length; i += 50)
    counts.push(
      ...(await Promise.all(
        work.slice(i, i + 50).map(({ kind, day }) => countDay(doc._id, kind, day)),
      )),
    );
  const days: SeriesDoc['days'] = structuredClone(doc.days ?? {});
  work.forEach(({ kind, day }, i) => {
    if (counts[i]! > 0) (days[kind] ??= {})[String(day)] = counts[i]!;
  });
  await DispositionSeriesModel.updateOne(
    { _id: doc._id, throughDay: doc.throughDay },
    { $set: { throughDay: settled, days } },
  );
  return { ...doc, throughDay: settled, days };
}

/** Live count of one day of one series. */
export function countDay(positionId: string, kind: SeriesKind, day: number): Promise<number> {
  return DispositionModel.countDocuments({ dayKeys: dayKeyOf(seriesOf(positionId, kind), day) });
}

/** Exact size of a history: final days plus the live ones. */
export async function seriesTotal(series: PositionSeries, kind: SeriesKind): Promise<number> {
  const live = await Promise.all(
    series.liveDays().map((day) => countDay(series.positionId, kind, day)),
  );
  return series.pastTotal(kind) + live.reduce((a, b) => a + b, 0);
}

/**
 * Called after a node got day keys (inserted, or closed): makes sure its positions have a
 * series document, and moves `throughDay` back when a key names a day already final, so
 * that day is counted again.
 */
export async function touchSeries(dayKeys: readonly string[]): Promise<void> {
  const earliest = new Map<string, number>();
  for (const key of dayKeys) {
    const { series, day } = parseDayKey(key);
    const positionId = series.slice(0, series.lastIndexOf(':'));
    earliest.set(positionId, Math.min(earliest.get(positionId) ?? day, day));
  }
  await Promise.all(
    [...earliest].map(async ([positionId, day]) => {
      const doc = await DispositionSeriesModel.findById(positionId).lean<SeriesDoc>();
      if (!doc) {
        await DispositionSeriesModel.create({ _id: positionId, throughDay: day - 1, days: {} })
          .then(() => undefined)
          .catch(async (error: unknown) => {
            if (!isDuplicateKey(error)) throw error;
            await rewind(positionId, day);
          });
        return;
      }
      if (doc.throughDay >= day) await rewind(positionId, day);
    }),
  );
}

async function rewind(positionId: string, day: number): Promise<void> {
  const doc = await DispositionSeriesModel.findById(positionId).lean<SeriesDoc>();
  if (!doc || doc.throughDay < day) return;
  const days: SeriesDoc['days'] = {};
  for (const [kind, counts] of Object.entries(doc.days ?? {}))
    days[kind as SeriesKind] = Object.fromEntries(
      Object.entries(counts ?? {}).filter(([d]) => Number(d) < day),
    );
  await DispositionSeriesModel.updateOne(
    { _id: positionId },
    { $set: { throughDay: day - 1, days } },
  );
}

/**
 * Builds every position's day counts from the nodes (start-up backfill, and after a bulk
 * load such as the practice seed): one pass over the collection, its day keys only.
 */
export async function rebuildSeries(at: Date = now()): Promise<number> {
  const settled = settledDay(at);
  const docs = new Map<string, SeriesDoc['days']>();
  const cursor = DispositionModel.find({}, { dayKeys: 1 })
    .lean<Array<{ dayKeys?: string[] }>>()
    .cursor();
  for await (const node of cursor) {
    for (const key of (node as { dayKeys?: string[] }).dayKeys ?? []) {
      const { series, day } = parseDayKey(key);
      const cut = series.lastIndexOf(':');
      const positionId = series.slice(0, cut);
      const kind = series.slice(cut + 1) as SeriesKind;
      const days = docs.get(positionId) ?? {};
      docs.set(positionId, days);
      if (day > settled) continue;
      const counts = (days[kind] ??= {});
      counts[String(day)] = (counts[String(day)] ?? 0) + 1;
      docs.set(positionId, days);
    }
  }
  // One replace per position, a few at once: FerretDB 1.24 stalls on a bulkWrite of
  // upserts against existing documents.
  const entries = [...docs];
  for (let i = 0; i < entries.length; i += 10)
    await Promise.all(
      entries.slice(i, i + 10).map(([positionId, days]) =>
        // Two processes starting at once both rebuild (lib/upsert.ts).
        retryUpsertOnDuplicate(() =>
          DispositionSeriesModel.replaceOne(
            { _id: positionId },
            { _id: positionId, throughDay: settled, days },
            { upsert: true },
          ),
        ),
      ),
    );
  return entries.length;
}
