import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import { now } from '../../lib/clock.ts';
import {
  ClassificationModel,
  type ClassificationCode,
} from '../classification/classification.model.ts';
import { parentOf } from '../classification/classification.service.ts';
import { jakartaDateString } from '../documents/format-id.ts';
import { UnitModel, type Unit } from '../org/org.model.ts';
import { readCsv } from './csv.ts';
import { importedByKeys } from './by-key.ts';
import { ImportBatchModel, ImportRowModel, type ImportBatch } from './import.model.ts';
import { keepLease } from './lease.ts';
import { entryKey, type ImportLimits } from './limits.ts';
import { mapHeader, parseRow, type ParsedRow, type RowProblem } from './manifest.ts';
import type { ImportSource } from './sources.ts';
import { sniffStream } from './store-entry.ts';

const CHUNK = 200;

export interface ValidateContext {
  source: ImportSource;
  manifest: AsyncIterable<Buffer>;
  limits: ImportLimits;
}

/** Thrown for problems of the whole batch (no manifest, no header). */
export class BatchError extends Error {}

async function lookups(): Promise<{
  knownCode: (code: string) => boolean;
  knownUnit: (code: string) => boolean;
}> {
  const codes = new Set(
    (
      await ClassificationModel.find({ active: true }, { code: 1 }).lean<ClassificationCode[]>()
    ).map((c) => c.code),
  );
  const units = new Set(
    (await UnitModel.find({}, { code: 1 }).lean<Unit[]>()).map((u) => u.code.toLowerCase()),
  );
  return {
    knownCode: (code) => {
      for (let c: string | null = code; c; c = parentOf(c)) if (codes.has(c)) return true;
      return false;
    },
    knownUnit: (code) => units.has(code.toLowerCase()),
  };
}

/**
 * The dry run: reads the manifest row by row, checks every field, that every named file
 * exists in the source, is within the size limit and is a PDF, JPEG, PNG or TIFF (from its
 * first bytes), that no file serves two letters, and whether the letter was imported
 * before. Every row is stored with its problems, in chunks, with the cursor advanced after
 * each chunk, so a validation that stopped resumes after the last stored chunk.
 */
export async function validateBatch(batch: ImportBatch, context: ValidateContext): Promise<void> {
  const { knownCode, knownUnit } = await lookups();
  const today = jakartaDateString(now());
  const seenKeys = new Set<string>();
  const seenFiles = new Map<string, number>();
  let header: ReturnType<typeof mapHeader> | null = null;
  let rowNumber = 0;
  let pending: Array<Record<string, unknown>> = [];

  const flush = async () => {
    if (pending.length === 0) return;
    const last = pending[pending.length - 1]!.row as number;
    const keys = pending.filter((r) => r.status === 'valid').map((r) => r.importKey as string);
    if (keys.length) {
      const existing = new Set(
        (await importedByKeys(keys, { importKey: 1 }, { status: 'imported' })).map(
          (l) => l.importKey,
        ),
      );
      for (const row of pending) {
        if (row.status === 'valid' && existing.has(row.importKey as string)) {
          row.status = 'duplicate';
          (row.problems as RowProblem[]).push({
            column: null,
            message: 'Surat ini sudah pernah diimpor; baris dilewati.',
          });
          row.problemCount = (row.problems as RowProblem[]).length;
        }
      }
    }
    // The id each letter will have, fixed now so the import never writes it row by row.
    for (const row of pending)
      if (row.status === 'valid') row.letterId = new mongoose.Types.ObjectId();
    try {
      await ImportRowModel.insertMany(pending, { ordered: false });
    } catch (error) {
      // Rows stored by an earlier run of this validation are already there.
      if (!isDuplicateKey(error) && !(error as { writeErrors?: unknown[] }).writeErrors)
        throw error;
    }
    pending = [];
    await ImportBatchModel.updateOne(
      { _id: batch._id },
      { $set: { cursor: last + 1, totalRows: last } },
    );
    await keepLease(batch._id);
  };

  for await (const record of readCsv(context.manifest)) {
    if (!header) {
      header = mapHeader(record.fields);
      if (header.problems.length) throw new BatchError(header.problems.join(' '));
      continue;
    }
    rowNumber++;
    if (rowNumber > context.limits.maxRows)
      throw new BatchError(
        `Manifest berisi lebih dari ${context.limits.maxRows} baris; bagi menjadi beberapa impor.`,
      );
    const parsed = parseRow(record.fields, header, {
      today,
      knownCode,
      knownUnit,
      maxFilesPerRow: context.limits.maxFilesPerRow,
    });
    // Bookkeeping for later rows even when this row is already stored (resume).
    const duplicateInBatch = seenKeys.has(parsed.importKey);
    seenKeys.add(parsed.importKey);
    const reused = parsed.files.filter((f) => seenFiles.has(entryKey(f)));
    for (const f of parsed.files)
      if (!seenFiles.has(entryKey(f))) seenFiles.set(entryKey(f), rowNumber);
    if (rowNumber < batch.cursor) continue;

    if (duplicateInBatch)
      parsed.problems.push({
        column: null,
        message: 'Surat yang sama sudah ada di baris sebelumnya pada manifest ini.',
      });
    for (const f of reused)
      parsed.problems.push({
        column: 'berkas',
        message: `Berkas "${f}" sudah dipakai oleh baris ${seenFiles.get(entryKey(f))}.`,
      });
    await checkFiles(parsed, context);
    pending.push({
      batchId: batch._id,
      row: rowNumber,
      line: record.line,
      status: parsed.problems.length ? 'invalid' : 'valid',
      data: parsed.data,
      files: parsed.files,
      importKey: parsed.importKey,
      problems: parsed.problems,
      problemCount: parsed.problems.length,
    });
    if (pending.length >= CHUNK) await flush();
  }
  if (!header) throw new BatchError('Manifest kosong: baris judul kolom tidak ditemukan.');
  await flush();
  await summarise(batch._id, rowNumber);
}

