import mongoose from 'mongoose';
import { now } from '../../lib/clock.ts';
import type { FileStorage } from '../files/file-storage.ts';
import { recordFiles, removeOwnerFiles } from '../files/files.service.ts';
import { removeKeys, type ReceivedFile } from '../files/upload.ts';
import { enqueueJobs } from '../jobs/jobs.service.ts';
import { isDuplicateKey } from '../numbering/numbering.service.ts';
import {
  ImportedLetterModel,
  ImportRowModel,
  type ImportBatch,
  type ImportedLetter,
  type ImportRow,
} from './import.model.ts';
import { publishImportedLetter } from './import-text.ts';
import { entryKey, type ImportLimits } from './limits.ts';
import type { ImportSource } from './sources.ts';
import { RowError, storeEntry } from './store-entry.ts';

export interface ChunkContext {
  storage: FileStorage;
  batch: ImportBatch;
  source: ImportSource;
  limits: ImportLimits;
  units: Map<string, mongoose.Types.ObjectId>;
  mapped: (code: string) => Promise<string | null>;
}

/** A row whose letter is written (pending) and whose files are stored. */
interface Staged {
  row: ImportRow;
  letter: ImportedLetter;
  received: ReceivedFile[];
}

/**
 * Imports a chunk of rows, each letter exactly once. Per row: the letter record (pending),
 * then its files into object storage. Then, for the whole chunk at once: file records, OCR
 * jobs, search, and last the letters and rows marked imported. Writes that look records up
 * are made once per chunk rather than once per letter, because FerretDB's SQLite backend
 * reads the whole collection for each of them; per letter, an import slowed down with
 * every letter it had already imported (10,000 letters would have taken most of a day).
 *
 * A crash anywhere leaves letters pending; the resumed import cleans them (records, then
 * objects) and does them again. A letter already imported (same import key) is not touched.
 */
export async function importChunk(
  context: ChunkContext,
  rows: ImportRow[],
): Promise<{ imported: number; failed: number }> {
  const staged: Staged[] = [];
  let imported = 0;
  let failed = 0;
  for (const row of rows) {
    const outcome = await stageRow(context, row);
    if (outcome === 'failed') failed++;
    else if (outcome === 'imported') imported++;
    else if (outcome !== 'duplicate') staged.push(outcome);
  }
  await commit(context, staged);
  return { imported: imported + staged.length, failed };
}

async function stageRow(
  context: ChunkContext,
  row: ImportRow,
): Promise<Staged | 'imported' | 'failed' | 'duplicate'> {
  const { batch, source, storage, limits } = context;
  const data = row.data as Record<string, string>;
  const doc: Record<string, unknown> = {
    // Rows validated before the dry run fixed letter ids have none yet.
    _id: row.letterId ?? new mongoose.Types.ObjectId(),
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
    currentCode: await context.mapped(data.classificationCode!),
    securityClass: data.securityClass ?? 'B',
    unitId: data.unitCode ? (context.units.get(data.unitCode.toLowerCase()) ?? null) : null,
    notes: data.notes ?? '',
    // Every file is stored or the row fails, so the count is known now.
    fileCount: row.files.length,
    textPending: true,
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
    if (existing.status === 'imported') return settleImported(row, existing, batch);
    await removeOwnerFiles(storage, 'import', existing._id);
    // A letter pending from an older run may predate the counts set on creation.
    const counts = { fileCount: row.files.length, textPending: true };
    await ImportedLetterModel.updateOne({ _id: existing._id }, { $set: counts });
    letter = { ...existing, ...counts };
  }
  const keys: string[] = [];
  const received: ReceivedFile[] = [];
  try {
    for (const name of row.files) {
      const entry = source.entries.get(entryKey(name));
      if (!entry) throw new RowError(`Berkas "${name}" tidak ditemukan di sumber impor.`);
      received.push(
        await storeEntry(storage, await source.open(entry), {
          name,
          letterId: String(letter._id),
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
  return { row, letter, received };
}

/** A row whose letter is already imported: by this row in a run that stopped before the
 * row was marked, or by another batch (then the row is a duplicate). */
async function settleImported(
  row: ImportRow,
  existing: ImportedLetter,
  batch: ImportBatch,
): Promise<'imported' | 'duplicate'> {
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

/** The chunk's shared writes, in an order a crash can interrupt anywhere: everything before
 * the letters' status flip is repeated harmlessly when the pending letters are redone. */
async function commit(context: ChunkContext, staged: Staged[]): Promise<void> {
  if (staged.length === 0) return;
  const { batch } = context;
  for (const { letter, received } of staged)
    await recordFiles(
      'import',
      letter._id,
      received,
      (letter.securityClass ?? 'B') as 'B',
      String(batch.createdBy),
    );
  await enqueueJobs(
    'ocr',
    staged.flatMap(({ received }) =>
      received.map((file) => ({
        dedupeKey: `ocr:${String(file.fileId)}`,
        payload: { fileId: String(file.fileId) },
      })),
    ),
  );
  const importedAt = now();
  for (const { letter } of staged)
    await publishImportedLetter({ ...letter, status: 'imported', importedAt } as ImportedLetter);
  await ImportedLetterModel.updateMany(
    { _id: { $in: staged.map((s) => s.letter._id) }, status: 'pending' },
    { $set: { status: 'imported', importedAt } },
  );
  // Rows already naming their letter (the dry run gave them its id) take one write.
  const named = (s: Staged) => String(s.row.letterId) === String(s.letter._id);
  await ImportRowModel.updateMany(
    { _id: { $in: staged.filter(named).map((s) => s.row._id) } },
    { $set: { status: 'imported' } },
  );
  for (const { row, letter } of staged.filter((s) => !named(s)))
    await ImportRowModel.updateOne(
      { _id: row._id },
      { $set: { status: 'imported', letterId: letter._id } },
    );
}
