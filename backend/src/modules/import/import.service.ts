import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { conflict, forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { FileStorage } from '../files/file-storage.ts';
import {
  ImportBatchModel,
  ImportRowModel,
  ROW_BUCKET,
  rowBucketOf,
  rowStatus,
  type ImportBatch,
  type ImportRow,
} from './import.model.ts';
import { canRunImports } from './import.policy.ts';
import { safeRelativePath } from './limits.ts';
import { csvRow } from '../../lib/csv.ts';
import { walkBuckets } from '../../lib/bucket-walk.ts';

export function requireImporter(actor: Actor): void {
  if (!canRunImports(actor)) throw forbidden('Impor arsip lama hanya untuk arsiparis.');
}

export async function createBatch(
  actor: Actor,
  input: {
    id?: mongoose.Types.ObjectId;
    name: string | null;
    source: {
      kind: 'zip' | 'folder';
      key?: string;
      size?: number;
      folder?: string;
      manifest?: string;
    };
  },
  ip?: string,
): Promise<ImportBatch> {
  const id = input.id ?? new mongoose.Types.ObjectId();
  const batch = await ImportBatchModel.create({
    _id: id,
    name:
      input.name ??
      (input.source.folder
        ? `Folder ${input.source.folder}`
        : `Impor ${now().toISOString().slice(0, 10)}`),
    source: {
      kind: input.source.kind,
      key: input.source.key ?? null,
      size: input.source.size ?? 0,
      folder: input.source.folder ?? null,
      manifest: input.source.manifest ?? 'manifest.csv',
    },
    status: 'validating',
    createdBy: new mongoose.Types.ObjectId(actor.userId),
    createdByName: actor.name,
  });
  await recordAudit({
    actor,
    action: 'import.create',
    recordType: 'import-batch',
    recordId: String(id),
    after: { name: batch.name, source: input.source.kind, folder: input.source.folder ?? null },
    ip: ip ?? null,
  });
  return batch.toObject() as ImportBatch;
}

export function folderName(raw: string): string {
  const safe = safeRelativePath(raw);
  if (!safe || safe.includes('/'))
    throw validationFailed('Nama folder tidak valid; pilih satu folder di folder impor server.', {
      field: 'folder',
    });
  return safe;
}

export async function loadBatch(id: string): Promise<ImportBatch> {
  if (!mongoose.isValidObjectId(id)) throw notFound('Impor');
  const batch = await ImportBatchModel.findById(id).lean<ImportBatch>();
  if (!batch) throw notFound('Impor');
  return batch;
}

/** Starts the import of a validated batch. Rows with problems are never imported; the
 * archivist must say so when there are any (`skipInvalid`). */
export async function startBatch(
  actor: Actor,
  id: string,
  skipInvalid: boolean,
  ip?: string,
): Promise<ImportBatch> {
  const batch = await loadBatch(id);
  if (batch.status !== 'validated')
    throw conflict(
      batch.status === 'validating'
        ? 'Pemeriksaan (uji coba) belum selesai.'
        : 'Impor ini sudah dimulai atau tidak dapat dimulai.',
    );
  if (batch.invalidRows > 0 && !skipInvalid) {
    throw conflict(
      `${batch.invalidRows} baris bermasalah. Perbaiki manifest dan unggah ulang, atau lanjutkan dengan melewati baris bermasalah.`,
    );
  }
  if (batch.validRows === 0) throw conflict('Tidak ada baris yang dapat diimpor.');
  const result = await ImportBatchModel.updateOne(
    { _id: batch._id, status: 'validated' },
    {
      $set: {
        status: 'importing',
        cursor: 1,
        startedAt: now(),
        pauseRequested: false,
        error: null,
      },
    },
  );
  if (result.matchedCount === 0) throw conflict('Impor ini baru saja dimulai oleh pengguna lain.');
  await recordAudit({
    actor,
    action: 'import.start',
    recordType: 'import-batch',
    recordId: id,
    after: { status: 'importing', skipInvalid },
    ip: ip ?? null,
  });
  return loadBatch(id);
}

/** Asks the process working on the batch to stop after the current letter. */
export async function pauseBatch(actor: Actor, id: string, ip?: string): Promise<ImportBatch> {
  const batch = await loadBatch(id);
  if (batch.status !== 'importing')
    throw conflict('Hanya impor yang sedang berjalan yang dapat dihentikan.');
  await ImportBatchModel.updateOne(
    { _id: batch._id, status: 'importing' },
    { $set: { pauseRequested: true } },
  );
  await recordAudit({
    actor,
    action: 'import.pause',
    recordType: 'import-batch',
    recordId: id,
    after: { pauseRequested: true },
    ip: ip ?? null,
  });
  return loadBatch(id);
}

export async function resumeBatch(actor: Actor, id: string, ip?: string): Promise<ImportBatch> {
  const batch = await loadBatch(id);
  if (batch.status !== 'paused')
    throw conflict('Hanya impor yang dihentikan yang dapat dilanjutkan.');
  await ImportBatchModel.updateOne(
    { _id: batch._id, status: 'paused' },
    { $set: { status: 'importing', pauseRequested: false, error: null } },
  );
  await recordAudit({
    actor,
    action: 'import.resume',
    recordType: 'import-batch',
    recordId: id,
    after: { status: 'importing' },
    ip: ip ?? null,
  });
  return loadBatch(id);
}

/** Discards a batch that imported nothing yet: its uploaded source goes too. */
export async function cancelBatch(
  actor: Actor,
  storage: FileStorage,
  id: string,
  ip?: string,
): Promise<ImportBatch> {
  const batch = await loadBatch(id);
  if (!['validated', 'failed'].includes(batch.status))
    throw conflict(
      'Impor yang sedang berjalan atau sudah mengimpor surat tidak dapat dibatalkan; hentikan saja.',
    );
  await ImportBatchModel.updateOne(
    { _id: batch._id },
    { $set: { status: 'cancelled', finishedAt: now() } },
  );
  if (batch.source.kind === 'zip') {
    for (const key of [batch.source.key, batch.source.manifest])
      if (key?.startsWith('imports/')) await storage.removeAll(key).catch(() => undefined);
  }
  await ImportRowModel.deleteMany({ batchId: batch._id });
  await recordAudit({
    actor,
    action: 'import.cancel',
    recordType: 'import-batch',
    recordId: id,
    after: { status: 'cancelled' },
    ip: ip ?? null,
  });
  return loadBatch(id);
}

export async function listBatches(query: {
  page: number;
  pageSize: number;
}): Promise<{ items: ImportBatch[]; total: number }> {
  const [items, total] = await Promise.all([
    ImportBatchModel.find({})
      .sort({ createdAt: -1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<ImportBatch[]>(),
    ImportBatchModel.countDocuments({}),
  ]);
  return { items, total };
}

export async function listRows(
  batchId: string,
  query: {
    status?: string | undefined;
    problems?: boolean | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ items: ImportRow[]; total: number; batch: ImportBatch }> {
  const batch = await loadBatch(batchId);
  // Rows are numbered 1..totalRows without gaps and stored in `rowBucket`s of 500 numbers:
  // an unfiltered page reads the one or two buckets its numbers fall in; a filtered one
  // walks the buckets in order, the status (as users see it) and problems checked here. A
  // `$gt` with a sort and a count would make FerretDB read every row of the batch per page.
  const offset = (query.page - 1) * query.pageSize;
  const filtered = !!query.status || !!query.problems;
  const first = filtered ? 1 : offset + 1;
  const last = filtered ? batch.totalRows : Math.min(offset + query.pageSize, batch.totalRows);
  const buckets: string[] = [];
  for (let b = Math.floor(first / ROW_BUCKET); b <= Math.floor(last / ROW_BUCKET); b++)
    buckets.push(rowBucketOf(batch._id, b * ROW_BUCKET));
  const page = await walkBuckets<ImportRow>({
    buckets: first <= last ? buckets : [],
    fetch: (rowBucket) => ImportRowModel.find({ rowBucket } as never).lean<ImportRow[]>(),
    keep: (row) =>
      row.row >= first &&
      row.row <= last &&
      (!query.status || rowStatus(row, batch) === query.status) &&
      (!query.problems || row.problemCount > 0),
    compare: (a, b) => a.row - b.row,
    offset: filtered ? offset : 0,
    limit: query.pageSize,
  });
  const total = filtered ? page.total : batch.totalRows;
  return { items: page.items, total, batch };
}

/** Every problem as CSV (row, line, column, message), for fixing the manifest. */
export async function* problemReport(batchId: string): AsyncGenerator<string> {
  const batch = await loadBatch(batchId);
  yield '\ufeffbaris,baris_csv,status,kolom,masalah\r\n';
  for (const problem of batch.batchProblems ?? []) yield `${csvRow(['', '', '', '', problem])}\r\n`;
  const cursor = ImportRowModel.find({ batchId: batch._id, problemCount: { $gt: 0 } })
    .sort({ row: 1 })
    .lean<ImportRow[]>()
    .cursor();
  for await (const row of cursor) {
    for (const p of row.problems)
      yield `${csvRow([row.row, row.line, row.status, p.column, p.message])}\r\n`;
  }
}
