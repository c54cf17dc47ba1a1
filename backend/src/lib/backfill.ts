import mongoose, { Schema } from 'mongoose';
import { now } from './clock.ts';

/**
 * Start-up backfills of derived fields (access keys) for documents written by older
 * versions. Each pass is idempotent (it only writes documents whose derived fields are
 * missing or differ); the marker records that a pass of a given version finished, so later
 * starts do not read the collection again.
 */
const markerSchema = new Schema(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    finishedAt: { type: Date, required: true },
    updated: { type: Number, default: 0 },
  },
  { collection: 'backfill_markers', versionKey: false },
);
export const BackfillMarkerModel = mongoose.model('BackfillMarker', markerSchema);

export async function backfillDone(name: string, version: number): Promise<boolean> {
  const marker = await BackfillMarkerModel.findById(name).lean<{ version: number }>();
  return (marker?.version ?? 0) >= version;
}

export async function markBackfillDone(
  name: string,
  version: number,
  updated: number,
): Promise<void> {
  await BackfillMarkerModel.updateOne(
    { _id: name },
    { $set: { version, finishedAt: now(), updated } },
    { upsert: true },
  );
}

/** Streams a collection in batches (natural order: no sort for the engine to do) and
 * hands each batch to `write`, which returns how many documents it changed. */
export async function inBatches<T>(
  cursor: AsyncIterable<unknown>,
  batchSize: number,
  write: (batch: T[]) => Promise<number>,
): Promise<{ scanned: number; updated: number }> {
  let batch: T[] = [];
  let scanned = 0;
  let updated = 0;
  for await (const doc of cursor) {
    batch.push(doc as T);
    scanned += 1;
    if (batch.length >= batchSize) {
      updated += await write(batch);
      batch = [];
    }
  }
  if (batch.length > 0) updated += await write(batch);
  return { scanned, updated };
}

/** Ops per bulkWrite: FerretDB 1.24 on PostgreSQL was seen to hang on one `update` command
 * carrying 150 statements, while commands of 10 went through at once. */
export const BULK_CHUNK = 10;

/** A batch's writes, as bulkWrite commands of `BULK_CHUNK` operations each. */
export async function bulkWriteInChunks(
  model: { bulkWrite: (ops: never, options: { ordered: boolean }) => Promise<unknown> },
  ops: unknown[],
): Promise<void> {
  for (let i = 0; i < ops.length; i += BULK_CHUNK)
    await model.bulkWrite(ops.slice(i, i + BULK_CHUNK) as never, { ordered: false });
}