async function checkFiles(parsed: ParsedRow, context: ValidateContext): Promise<void> {
  for (const name of parsed.files) {
    const entry = context.source.entries.get(entryKey(name));
    if (!entry) {
      parsed.problems.push({
        column: 'berkas',
        message: `Berkas "${name}" tidak ditemukan di sumber impor.`,
      });
      continue;
    }
    if (entry.size === 0)
      parsed.problems.push({ column: 'berkas', message: `Berkas "${name}" kosong.` });
    else if (entry.size > context.limits.maxFileBytes)
      parsed.problems.push({
        column: 'berkas',
        message: `Berkas "${name}" melebihi batas ukuran per berkas.`,
      });
    else {
      let type: Awaited<ReturnType<typeof sniffStream>>;
      try {
        type = await sniffStream(await context.source.open(entry));
      } catch (error) {
        parsed.problems.push({
          column: 'berkas',
          message: `Berkas "${name}" tidak dapat dibaca: ${(error as Error).message}`,
        });
        continue;
      }
      if (!type)
        parsed.problems.push({
          column: 'berkas',
          message: `Berkas "${name}" bukan PDF, JPEG, PNG, atau TIFF.`,
        });
    }
  }
}

/** Counts from the stored rows (true after any number of resumed runs). */
export async function summarise(
  batchId: mongoose.Types.ObjectId,
  totalRows?: number,
): Promise<void> {
  const groups = await ImportRowModel.aggregate<{ _id: string; n: number; problems: number }>([
    { $match: { batchId } },
    { $group: { _id: '$status', n: { $sum: 1 }, problems: { $sum: '$problemCount' } } },
  ]);
  const count = (status: string) => groups.find((g) => g._id === status)?.n ?? 0;
  // Imported rows stay `valid` up to `importedThrough` (import.model.ts `rowStatus`).
  const through =
    (await ImportBatchModel.findById(batchId, { importedThrough: 1 }).lean<ImportBatch>())
      ?.importedThrough ?? 0;
  const importedUnmarked = through
    ? await ImportRowModel.countDocuments({ batchId, status: 'valid', row: { $lte: through } })
    : 0;
  const set: Record<string, unknown> = {
    validRows: count('valid') + count('imported') + count('failed'),
    invalidRows: count('invalid'),
    duplicateRows: count('duplicate'),
    imported: count('imported') + importedUnmarked,
    failedRows: count('failed'),
    problemCount: groups
      .filter((g) => g._id === 'invalid' || g._id === 'failed')
      .reduce((sum, g) => sum + g.problems, 0),
  };
  if (totalRows !== undefined) set.totalRows = totalRows;
  await ImportBatchModel.updateOne({ _id: batchId }, { $set: set });
}
