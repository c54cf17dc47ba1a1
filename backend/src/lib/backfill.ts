import { AsyncLocalStorage } from 'node:async_hooks';
import mongoose, { Schema } from 'mongoose';
import { now } from './clock.ts';
import type { Logger } from './logger.ts';
import { retryUpsertOnDuplicate } from './upsert.ts';

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
  // Processes starting at once may finish the same pass together (lib/upsert.ts).
  await retryUpsertOnDuplicate(() =>
    BackfillMarkerModel.updateOne(
      { _id: name },
      { $set: { version, finishedAt: now(), updated } },
      { upsert: true },
    ),
  );
}

/**
 * The lease a start-up pass runs under (files/lease.ts `runWithKeptLease`): short, and kept
 * by the pass as it goes, so that a runner that crashed mid-pass holds it for minutes, not
 * for the hour a whole pass was once given; the next start then takes it and, the pass being
 * idempotent, writes what is left.
 */
export const BACKFILL_LEASE_MS = 2 * 60_000;

const leaseKeeper = new AsyncLocalStorage<() => Promise<void>>();

/** Runs `pass` with `keep` called by the shared writers below before each chunk. */
export function keepingLease<T>(keep: () => Promise<void>, pass: () => Promise<T>): Promise<T> {
  return leaseKeeper.run(keep, pass);
}

/** Renews the lease of the pass running here, if any (throttled by the keeper); throws when
 * it was lost, so that the pass stops before its next write. */
export async function keepLease(): Promise<void> {
  await leaseKeeper.getStore()?.();
}

/** Streams a collection in batches (natural order: no sort for the engine to do) and
 * hands each batch to `write`, which returns how many documents it changed; the lease of
 * the pass is kept before each batch. */
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
      await keepLease();
      updated += await write(batch);
      batch = [];
    }
  }
  if (batch.length > 0) {
    await keepLease();
    updated += await write(batch);
  }
  return { scanned, updated };
}

/** Ops per bulkWrite: FerretDB 1.24 on PostgreSQL was seen to hang on one `update` command
 * carrying 150 statements, while commands of 10 went through at once. */
export const BULK_CHUNK = 10;

/**
 * A batch's writes (updates and upserts alike), as bulkWrite commands of `BULK_CHUNK`
 * operations each: the one chunked writer of the start-up backfills. `parallel` commands
 * go at once (default one). Keep it small: FerretDB 1.24 runs the statements of one command
 * side by side, each holding a PostgreSQL connection, and stalls for good once they exceed
 * its pool (seen with 4 commands of 25 at once; 2 of 10 are fine). The lease of the pass is
 * kept before each command, and once when there is nothing to write (a pass that reads much
 * and writes little keeps it too).
 */
export async function bulkWriteInChunks(
  model: { bulkWrite: (ops: never, options: { ordered: boolean }) => Promise<unknown> },
  ops: unknown[],
  options: { parallel?: number } = {},
): Promise<void> {
  const parallel = Math.max(1, options.parallel ?? 1);
  if (ops.length === 0) await keepLease();
  for (let i = 0; i < ops.length; i += BULK_CHUNK * parallel) {
    await keepLease();
    const commands: Promise<unknown>[] = [];
    for (let from = i; from < Math.min(ops.length, i + BULK_CHUNK * parallel); from += BULK_CHUNK)
      // Two processes writing the same upserts at once (a pass not under a lease: the
      // notification month counts, the classification tallies) collide on a new `_id`;
      // every caller's writes are `$set`s, so the chunk is written again (lib/upsert.ts).
      commands.push(
        retryUpsertOnDuplicate(() =>
          model.bulkWrite(ops.slice(from, from + BULK_CHUNK) as never, { ordered: false }),
        ),
      );
    await Promise.all(commands);
  }
}

/** Compares a stored key with a computed one: ObjectIds and dates by value, missing as null,
 * arrays element by element. */
export function sameKeyValue(stored: unknown, computed: unknown): boolean {
  return JSON.stringify(normalise(stored)) === JSON.stringify(normalise(computed));
}

function normalise(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(normalise);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && 'toHexString' in (value as object))
    return (value as { toHexString: () => string }).toHexString();
  return value;
}

interface KeyedModel {
  find: (
    filter: object,
    projection?: object,
  ) => {
    lean: <T>() => { cursor: () => AsyncIterable<unknown> } & PromiseLike<T>;
  };
  bulkWrite: (ops: never, options: { ordered: boolean }) => Promise<unknown>;
}

/** One start-up pass that gives documents of older versions their access keys. */
export interface KeyBackfill<T extends { _id: unknown }> {
  /** Marker id in `backfill_markers`. */
  marker: string;
  /** Bump when `keys` changes what it computes: the next start recomputes every document. */
  version: number;
  model: KeyedModel;
  /** The key fields `keys` returns; a document is written when one of them differs. */
  fields: readonly string[];
  keys: (doc: T) => Record<string, unknown>;
  /** Fields `keys` reads (the key fields are added); omitted: whole documents. */
  inputs?: readonly string[];
  batchSize: number;
  /** Sees every document with its keys (for figures built in the same pass). */
  visit?: (doc: T, keys: Record<string, unknown>) => void;
  /** Runs after the last batch, before the marker is set. */
  finish?: () => Promise<void>;
  /** Log line when documents were written. */
  message: string;
}

/**
 * The shape every key backfill shares (notifications, outgoing letters, audit events): skip
 * once a pass of this version finished; otherwise read the collection by one cursor in
 * natural order, compute each document's keys, write only the ones that differ (bulkWrite in
 * commands of `BULK_CHUNK`), then set the marker. Idempotent: several processes may run it
 * at once, each writes the same values.
 */
export async function backfillKeys<T extends { _id: unknown }>(
  spec: KeyBackfill<T>,
  options: { force?: boolean; logger?: Logger; batchSize?: number } = {},
): Promise<{ scanned: number; updated: number }> {
  if (!options.force && (await backfillDone(spec.marker, spec.version)))
    return { scanned: 0, updated: 0 };
  const projection = spec.inputs
    ? Object.fromEntries([...spec.inputs, ...spec.fields].map((f) => [f, 1]))
    : {};
  const cursor = spec.model.find({}, projection).lean<T[]>().cursor();
  const result = await inBatches<T>(cursor, options.batchSize ?? spec.batchSize, async (batch) => {
    const ops: unknown[] = [];
    for (const doc of batch) {
      const keys = spec.keys(doc);
      spec.visit?.(doc, keys);
      const stale = spec.fields.some(
        (field) => !sameKeyValue((doc as Record<string, unknown>)[field], keys[field]),
      );
      if (stale) ops.push({ updateOne: { filter: { _id: doc._id }, update: { $set: keys } } });
    }
    await bulkWriteInChunks(spec.model, ops);
    return ops.length;
  });
  await spec.finish?.();
  await markBackfillDone(spec.marker, spec.version, result.updated);
  if (result.updated > 0) options.logger?.info(result, spec.message);
  return result;
}
