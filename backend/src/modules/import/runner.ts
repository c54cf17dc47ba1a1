import mongoose from 'mongoose';
import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { fileStorage, type FileStorage } from '../files/file-storage.ts';
import {
  ImportBatchModel,
  ImportRowModel,
  ROW_BUCKET,
  rowBucketOf,
  type ImportBatch,
  type ImportRow,
} from './import.model.ts';
import { importChunk, type ChunkContext } from './import-chunk.ts';
import { keepLease, LeaseLostError, releaseLease, takeLease } from './lease.ts';
import { entryKey, importLimits, type ImportLimits } from './limits.ts';
import { mappedCode } from './mapping.ts';
import { openFolderSource, openZipSource, SourceError, type ImportSource } from './sources.ts';
import { BatchError, summarise, validateBatch } from './validate.ts';
import { UnitModel, type Unit } from '../org/org.model.ts';

export interface RunOptions {
  /** Stop after this many rows of the import phase, as if the process had stopped. */
  stopAfterRows?: number;
}

const running = new Set<string>();

/** Starts work on a batch in this process unless it already runs here (fire and forget;
 * progress and errors land on the batch document). */
export function kickBatch(services: Services, batchId: mongoose.Types.ObjectId | string): void {
  const id = String(batchId);
  if (running.has(id)) return;
  running.add(id);
  void processBatch(services, id)
    .catch((error) => services.logger.error({ err: error, batchId: id }, 'import batch failed'))
    .finally(() => running.delete(id));
}

export function isRunningHere(batchId: string): boolean {
  return running.has(batchId);
}

async function openSource(
  services: Services,
  batch: ImportBatch,
  limits: ImportLimits,
): Promise<{ source: ImportSource; manifest: () => Promise<AsyncIterable<Buffer>> }> {
  const storage = fileStorage(services.config);
  const source =
    batch.source.kind === 'zip'
      ? await openZipSource(storage, batch.source.key!, batch.source.size, limits)
      : await openFolderSource(batch.source.folder!, limits);
  const manifest = async (): Promise<AsyncIterable<Buffer>> => {
    const name = batch.source.manifest ?? 'manifest.csv';
    if (name.startsWith('imports/')) return (await storage.get(name)) as AsyncIterable<Buffer>;
    const entry =
      source.entries.get(entryKey(name)) ??
      [...source.entries.values()].find(
        (e) => /(^|\/)manifest\.csv$/i.test(e.name) && e.name.split('/').length <= 2,
      );
    if (!entry)
      throw new BatchError('Manifest (manifest.csv) tidak ditemukan di dalam sumber impor.');
    return (await source.open(entry)) as AsyncIterable<Buffer>;
  };
  return { source, manifest };
}

/**
 * Works on a batch while this process holds its lease: the dry run while `validating`,
 * the import while `importing`. Returns when the phase is finished, paused, or stopped.
 */
export async function processBatch(
  services: Services,
  batchId: string,
  options: RunOptions = {},
): Promise<void> {
  const batch = await takeLease(batchId);
  if (!batch) return;
  const limits = importLimits(services.config.MAX_UPLOAD_BYTES);
  let opened: Awaited<ReturnType<typeof openSource>> | null = null;
  try {
    opened = await openSource(services, batch, limits);
    if (batch.status === 'validating') {
      await validateBatch(batch, {
        source: opened.source,
        manifest: await opened.manifest(),
        limits,
      });
      await ImportBatchModel.updateOne(
        { _id: batch._id, status: 'validating' },
        { $set: { status: 'validated', validatedAt: now(), cursor: 1, error: null } },
      );
    } else if (batch.status === 'importing') {
      await importRows(services, batch, opened.source, limits, options);
    }
  } catch (error) {
    // Another runner took the batch over (this one stalled past its lease): leave it be.
    if (error instanceof LeaseLostError) return;
    if (error instanceof SourceError || error instanceof BatchError) {
      await ImportBatchModel.updateOne(
        { _id: batch._id },
        { $set: { status: 'failed', batchProblems: [error.message], finishedAt: now() } },
      );
    } else {
      // Something outside the data (database, storage): stop here; a resume continues.
      await ImportBatchModel.updateOne(
        { _id: batch._id, status: 'importing' },
        { $set: { status: 'paused', error: (error as Error).message } },
      );
      await ImportBatchModel.updateOne(
        { _id: batch._id, status: 'validating' },
        { $set: { error: (error as Error).message } },
      );
      throw error;
    }
  } finally {
    opened?.source.close();
    await releaseLease(batch._id);
  }
}

/** Letters per chunk: the unit of progress, of pausing, and of the writes made for many
 * letters at once (import-chunk.ts). Rows are read several chunks at a time, because on
 * FerretDB's SQLite backend each read of rows goes through every row of every batch. */
const CHUNK = 50;

