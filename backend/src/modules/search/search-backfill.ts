import type { AnyBulkWriteOperation } from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import { inBatches } from '../../lib/backfill.ts';
import type { Logger } from '../../lib/logger.ts';
import { SearchCounterModel, SearchEventModel, seqBucketOf } from './search-event.model.ts';

/** Marks (in search_counters) that every event written before `seqBucket` existed has it. */
const MARKER = 'backfill:seqBucket';
const VERSION = 1;

/**
 * Gives events written by older versions their `seqBucket` (the tail reads by bucket). Runs
 * before the index starts; idempotent and safe in several processes at once (each write sets
 * the one value the event's seq implies, and only on events lacking it). Once finished, a
 * marker spares later starts the scan. Events a script inserts later without the field are
 * found by the tail itself (indexer.ts heals a hole by looking its seqs up one by one).
 */
export async function backfillSeqBuckets(
  logger: Logger,
  options: { force?: boolean } = {},
): Promise<number> {
  const marker = await SearchCounterModel.findById(MARKER).lean<{ value: number }>();
  if (!options.force && (marker?.value ?? 0) >= VERSION) return 0;
  const missing = SearchEventModel.find({ seqBucket: { $exists: false } }, { seq: 1 })
    .lean<Array<{ _id: unknown; seq: number }>>()
    .cursor();
  const { updated } = await inBatches<{ _id: unknown; seq: number }>(
    missing,
    500,
    async (batch) => {
      const ops: AnyBulkWriteOperation[] = batch.map((event) => ({
        updateOne: {
          filter: { _id: event._id },
          update: { $set: { seqBucket: seqBucketOf(event.seq) } },
        },
      }));
      await SearchEventModel.bulkWrite(ops, { ordered: false });
      return ops.length;
    },
  );
  await SearchCounterModel.updateOne(
    { _id: MARKER },
    { $max: { value: VERSION } },
    { upsert: true },
  ).catch((error: unknown) => {
    // Another process finishing the same pass at the same moment created the marker.
    if (!isDuplicateKey(error)) throw error;
  });
  if (updated > 0) logger.info({ updated }, 'search events given their seqBucket');
  return updated;
}
