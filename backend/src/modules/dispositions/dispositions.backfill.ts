import mongoose, { Schema, type AnyBulkWriteOperation } from 'mongoose';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { isDuplicateKey } from '../numbering/numbering.service.ts';
import { dispositionKeys } from './disposition.keys.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import { rebuildSeries } from './series.ts';

/** Bump when `dispositionKeys` changes what it computes: the next start recomputes every
 * node instead of only those without keys. */
export const DISPOSITION_KEYS_VERSION = 1;
const BATCH = 500;

/** Which version of the keys every node has (one document); a start that finds the current
 * version skips the pass, so only the first start after an upgrade reads the collection. A
 * backup carries this marker with the nodes it describes. */
const markerSchema = new Schema(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    finishedAt: { type: Date, required: true },
    updated: { type: Number, default: 0 },
  },
  { collection: 'disposition_key_versions', versionKey: false },
);
const KeyVersionModel = mongoose.model('DispositionKeyVersion', markerSchema);
const MARKER = 'disposition-keys';

/**
 * Gives nodes stored by older versions (or by an older `dispositionKeys`) their access keys,
 * in batches with bulkWrite (nodes already right are not written), then builds every
 * position's day counts (series.ts). Idempotent: safe when two processes start at once
 * (they write the same values) and when cut off (the next start finishes it, since the
 * marker is written last). After a bulk load of nodes (the practice seed), run it with
 * `force` (or remove the marker) so the day counts include them.
 */
export async function backfillDispositionKeys(
  options: { force?: boolean; logger?: Logger; batchSize?: number } = {},
): Promise<{ scanned: number; updated: number }> {
  const marker = await KeyVersionModel.findById(MARKER).lean<{ version: number }>();
  if (!options.force && (marker?.version ?? 0) >= DISPOSITION_KEYS_VERSION)
    return { scanned: 0, updated: 0 };
  // A start-up task, not a user request: one pass over the nodes that lack keys, or over
  // all of them when an older version of the formulas was applied.
  const filter = marker || options.force ? {} : { inboxKey: { $exists: false } };
  const cursor = DispositionModel.find(filter).lean<Disposition[]>().cursor();
  let batch: Disposition[] = [];
  let scanned = 0;
  let updated = 0;
  const flush = async () => {
    const ops: AnyBulkWriteOperation[] = [];
    for (const node of batch) {
      const keys = dispositionKeys(node);
      if (!sameKeys(node, keys))
        ops.push({ updateOne: { filter: { _id: node._id }, update: { $set: keys } } });
    }
    if (ops.length > 0) await DispositionModel.bulkWrite(ops as never, { ordered: false });
    updated += ops.length;
    batch = [];
  };
  for await (const node of cursor) {
    batch.push(node as Disposition);
    scanned += 1;
    if (batch.length >= (options.batchSize ?? BATCH)) await flush();
  }
  if (batch.length > 0) await flush();
  // The day counts of every position's histories, from the keys just made right.
  const positions = await rebuildSeries();
  await markKeysCurrent(updated);
  options.logger?.info({ scanned, updated, positions }, 'disposition access keys backfilled');
  return { scanned, updated };
}

function sameKeys(node: Disposition, keys: ReturnType<typeof dispositionKeys>): boolean {
  return Object.entries(keys).every(([field, want]) => {
    const have = (node as Record<string, unknown>)[field];
    if (Array.isArray(want))
      return (
        Array.isArray(have) &&
        have.length === want.length &&
        want.every((k, i) => String(have[i]) === String(k))
      );
    return have === want;
  });
}

/**
 * After a bulk load of nodes through the model (the practice seed's `insertMany`, whose
 * validate hook sets every key): builds the day counts and marks the keys current, so the
 * next start does not read the collection again. One pass over the nodes' day keys.
 */
export async function afterBulkLoad(): Promise<void> {
  await rebuildSeries();
  await markKeysCurrent(0);
}

async function markKeysCurrent(updated: number): Promise<void> {
  // Two processes starting at once may both upsert: one insert loses on the unique _id.
  await KeyVersionModel.updateOne(
    { _id: MARKER },
    { $set: { version: DISPOSITION_KEYS_VERSION, finishedAt: now(), updated } },
    { upsert: true },
  ).catch((error: unknown) => {
    if (!isDuplicateKey(error)) throw error;
  });
}