async function importRows(
  services: Services,
  batch: ImportBatch,
  source: ImportSource,
  limits: ImportLimits,
  options: RunOptions,
): Promise<void> {
  const storage = fileStorage(services.config);
  const units = new Map(
    (await UnitModel.find({}, { code: 1 }).lean<Unit[]>()).map((u) => [
      u.code.toLowerCase(),
      u._id,
    ]),
  );
  const codes = new Map<string, Promise<string | null>>();
  const context: ChunkContext = {
    storage,
    batch,
    source,
    limits,
    units,
    mapped: (code: string) => {
      if (!codes.has(code)) codes.set(code, mappedCode(code));
      return codes.get(code)!;
    },
  };
  await giveRowsLetterIds(batch._id);
  let queue: ImportRow[] = [];
  let done = 0;
  for (;;) {
    const current = await ImportBatchModel.findById(batch._id, {
      cursor: 1,
      pauseRequested: 1,
      status: 1,
      totalRows: 1,
    }).lean<ImportBatch>();
    if (!current || current.status !== 'importing') return;
    if (current.pauseRequested) {
      await ImportBatchModel.updateOne(
        { _id: batch._id },
        { $set: { status: 'paused', pauseRequested: false } },
      );
      await summarise(batch._id);
      return;
    }
    const allowed = Math.min(CHUNK, (options.stopAfterRows ?? Infinity) - done);
    if (allowed <= 0) {
      await summarise(batch._id);
      return;
    }
    if (queue.length === 0)
      queue = await validRowsFrom(batch._id, current.cursor, current.totalRows);
    if (queue.length === 0) {
      await finishBatch(batch, storage);
      return;
    }
    const rows = queue.splice(0, allowed);
    const outcome = await importChunk(context, rows, { firstOfRun: done === 0 });
    // One write per chunk: how far the import has come, and the live counters.
    const last = rows[rows.length - 1]!.row;
    await ImportBatchModel.updateOne(
      { _id: batch._id },
      {
        $set: { cursor: last + 1, importedThrough: last },
        $inc: { imported: outcome.imported, failedRows: outcome.failed },
      },
    );
    done += rows.length;
    await keepLease(batch._id);
  }
}

/**
 * The next valid rows from `cursor` on, one `rowBucket` at a time (a bucket holds 500 row
 * numbers): the first bucket with a valid row at or after the cursor, in row order. Rows are
 * numbered without gaps up to the batch's `totalRows`, so the walk knows where to stop; an
 * `$gte` on the row with a sort would make FerretDB read every row of the batch each time.
 */
async function validRowsFrom(
  batchId: mongoose.Types.ObjectId,
  cursor: number,
  totalRows: number | null | undefined,
): Promise<ImportRow[]> {
  const last = rowBucketIndex(Math.max(totalRows ?? 0, cursor));
  for (let bucket = rowBucketIndex(cursor); bucket <= last; bucket++) {
    const rows = (
      await ImportRowModel.find({
        rowBucket: rowBucketOf(batchId, bucket * ROW_BUCKET),
      }).lean<ImportRow[]>()
    )
      .filter((r) => r.status === 'valid' && r.row >= cursor)
      .sort((a, b) => a.row - b.row);
    if (rows.length > 0) return rows;
  }
  return [];
}

const rowBucketIndex = (row: number) => Math.floor(row / ROW_BUCKET);

/** Rows validated before the dry run fixed each letter's id get one now (once per batch). */
async function giveRowsLetterIds(batchId: mongoose.Types.ObjectId): Promise<void> {
  const rows = await ImportRowModel.find(
    { batchId, status: 'valid', letterId: null },
    { _id: 1 },
  ).lean();
  for (const row of rows)
    await ImportRowModel.updateOne(
      { _id: row._id, letterId: null },
      { $set: { letterId: new mongoose.Types.ObjectId() } },
    );
}

async function finishBatch(batch: ImportBatch, storage: FileStorage): Promise<void> {
  await summarise(batch._id);
  await ImportBatchModel.updateOne(
    { _id: batch._id, status: 'importing' },
    { $set: { status: 'done', finishedAt: now(), error: null } },
  );
  await recordAudit({
    actor: null,
    systemName: batch.createdByName,
    action: 'import.finish',
    recordType: 'import-batch',
    recordId: String(batch._id),
    after: { status: 'done' },
  });
  if (batch.source.kind === 'zip' && batch.source.key)
    await storage.removeAll(batch.source.key).catch(() => undefined);
}

/** Batches whose process stopped (lease expired) are taken up again by this one. */
export async function resumeStalledBatches(services: Services): Promise<number> {
  const stalled = await ImportBatchModel.find(
    {
      status: { $in: ['validating', 'importing'] },
      $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now() } }],
    },
    { _id: 1 },
  ).lean();
  for (const batch of stalled) kickBatch(services, batch._id);
  return stalled.length;
}
