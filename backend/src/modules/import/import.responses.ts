import { z } from 'zod';
import { idString, securityClass, timestamp } from '../../http/responses.ts';
import { storedFileSchema } from '../files/files.presenter.ts';
import { BATCH_STATUSES, ROW_STATUSES } from './import.model.ts';

/** What the import routes answer (import.presenter.ts). */

export const importBatchJson = z
  .object({
    id: idString,
    name: z.string(),
    source: z.object({
      kind: z.enum(['zip', 'folder']),
      folder: z.string().nullable(),
      size: z.number().int(),
    }),
    status: z.enum(BATCH_STATUSES),
    batchProblems: z.array(z.string()),
    totalRows: z.number().int(),
    validRows: z.number().int(),
    invalidRows: z.number().int(),
    duplicateRows: z.number().int(),
    problemCount: z.number().int(),
    imported: z.number().int(),
    failedRows: z.number().int(),
    /** 0..1 of the current phase; null while validating. */
    progress: z.number().min(0).max(1).nullable(),
    cursor: z.number().int(),
    pauseRequested: z.boolean(),
    working: z.boolean(),
    error: z.string().nullable(),
    createdByName: z.string(),
    createdAt: timestamp.nullable(),
    validatedAt: timestamp.nullable(),
    startedAt: timestamp.nullable(),
    finishedAt: timestamp.nullable(),
  })
  .meta({ id: 'ImportBatch' });

export const importBatchListJson = z
  .object({ items: z.array(importBatchJson), total: z.number().int() })
  .meta({ id: 'ImportBatchList' });

export const importRowsJson = z
  .object({
    items: z.array(
      z
        .object({
          row: z.number().int(),
          line: z.number().int(),
          status: z.enum(ROW_STATUSES),
          letterNumber: z.string(),
          letterDate: z.string(),
          subject: z.string(),
          direction: z.string(),
          files: z.array(z.string()),
          problems: z.array(z.object({ column: z.string().nullable(), message: z.string() })),
          letterId: idString.nullable(),
        })
        .meta({ id: 'ImportRow' }),
    ),
    total: z.number().int(),
  })
  .meta({ id: 'ImportRows' });

export const importFoldersJson = z
  .object({ items: z.array(z.string()) })
  .meta({ id: 'ImportFolders' });

export const importedLetterJson = z
  .object({
    id: idString,
    direction: z.enum(['incoming', 'outgoing']),
    letterNumber: z.string(),
    letterDate: z.string(),
    agendaNumber: z.string(),
    party: z.string(),
    subject: z.string(),
    summary: z.string(),
    classificationCode: z.string(),
    currentCode: z.string().nullable(),
    securityClass,
    notes: z.string(),
    fileCount: z.number().int(),
    importedAt: timestamp.nullable(),
    importedByName: z.string(),
    batchId: idString,
    row: z.number().int(),
    files: z.array(storedFileSchema),
  })
  .meta({ id: 'ImportedLetter' });
