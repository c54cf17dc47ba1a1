import {
  BACKFILL_LEASE_MS,
  backfillDone,
  bulkWriteInChunks,
  markBackfillDone,
} from '../../lib/backfill.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Services } from '../../services.ts';
import { runWithKeptLease } from '../files/lease.ts';
import { CounterModel } from '../numbering/counter.model.ts';
import { AGENDA_BUCKET_SIZE, agendaBucketOf } from './letters.keys.ts';
import { IncomingLetterModel, IncomingRegisterModel } from './letters.model.ts';
import { guessSenderCategory, INTERNAL_NOTE, UNRECORDED_CHANNEL } from './sender-category.ts';

const MARKER = 'incoming-letter-sender-category';
const VERSION = 1;
/** The lease of the pass (one replica at a time). */
export const SENDER_CATEGORY_LEASE = `backfill:${MARKER}`;

interface Row {
  _id: unknown;
  senderName: string;
  notes?: string;
  senderCategory?: string | null;
  channel?: string | null;
}

/**
 * Letters registered before the sender category and channel were recorded (issue 17) get
 * the category guessed from the sender's name (sender-category.ts) and the channel
 * `tidak-tercatat`; internal letters (dispatched through Lontar, known by their note) get
 * `lontar`. Reads the buku agenda a bucket at a time (`agendaBucket`, one indexed
 * equality, a hundred letters) over every (register, year) the counters know, and writes
 * only the letters lacking a field (the values a clerk chose are never touched). Pending
 * letters have no number and no bucket: they are registered with both fields, or swept.
 * Idempotent; skipped once a pass of this version has finished. Each bucket's write keeps
 * the pass's lease (lib/backfill.ts `bulkWriteInChunks`).
 */
export async function backfillSenderCategories(
  options: { force?: boolean; logger?: Logger } = {},
): Promise<{ scanned: number; updated: number }> {
  if (!options.force && (await backfillDone(MARKER, VERSION))) return { scanned: 0, updated: 0 };
  let scanned = 0;
  let updated = 0;
  const registers = await IncomingRegisterModel.find({}, { code: 1 }).lean<
    Array<{ code: string }>
  >();
  for (const { code } of registers) {
    const counters = await CounterModel.find(
      { series: `incoming:${code}` },
      { year: 1, last: 1 },
    ).lean<Array<{ year: number; last: number }>>();
    for (const counter of counters) {
      for (let bucket = 0; bucket <= Math.floor(counter.last / AGENDA_BUCKET_SIZE); bucket++) {
        const letters = await IncomingLetterModel.find(
          { agendaBucket: agendaBucketOf(code, counter.year, bucket) },
          { senderName: 1, notes: 1, senderCategory: 1, channel: 1 },
        ).lean<Row[]>();
        scanned += letters.length;
        const ops = letters
          .filter((l) => !l.senderCategory || !l.channel)
          .map((l) => ({
            updateOne: {
              filter: { _id: l._id },
              update: { $set: fieldsFor(l) },
            },
          }));
        await bulkWriteInChunks(IncomingLetterModel, ops);
        updated += ops.length;
      }
    }
  }
  await markBackfillDone(MARKER, VERSION, updated);
  if (updated > 0)
    options.logger?.info({ scanned, updated }, 'incoming letters: sender category backfilled');
  return { scanned, updated };
}

function fieldsFor(letter: Row): Record<string, string> {
  const set: Record<string, string> = {};
  if (!letter.senderCategory)
    set.senderCategory = guessSenderCategory(letter.senderName, letter.notes ?? '');
  if (!letter.channel)
    set.channel = (letter.notes ?? '').startsWith(INTERNAL_NOTE) ? 'lontar' : UNRECORDED_CHANNEL;
  return set;
}

/** One pass under its kept lease (files/lease.ts `runWithKeptLease`): a runner that crashed
 * mid-pass lets the next one in after BACKFILL_LEASE_MS, which writes the letters still
 * lacking the fields. False when another runner holds the lease. */
export function runSenderCategoryBackfill(logger?: Logger): Promise<boolean> {
  return runWithKeptLease(SENDER_CATEGORY_LEASE, BACKFILL_LEASE_MS, async () => {
    await backfillSenderCategories({ logger });
  });
}

/** Start-up, beside serving (until it has passed a letter, the reports count that letter
 * by the same guess). */
export async function senderCategoryStartupTask(services: Services): Promise<void> {
  void runSenderCategoryBackfill(services.logger).catch((error: unknown) =>
    services.logger.warn({ err: error }, 'sender category backfill failed'),
  );
}
