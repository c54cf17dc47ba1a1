import type mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import { now } from '../../lib/clock.ts';
import type { FileStorage } from '../files/file-storage.ts';
import { recordFiles, removeOwnerFiles } from '../files/files.service.ts';
import { removeKeys, type ReceivedFile } from '../files/upload.ts';
import { enqueueJobs } from '../jobs/jobs.service.ts';
import { removeSearchDocument } from '../search/publish.ts';
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
import { deleteFileRecords, importedByKeys, importFilesOf } from './by-key.ts';

export interface ChunkContext {
  storage: FileStorage;
  batch: ImportBatch;
  source: ImportSource;
  limits: ImportLimits;
  units: Map<string, mongoose.Types.ObjectId>;
  mapped: (code: string) => Promise<string | null>;
}

/** A row whose files are stored, with the letter it is about to become. */
interface Staged {
  row: ImportRow;
  letter: Record<string, unknown>;
  received: ReceivedFile[];
}

type Outcome = { imported: number; failed: number };

/**
 * Imports a chunk of rows, each letter exactly once. Per row, its files go into object
 * storage; then, for the whole chunk at once, the file records, the OCR jobs, the search
 * entries and last the letters themselves (inserted whole, `imported`). Nothing here
 * updates a record per letter: on FerretDB's SQLite backend every update reads the whole
 * collection, and an import writing one per letter slowed down with every letter it had
 * imported (10,000 letters would have taken most of a day). Rows are not marked imported
 * either: the batch's `importedThrough` says so (import.model.ts `rowStatus`).
 *
 * The letters' insert is the commit point: each letter's id was fixed by the dry run, so a
 * run cut off before it leaves records and objects under ids no letter has yet. The first
 * chunk of every run removes those records (objects without records are swept, see
 * import.startup.ts) and imports the letters again; the search entry and OCR jobs are
 * simply written again. A letter already there (same import key) is not touched.
 */
export async function importChunk(
  context: ChunkContext,
  rows: ImportRow[],
  options: { firstOfRun: boolean },
): Promise<Outcome> {
  const outcome: Outcome = { imported: 0, failed: 0 };
  const existing = new Map(
    (
      await importedByKeys(
        rows.map((r) => r.importKey!),
        { _id: 1, importKey: 1, batchId: 1, row: 1, status: 1 },
      )
    ).map((letter) => [letter.importKey, letter]),
  );
  const todo: ImportRow[] = [];
  for (const row of rows) {
    const found = existing.get(row.importKey!);
    if (found?.status === 'pending') {
      // Left by an import run of an older version, which wrote letters before their files.
      await removeOwnerFiles(context.storage, 'import', found._id);
      await ImportedLetterModel.deleteOne({ _id: found._id, status: 'pending' });
      todo.push(row);
    } else if (!found) todo.push(row);
    else if (isOwnLetter(found, row, context.batch)) outcome.imported++;
    else await markDuplicate(row, found._id);
  }
  if (options.firstOfRun) await removeLeftovers(context.storage, todo);

  const staged: Staged[] = [];
  for (const row of todo) {
    const stored = await storeFiles(context, row);
    if (stored) staged.push({ row, letter: letterDocument(context, row), received: stored });
    else outcome.failed++;
  }
  outcome.imported += await commit(context, staged);
  return outcome;
}

function isOwnLetter(letter: ImportedLetter, row: ImportRow, batch: ImportBatch): boolean {
  return String(letter.batchId) === String(batch._id) && letter.row === row.row;
}

/** The letter was imported by another batch after this one's dry run. */
async function markDuplicate(row: ImportRow, letterId: mongoose.Types.ObjectId): Promise<void> {
  await ImportRowModel.updateOne(
    { _id: row._id },
    {
      $set: {
        status: 'duplicate',
        letterId,
        problems: [{ column: null, message: 'Surat ini sudah pernah diimpor; baris dilewati.' }],
        problemCount: 1,
      },
    },
  );
}

