import type { AnyBulkWriteOperation } from 'mongoose';
import {
  backfillDone,
  bulkWriteInChunks,
  inBatches,
  markBackfillDone,
} from '../../lib/backfill.ts';
import type { Logger } from '../../lib/logger.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { CounterModel } from '../numbering/counter.model.ts';
import { letterKeys, LETTER_KEY_FIELDS, senderPrefixesOf } from './letters.keys.ts';
import {
  IncomingLetterModel,
  IncomingRegisterModel,
  SenderModel,
  type IncomingLetter,
  type Sender,
} from './letters.model.ts';
import { highestAgendaNumber } from './registration.service.ts';

/** Bump when `letterKeys` changes what it computes: the next start recomputes every letter.
 * 2: `agendaSlot`, and the file count of letters from before it was kept (a version-1 pass
 * had already run on data seeded before `fileCount`, so those letters never got it). */
export const LETTER_KEYS_VERSION = 2;
const MARKER = 'incoming-letter-keys';
const BATCH = 500;

function sameKeys(letter: IncomingLetter, keys: ReturnType<typeof letterKeys>): boolean {
  return LETTER_KEY_FIELDS.every((field) => {
    const have = (letter as Record<string, unknown>)[field];
    const want = keys[field];
    if (Array.isArray(want))
      return (
        Array.isArray(have) && have.length === want.length && want.every((k, i) => have[i] === k)
      );
    return (have ?? null) === want;
  });
}

/**
 * Gives letters written before the access keys existed (or by an older `letterKeys`) their
 * keys and file count, in batches with bulkWrite; letters already right are not written.
 * Then raises each register's counters to the highest number the letters hold (a crash
 * between a claim and the counter leaves it behind; the register's pages count on it).
 * Idempotent, and skipped once a pass of this version has finished.
 */
export async function backfillLetterKeys(
  options: { force?: boolean; logger?: Logger; batchSize?: number } = {},
): Promise<{ scanned: number; updated: number; senders: number; countersRaised: number }> {
  if (!options.force && (await backfillDone(MARKER, LETTER_KEYS_VERSION)))
    return { scanned: 0, updated: 0, senders: 0, countersRaised: 0 };
  const cursor = IncomingLetterModel.find({}).lean<IncomingLetter[]>().cursor();
  const result = await inBatches<IncomingLetter>(
    cursor,
    options.batchSize ?? BATCH,
    async (batch) => {
      const ops: AnyBulkWriteOperation[] = [];
      const fileCounts = await countFilesOf(
        batch.filter((letter) => typeof letter.fileCount !== 'number'),
      );
      for (const letter of batch) {
        const keys = letterKeys(letter);
        const set: Record<string, unknown> = {};
        if (!sameKeys(letter, keys)) Object.assign(set, keys);
        const files = fileCounts.get(String(letter._id));
        if (files !== undefined) set.fileCount = files;
        if (Object.keys(set).length > 0)
          ops.push({ updateOne: { filter: { _id: letter._id }, update: { $set: set } } });
      }
      await bulkWriteInChunks(IncomingLetterModel, ops);
      return ops.length;
    },
  );
  const senders = await backfillSenderPrefixes();
  const countersRaised = await reconcileAgendaCounters();
  await markBackfillDone(MARKER, LETTER_KEYS_VERSION, result.updated);
  if (result.updated > 0 || countersRaised > 0 || senders > 0)
    options.logger?.info(
      { ...result, senders, countersRaised },
      'incoming letters: access keys backfilled',
    );
  return { ...result, senders, countersRaised };
}

/** Files of each letter, by one equality per letter, a few dozen at a time. */
async function countFilesOf(letters: IncomingLetter[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < letters.length; i += 25) {
    const slice = letters.slice(i, i + 25);
    const n = await Promise.all(
      slice.map((letter) =>
        StoredFileModel.countDocuments({ ownerType: 'incoming', ownerId: letter._id }),
      ),
    );
    slice.forEach((letter, j) => counts.set(String(letter._id), n[j]!));
  }
  return counts;
}

/** Address-book entries written before the word prefixes existed. */
async function backfillSenderPrefixes(): Promise<number> {
  const cursor = SenderModel.find({}, { nameKey: 1, prefixes: 1 }).lean<Sender[]>().cursor();
  const result = await inBatches<Sender>(cursor, BATCH, async (batch) => {
    const ops = batch
      .filter((sender) => !sender.prefixes?.length)
      .map((sender) => ({
        updateOne: {
          filter: { _id: sender._id },
          update: { $set: { prefixes: senderPrefixesOf(sender.nameKey) } },
        },
      }));
    await bulkWriteInChunks(SenderModel, ops);
    return ops.length;
  });
  return result.updated;
}

/** Each register's counters raised to the highest agenda number its letters hold. */
export async function reconcileAgendaCounters(): Promise<number> {
  let raised = 0;
  const registers = await IncomingRegisterModel.find({}, { code: 1 }).lean();
  for (const { code } of registers) {
    const series = `incoming:${code}`;
    for (const counter of await CounterModel.find({ series }).lean()) {
      const top = await highestAgendaNumber(series, code, counter.year);
      if (top > counter.last) {
        await CounterModel.updateOne({ series, year: counter.year }, { $max: { last: top } });
        raised += 1;
      }
    }
  }
  return raised;
}
