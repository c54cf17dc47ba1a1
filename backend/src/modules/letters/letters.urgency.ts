import {
  backfillDone,
  bulkWriteInChunks,
  markBackfillDone,
  BACKFILL_LEASE_MS,
} from '../../lib/backfill.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Services } from '../../services.ts';
import { runWithKeptLease } from '../files/lease.ts';
import {
  agendaBucketOf,
  KEYED_URGENCIES,
  letterKeys,
  URGENCY_BUCKET_SIZE,
  urgencyBucketOf,
} from './letters.keys.ts';
import { IncomingLetterModel, type IncomingLetter } from './letters.model.ts';

/**
 * The desk's register by sifat (issue 15: "the register's urgency filter still reads too
 * much"; a most-urgent-first order over the whole register). Sangat Segera and Segera
 * letters carry `urgencyBucket` `<register>:<year>:<urgency>:<floor(n/1000)>`
 * (letters.keys.ts), so:
 *
 * - a filter on those sifat reads only their letters, a thousand agenda numbers at a time
 *   (about 50 Sangat Segera or 200 Segera letters a bucket), newest first, instead of every
 *   `agendaBucket` (100 letters of all sifat each);
 * - "Paling mendesak" (sort by sifat, most urgent first, then the newest agenda number)
 *   walks the Sangat Segera buckets of every (register, year), then the Segera ones, then
 *   the agenda buckets keeping Biasa letters (three in four there). The buckets do not
 *   overlap in that order, so pages never repeat or skip a letter, and the order holds over
 *   the whole register, not only its newest 2,000 letters.
 *
 * Letters stored before the key get it from a start-up pass (`backfillUrgencyBuckets`);
 * until that pass has finished the lists take the agenda buckets as before.
 */
const MARKER = 'incoming-letter-urgency-buckets';
const VERSION = 1;
const BATCH = 500;

export interface UrgencySeries {
  register: string;
  year: number;
  last: number;
}

/** Bucket ids of a walk: `u|<urgencyBucket>[,<urgencyBucket>]` (read and merged) or
 * `a|<agendaBucket>` (its Biasa letters). `sifatFirst`: every bucket of the first sifat,
 * then of the next ("Paling mendesak"); otherwise agenda order, the sifat of one thousand
 * numbers read together (they interleave in that order). */
export function urgencyWalkBuckets(
  series: UrgencySeries[],
  urgencies: readonly string[],
  order: 'asc' | 'desc',
  sifatFirst: boolean,
): string[] {
  const out: string[] = [];
  const numbers = (s: UrgencySeries, size: number) => {
    const top = Math.floor(s.last / size);
    const all = Array.from({ length: top + 1 }, (_, i) => i);
    return order === 'desc' ? all.reverse() : all;
  };
  if (!sifatFirst) {
    for (const s of series)
      for (const b of numbers(s, URGENCY_BUCKET_SIZE))
        out.push(`u|${urgencies.map((u) => urgencyBucketOf(s.register, s.year, u, b)).join(',')}`);
    return out;
  }
  for (const urgency of urgencies) {
    if ((KEYED_URGENCIES as readonly string[]).includes(urgency)) {
      for (const s of series)
        for (const b of numbers(s, URGENCY_BUCKET_SIZE))
          out.push(`u|${urgencyBucketOf(s.register, s.year, urgency, b)}`);
    } else {
      for (const s of series)
        for (const b of numbers(s, 100)) out.push(`a|${agendaBucketOf(s.register, s.year, b)}`);
    }
  }
  return out;
}

/** The letters of one walk bucket: one equality read; an agenda bucket keeps its Biasa. */
export async function fetchUrgencyBucket(
  bucket: string,
  fields: Record<string, 1> | null,
): Promise<IncomingLetter[]> {
  const [kind, key] = [bucket.slice(0, 1), bucket.slice(2)];
  if (kind === 'u')
    return (
      await Promise.all(
        key
          .split(',')
          .map((one) =>
            IncomingLetterModel.find({ urgencyBucket: one }, fields).lean<IncomingLetter[]>(),
          ),
      )
    ).flat();
  const letters = await IncomingLetterModel.find({ agendaBucket: key }, fields).lean<
    IncomingLetter[]
  >();
  return letters.filter((l) => !(KEYED_URGENCIES as readonly string[]).includes(l.urgency));
}

let ready = false;
let checkedAt = 0;
/** Whether every letter has its `urgencyBucket` (the start-up pass finished); checked
 * again at most every 30 s until it has. */
export async function urgencyBucketsReady(): Promise<boolean> {
  if (ready) return true;
  if (Date.now() - checkedAt < 30_000) return false;
  checkedAt = Date.now();
  ready = await backfillDone(MARKER, VERSION);
  return ready;
}

/** Gives every numbered letter its `urgencyBucket` (start-up, once per version): one
 * cursor over the letters, only those whose key differs written. */
export async function backfillUrgencyBuckets(
  options: { force?: boolean; logger?: Logger } = {},
): Promise<{ scanned: number; updated: number }> {
  if (!options.force && (await backfillDone(MARKER, VERSION))) {
    ready = true;
    return { scanned: 0, updated: 0 };
  }
  let scanned = 0;
  let updated = 0;
  let batch: IncomingLetter[] = [];
  const flush = async () => {
    const ops = batch
      .map((letter) => ({ letter, key: letterKeys(letter).urgencyBucket }))
      .filter(({ letter, key }) => (letter.urgencyBucket ?? null) !== key)
      .map(({ letter, key }) => ({
        updateOne: { filter: { _id: letter._id }, update: { $set: { urgencyBucket: key } } },
      }));
    await bulkWriteInChunks(IncomingLetterModel, ops);
    updated += ops.length;
    batch = [];
  };
  const cursor = IncomingLetterModel.find(
    {},
    {
      _id: 1,
      status: 1,
      register: 1,
      agendaYear: 1,
      agendaNumber: 1,
      urgency: 1,
      urgencyBucket: 1,
      addresseePositionId: 1,
    },
  )
    .lean<IncomingLetter[]>()
    .cursor();
  for await (const letter of cursor) {
    scanned += 1;
    batch.push(letter as IncomingLetter);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  await markBackfillDone(MARKER, VERSION, updated);
  ready = true;
  if (updated > 0) options.logger?.info({ scanned, updated }, 'incoming letters: urgency buckets');
  return { scanned, updated };
}

/** Beside serving, not before it (a whole pass over the letters: about 3 minutes at 10,000
 * on a busy machine): until it has finished, the lists walk the agenda buckets as before. */
export async function letterUrgencyStartupTask(services: Services): Promise<void> {
  void runWithKeptLease('backfill:incoming-letter-urgency-buckets', BACKFILL_LEASE_MS, async () => {
    await backfillUrgencyBuckets({ logger: services.logger });
  }).catch((error) =>
    services.logger.error({ err: error }, 'incoming letters: urgency buckets failed'),
  );
}
