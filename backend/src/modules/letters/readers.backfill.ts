import mongoose from 'mongoose';
import {
  backfillDone,
  inBatches,
  markBackfillDone,
  BACKFILL_LEASE_MS,
} from '../../lib/backfill.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Services } from '../../services.ts';
import { runWithKeptLease } from '../files/lease.ts';
import { PositionModel, type Position } from '../org/org.model.ts';
import { letterKeys } from './letters.keys.ts';
import { IncomingLetterModel, type IncomingLetter } from './letters.model.ts';
import { publishLetter } from './letters.side-effects.ts';

/**
 * Letters disposed before the chain rule (docs/security.md, "A pejabat sees the letters of
 * the positions below them") hold the recipients of their dispositions in
 * `readerPositionIds`, not the positions above those recipients: a disposition that skips a
 * level (Sekda → Kepala Bagian) hid the letter from the Kepala Biro and Asisten in between.
 * This pass adds the missing superiors, as `grantLetterAccess` does for every new
 * disposition, with their inbox buckets, and republishes the letter to search (whose hits
 * follow the same readers).
 *
 * Idempotent: only letters lacking a superior are written, with `$addToSet` (a disposition
 * granted meanwhile is never dropped); the marker (`backfill_markers`, this version) keeps
 * later starts from reading the collection again.
 */
export const READERS_BACKFILL = 'incoming-letter-readers';
export const READERS_VERSION = 1;
const BATCH = 500;

type Readers = Pick<IncomingLetter, '_id' | 'disposedPositionIds' | 'readerPositionIds'>;

/** Superiors of each disposed position that the letter's readers lack. */
export function missingReaders(
  letter: Pick<IncomingLetter, 'disposedPositionIds' | 'readerPositionIds'>,
  ancestorsOf: Map<string, string[]>,
): string[] {
  const have = new Set((letter.readerPositionIds ?? []).map(String));
  const missing = new Set<string>();
  for (const id of (letter.disposedPositionIds ?? []).map(String))
    for (const above of [id, ...(ancestorsOf.get(id) ?? [])])
      if (!have.has(above)) missing.add(above);
  return [...missing];
}

export async function backfillLetterReaders(
  options: { force?: boolean; logger?: Logger } = {},
): Promise<{ scanned: number; updated: number }> {
  if (!options.force && (await backfillDone(READERS_BACKFILL, READERS_VERSION)))
    return { scanned: 0, updated: 0 };
  // Positions are few (an organisation's, not its letters'): one read, kept in memory.
  const positions = await PositionModel.find({}, { ancestorIds: 1 }).lean<
    Pick<Position, '_id' | 'ancestorIds'>[]
  >();
  const ancestorsOf = new Map(
    positions.map((p) => [String(p._id), (p.ancestorIds ?? []).map(String)]),
  );
  const cursor = IncomingLetterModel.find({}, { disposedPositionIds: 1, readerPositionIds: 1 })
    .lean<Readers[]>()
    .cursor();
  const result = await inBatches<Readers>(cursor, BATCH, async (batch) => {
    let updated = 0;
    // One letter at a time: few letters lack readers, and FerretDB stalls on concurrent
    // batches of updates (lib/backfill.ts).
    for (const letter of batch) {
      const missing = missingReaders(letter, ancestorsOf);
      if (missing.length === 0) continue;
      const after = await IncomingLetterModel.findOneAndUpdate(
        { _id: letter._id },
        {
          $addToSet: {
            readerPositionIds: { $each: missing.map((id) => new mongoose.Types.ObjectId(id)) },
          },
        },
        { returnDocument: 'after' },
      ).lean<IncomingLetter>();
      if (!after) continue;
      const have = new Set(after.boxBuckets ?? []);
      const buckets = letterKeys(after).boxBuckets.filter((key) => !have.has(key));
      if (buckets.length > 0)
        await IncomingLetterModel.updateOne(
          { _id: after._id },
          { $addToSet: { boxBuckets: { $each: buckets } } },
        );
      if (after.status !== 'pending') await publishLetter(after);
      updated += 1;
    }
    return updated;
  });
  await markBackfillDone(READERS_BACKFILL, READERS_VERSION, result.updated);
  if (result.updated > 0)
    options.logger?.info(result, "incoming letters: recipients' superiors added to readers");
  return result;
}

/** Start-up task: one process at a time (the others serve meanwhile; the pass is idempotent
 * should the lease run out). */
export async function letterReadersStartupTask(services: Services): Promise<void> {
  await runWithKeptLease(`backfill:${READERS_BACKFILL}`, BACKFILL_LEASE_MS, async () => {
    await backfillLetterReaders({ logger: services.logger });
  });
}
