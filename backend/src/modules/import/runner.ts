import mongoose from 'mongoose';
import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { fileStorage, type FileStorage } from '../files/file-storage.ts';
import { recordFiles, removeOwnerFiles } from '../files/files.service.ts';
import { removeKeys, type ReceivedFile } from '../files/upload.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { isDuplicateKey } from '../numbering/numbering.service.ts';
import {
  ImportBatchModel,
  ImportedLetterModel,
  ImportRowModel,
  type ImportBatch,
  type ImportedLetter,
  type ImportRow,
} from './import.model.ts';
import { publishImportedLetter } from './import-text.ts';
import { releaseLease, renewLease, takeLease } from './lease.ts';
import { entryKey, importLimits, type ImportLimits } from './limits.ts';
import { mappedCode } from './mapping.ts';
import { openFolderSource, openZipSource, SourceError, type ImportSource } from './sources.ts';
import { RowError, storeEntry } from './store-entry.ts';
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
  const mapped = (code: string) => {
    if (!codes.has(code)) codes.set(code, mappedCode(code));
    return codes.get(code)!;
  };
  let done = 0;
  for (;;) {
    const current = await ImportBatchModel.findById(batch._id, {
      cursor: 1,
      pauseRequested: 1,
      status: 1,
    }).lean<ImportBatch>();
    if (!current || current.status !== 'importing') return;
    const rows = await ImportRowModel.find({
      batchId: batch._id,
      row: { $gte: current.cursor },
      status: 'valid',
    })
      .sort({ row: 1 })
      .limit(50)
      .lean<ImportRow[]>();
    if (rows.length === 0) {
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
      return;
    }
    let pauseRequested = current.pauseRequested;
    for (const row of rows) {
      if (pauseRequested) {
        await ImportBatchModel.updateOne(
          { _id: batch._id },
          { $set: { status: 'paused', pauseRequested: false } },
        );
        await summarise(batch._id);
        return;
      }
      if (options.stopAfterRows !== undefined && done >= options.stopAfterRows) {
        await summarise(batch._id);
        return;
      }
      const outcome = await importRow(storage, batch, row, source, limits, units, mapped);
      // One write per letter: the cursor, the live counters, and whether to stop.
      const after = await ImportBatchModel.findOneAndUpdate(
        { _id: batch._id },
        {
          $set: { cursor: row.row + 1 },
          $inc: {
            imported: outcome === 'imported' ? 1 : 0,
            failedRows: outcome === 'failed' ? 1 : 0,
          },
        },
        { returnDocument: 'after' },
      ).lean<ImportBatch>();
      pauseRequested = !!after?.pauseRequested;
      done++;
      if (done % 25 === 0) await renewLease(batch._id);
    }
  }
}

/**
 * One letter, exactly once: the letter record (pending) → its files into object storage →
 * file records → imported. A pending letter left by a crash is cleaned (records, then
 * objects) and done again; a letter already imported (same import key) is not touched.
 */
async function importRow(
  storage: FileStorage,
  batch: ImportBatch,
  row: ImportRow,
  source: ImportSource,
  limits: ImportLimits,
  units: Map<string, mongoose.Types.ObjectId>,
  mapped: (code: string) => Promise<string | null>,
): Promise<'imported' | 'failed' | 'duplicate'> {
  const data = row.data as Record<string, string>;
  const doc: Record<string, unknown> = {
    _id: new mongoose.Types.ObjectId(),
    batchId: batch._id,
    row: row.row,
    importKey: row.importKey,
    status: 'pending',
    direction: data.direction,
    letterNumber: data.letterNumber ?? '',
    letterDate: data.letterDate,
    agendaNumber: data.agendaNumber ?? '',
    party: data.party ?? '',
    subject: data.subject,
    summary: data.summary ?? '',
    classificationCode: data.classificationCode,
    currentCode: await mapped(data.classificationCode!),
    securityClass: data.securityClass ?? 'B',
    unitId: data.unitCode ? (units.get(data.unitCode.toLowerCase()) ?? null) : null,
    notes: data.notes ?? '',
    fileCount: 0,
    textPending: false,
    importedAt: null,
    importedByName: batch.createdByName,
  };
  let letter = doc as unknown as ImportedLetter;
  try {
    await ImportedLetterModel.create(doc);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // The same import key exists: imported before (skip), or left pending by a stopped run.
    const existing = await ImportedLetterModel.findOne({
      importKey: row.importKey,
    }).lean<ImportedLetter>();
    if (!existing) throw error;
    if (existing.status === 'imported') {
      const mine = String(existing.batchId) === String(batch._id) && existing.row === row.row;
      await ImportRowModel.updateOne(
        { _id: row._id },
        {
          $set: mine
            ? { status: 'imported', letterId: existing._id }
            : {
                status: 'duplicate',
                letterId: existing._id,
                problems: [
                  { column: null, message: 'Surat ini sudah pernah diimpor; baris dilewati.' },
                ],
                problemCount: 1,
              },
        },
      );
      return mine ? 'imported' : 'duplicate';
    }
    await removeOwnerFiles(storage, 'import', existing._id);
    letter = existing;
  }
  const letterId = String(letter._id);
  const keys: string[] = [];
  const received: ReceivedFile[] = [];
  try {
    for (const name of row.files) {
      const entry = source.entries.get(entryKey(name));
      if (!entry) throw new RowError(`Berkas "${name}" tidak ditemukan di sumber impor.`);
      received.push(
        await storeEntry(storage, await source.open(entry), {
          name,
          letterId,
          year: Number(letter.letterDate.slice(0, 4)),
          maxBytes: limits.maxFileBytes,
          keys,
        }),
      );
    }
  } catch (error) {
    await removeKeys(storage, keys);
    if (!(error instanceof RowError)) throw error;
    await ImportedLetterModel.deleteOne({ _id: letter._id, status: 'pending' });
    await ImportRowModel.updateOne(
      { _id: row._id },
      {
        $set: {
          status: 'failed',
          error: error.message,
          problems: [{ column: 'berkas', message: error.message }],
          problemCount: 1,
        },
      },
    );
    return 'failed';
  }
  await recordFiles(
    'import',
    letter._id,
    received,
    (letter.securityClass ?? 'B') as 'B',
    String(batch.createdBy),
  );
  const importedAt = now();
  await ImportedLetterModel.updateOne(
    { _id: letter._id, status: 'pending' },
    { $set: { status: 'imported', fileCount: received.length, textPending: true, importedAt } },
  );
  await ImportRowModel.updateOne(
    { _id: row._id },
    { $set: { status: 'imported', letterId: letter._id } },
  );
  for (const file of received)
    await enqueueJob('ocr', `ocr:${String(file.fileId)}`, { fileId: String(file.fileId) });
  await publishImportedLetter({
    ...letter,
    status: 'imported',
    fileCount: received.length,
    importedAt,
  } as ImportedLetter);
  return 'imported';
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

export async function filesOfImportedLetter(letterId: mongoose.Types.ObjectId) {
  return StoredFileModel.find({ ownerType: 'import', ownerId: letterId })
    .sort({ createdAt: 1, _id: 1 })
    .lean();
}
