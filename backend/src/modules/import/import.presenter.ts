import type { SecurityClass } from '../../http/actor.ts';
import {
  rowStatus,
  type ImportBatch,
  type ImportedLetter,
  type ImportRow,
} from './import.model.ts';

const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);

export function presentBatch(batch: ImportBatch, runningHere = false) {
  const processed = (batch.imported ?? 0) + (batch.failedRows ?? 0);
  return {
    id: String(batch._id),
    name: batch.name,
    source: {
      kind: batch.source.kind as 'zip' | 'folder',
      folder: batch.source.folder ?? null,
      size: batch.source.size ?? 0,
    },
    status: batch.status,
    batchProblems: [...(batch.batchProblems ?? [])],
    totalRows: batch.totalRows ?? 0,
    validRows: batch.validRows ?? 0,
    invalidRows: batch.invalidRows ?? 0,
    duplicateRows: batch.duplicateRows ?? 0,
    problemCount: batch.problemCount ?? 0,
    imported: batch.imported ?? 0,
    failedRows: batch.failedRows ?? 0,
    /** 0..1 of the current phase (rows read while validating, rows done while importing). */
    progress:
      batch.status === 'validating'
        ? null
        : batch.validRows
          ? Math.min(1, processed / batch.validRows)
          : batch.status === 'done'
            ? 1
            : 0,
    cursor: batch.cursor ?? 1,
    pauseRequested: !!batch.pauseRequested,
    working: runningHere || (!!batch.leaseUntil && batch.leaseUntil.getTime() > Date.now()),
    error: batch.error ?? null,
    createdByName: batch.createdByName,
    createdAt: iso(batch.createdAt),
    validatedAt: iso(batch.validatedAt),
    startedAt: iso(batch.startedAt),
    finishedAt: iso(batch.finishedAt),
  };
}

export function presentRow(row: ImportRow, batch: Pick<ImportBatch, 'importedThrough'>) {
  const status = rowStatus(row, batch);
  const data = (row.data ?? {}) as Record<string, string>;
  return {
    row: row.row,
    line: row.line,
    status,
    letterNumber: data.letterNumber ?? '',
    letterDate: data.letterDate ?? '',
    subject: data.subject ?? '',
    direction: data.direction ?? '',
    files: [...(row.files ?? [])],
    problems: (row.problems ?? []).map((p) => ({ column: p.column ?? null, message: p.message })),
    letterId:
      row.letterId && (status === 'imported' || status === 'duplicate')
        ? String(row.letterId)
        : null,
  };
}

export function presentImportedLetter(letter: ImportedLetter) {
  return {
    id: String(letter._id),
    direction: letter.direction as 'incoming' | 'outgoing',
    letterNumber: letter.letterNumber,
    letterDate: letter.letterDate,
    agendaNumber: letter.agendaNumber ?? '',
    party: letter.party,
    subject: letter.subject,
    summary: letter.summary ?? '',
    classificationCode: letter.classificationCode,
    currentCode: letter.currentCode ?? null,
    securityClass: letter.securityClass as SecurityClass,
    notes: letter.notes ?? '',
    fileCount: letter.fileCount ?? 0,
    importedAt: iso(letter.importedAt),
    importedByName: letter.importedByName,
    batchId: String(letter.batchId),
    row: letter.row,
  };
}
