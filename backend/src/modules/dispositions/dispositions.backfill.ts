import mongoose, { Schema, type AnyBulkWriteOperation } from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { bulkWriteInChunks, inBatches } from '../../lib/backfill.ts';
import { PositionModel } from '../org/org.model.ts';
import {
  CLOSED_SERIES,
  dayKeyOf,
  dayOf,
  dispositionKeys,
  inboxKeyOf,
  seriesOf,
  type SeriesKind,
} from './disposition.keys.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import { refreshOpenStates } from './open-state.ts';
import { markAllAwaitingDigestsStale } from '../letters/awaiting-digest.ts';
import { refreshLetterQueues } from '../letters/queue-state.ts';
import { rebuildSeries } from './series.ts';

/** Bump when `dispositionKeys` changes what it computes: the next start recomputes every
 * node instead of only those without keys. */
export const DISPOSITION_KEYS_VERSION = 3;
const BATCH = 500;
const WRITE_PARALLEL = 2;

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
 * then builds every position's day counts (series.ts) and open state (open-state.ts).
 * Idempotent: safe when two processes start at once (they write the same values) and when
 * cut off (the next start finishes it, since the marker is written last). After a bulk load
 * of nodes (the practice seed), run `afterBulkLoad` so the counts include them.
 *
 * - No marker (data of a version before the keys): every node lacking keys, in one pass.
 * - Marker of version 1 (keys without `openKey`/`hourKeys`) or 2 (`openKey` without the
 *   sifat, before issue 15's most-urgent-first open tabs): only the nodes those keys
 *   matter for, each position's open set and the nodes it received or closed in the last
 *   two days (`hourKeys` are read only for hours after the open state kept at the end of
 *   this pass). A closed node's `openKey` is null, as it is on a node without the field.
 *   At 100,000 letters that is a few thousand of the 300,000 nodes, read by position.
 * - `force`: every node, compared with what its keys should be.
 */
export async function backfillDispositionKeys(
  options: { force?: boolean; logger?: Logger; batchSize?: number } = {},
): Promise<{ scanned: number; updated: number }> {
  const marker = await KeyVersionModel.findById(MARKER).lean<{ version: number }>();
  const version = marker?.version ?? 0;
  if (!options.force && version >= DISPOSITION_KEYS_VERSION) return { scanned: 0, updated: 0 };
  const started = Date.now();
  const progress = { scanned: 0, updated: 0 };
  const write = async (batch: Disposition[]) => {
    const ops: AnyBulkWriteOperation[] = [];
    for (const node of batch) {
      const keys = dispositionKeys(node);
      if (!sameKeys(node, keys))
        ops.push({ updateOne: { filter: { _id: node._id }, update: { $set: keys } } });
    }
    // Small commands, two at once (lib/backfill.ts says why no more).
    await bulkWriteInChunks(DispositionModel, ops, { parallel: WRITE_PARALLEL });
    progress.scanned += batch.length;
    progress.updated += ops.length;
    if (progress.scanned % 10_000 < batch.length)
      options.logger?.info(
        { ...progress, seconds: Math.round((Date.now() - started) / 1000) },
        'disposition access keys: backfill in progress',
      );
  };
  if (options.force || version === 0) {
    // A start-up task, not a user request: one pass over the nodes that lack keys, or over
    // all of them when forced.
    const filter = options.force ? {} : { inboxKey: { $exists: false } };
    await inBatches<Disposition>(
      DispositionModel.find(filter).lean<Disposition[]>().cursor(),
      options.batchSize ?? BATCH,
      async (batch) => {
        await write(batch);
        return 0;
      },
    );
  } else {
    for (const positionId of await PositionModel.distinct('_id'))
      await write(await workingSet(String(positionId)));
  }
  // The day counts of every position's histories (their keys are unchanged since version
  // 1), and its open state, from the keys.
  const positions = options.force || version === 0 ? await rebuildSeries() : 0;
  await refreshOpenStates({ all: true });
  await markKeysCurrent(progress.updated);
  options.logger?.info(
    { ...progress, positions, seconds: Math.round((Date.now() - started) / 1000) },
    'disposition access keys backfilled',
  );
  return progress;
}

/** A position's open nodes and the nodes it received or closed since yesterday. */
async function workingSet(positionId: string): Promise<Disposition[]> {
  const days = [dayOf(now()) - 1, dayOf(now())];
  const reads = [
    DispositionModel.find({ inboxKey: inboxKeyOf(positionId, 'open') }).lean<Disposition[]>(),
    ...(['r', ...CLOSED_SERIES] as SeriesKind[]).flatMap((kind) =>
      days.map((day) =>
        DispositionModel.find({ dayKeys: dayKeyOf(seriesOf(positionId, kind), day) }).lean<
          Disposition[]
        >(),
      ),
    ),
  ];
  const nodes = new Map<string, Disposition>();
  for (const node of (await Promise.all(reads)).flat()) nodes.set(String(node._id), node);
  return [...nodes.values()];
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
    return (have ?? null) === want;
  });
}

/**
 * After a bulk load of nodes through the model (the practice seed's `insertMany`, whose
 * validate hook sets every key): builds the day counts and every open state, and marks the
 * keys current, so the next start does not read the collection again. One pass over the
 * nodes' day keys, then each position's open set.
 */
export async function afterBulkLoad(): Promise<void> {
  await rebuildSeries();
  await refreshOpenStates({ all: true });
  await markKeysCurrent(0);
  // The letters' kept queues (waiting, unread, tembusan) no bulk insert advances either.
  await refreshLetterQueues({ all: true });
  await markAllAwaitingDigestsStale();
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