/** File records a cut-off run left under the letter ids of these rows, and their objects. */
async function removeLeftovers(storage: FileStorage, rows: ImportRow[]): Promise<void> {
  const files = await importFilesOf(rows.map((r) => r.letterId!));
  if (files.length === 0) return;
  await deleteFileRecords(files.map((f) => f._id));
  await Promise.allSettled(files.map((file) => storage.removeAll(file.key)));
}

/** Streams a row's files into object storage; null (and the row marked failed, nothing
 * left behind) when one is missing or unreadable. */
async function storeFiles(context: ChunkContext, row: ImportRow): Promise<ReceivedFile[] | null> {
  const { storage, source, limits } = context;
  const keys: string[] = [];
  const received: ReceivedFile[] = [];
  try {
    for (const name of row.files) {
      const entry = source.entries.get(entryKey(name));
      if (!entry) throw new RowError(`Berkas "${name}" tidak ditemukan di sumber impor.`);
      received.push(
        await storeEntry(storage, await source.open(entry), {
          name,
          letterId: String(row.letterId),
          year: Number(String((row.data as Record<string, string>).letterDate).slice(0, 4)),
          maxBytes: limits.maxFileBytes,
          keys,
        }),
      );
    }
    return received;
  } catch (error) {
    await removeKeys(storage, keys);
    if (!(error instanceof RowError)) throw error;
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
    return null;
  }
}

function letterDocument(context: ChunkContext, row: ImportRow): Record<string, unknown> {
  const data = row.data as Record<string, string>;
  return {
    _id: row.letterId,
    batchId: context.batch._id,
    row: row.row,
    importKey: row.importKey,
    status: 'imported',
    direction: data.direction,
    letterNumber: data.letterNumber ?? '',
    letterDate: data.letterDate,
    agendaNumber: data.agendaNumber ?? '',
    party: data.party ?? '',
    subject: data.subject,
    summary: data.summary ?? '',
    classificationCode: data.classificationCode,
    currentCode: null,
    securityClass: data.securityClass ?? 'B',
    unitId: data.unitCode ? (context.units.get(data.unitCode.toLowerCase()) ?? null) : null,
    notes: data.notes ?? '',
    fileCount: row.files.length,
    textPending: true,
    importedAt: null,
    importedByName: context.batch.createdByName,
  };
}

/** The chunk's writes, each for all its letters at once; returns how many were imported. */
async function commit(context: ChunkContext, staged: Staged[]): Promise<number> {
  if (staged.length === 0) return 0;
  const { batch, storage } = context;
  const importedAt = now();
  for (const { letter } of staged) {
    letter.importedAt = importedAt;
    letter.currentCode = await context.mapped(letter.classificationCode as string);
  }
  for (const { letter, received } of staged)
    await recordFiles(
      'import',
      letter._id as mongoose.Types.ObjectId,
      received,
      letter.securityClass as 'B',
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
  for (const { letter } of staged) await publishImportedLetter(letter as unknown as ImportedLetter);
  const refused = await insertLetters(staged.map((s) => s.letter));
  // Another batch imported one of these letters a moment ago (same import key): undo its
  // files and search entry here, and point the row at that letter.
  for (const index of refused) {
    const { row, letter, received } = staged[index]!;
    await deleteFileRecords(received.map((f) => f.fileId));
    await removeKeys(
      storage,
      received.map((f) => f.key),
    );
    await removeSearchDocument(String(letter._id));
    const other = await ImportedLetterModel.findOne(
      { importKey: row.importKey },
      { _id: 1 },
    ).lean<ImportedLetter>();
    await markDuplicate(row, other!._id);
  }
  return staged.length - refused.length;
}

/** Inserts the letters; returns the indexes refused for an import key already taken. */
async function insertLetters(letters: Array<Record<string, unknown>>): Promise<number[]> {
  try {
    await ImportedLetterModel.insertMany(letters, { ordered: false });
    return [];
  } catch (error) {
    const writeErrors = (error as { writeErrors?: Array<{ index: number; code?: number }> })
      .writeErrors;
    if (!writeErrors?.length || !writeErrors.every((e) => isDuplicateKey(e))) throw error;
    return writeErrors.map((e) => e.index);
  }
}
