import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * Bulk import of old scans (issue 8): a batch is a zip (or a server folder) with a CSV
 * manifest, one row per letter. Life of a batch:
 *
 *   validating ──► validated ──start──► importing ──► done
 *        │            │                  │  ▲
 *        ▼            ▼ discard          ▼  │ resume
 *      failed      cancelled            paused
 *
 * Validation (the dry run) stores every row with its problems; the import then walks the
 * valid rows in order. Both phases run under a lease on the batch document (one process
 * at a time; an expired lease is taken over, so a crash resumes where it stopped), and
 * both are idempotent: a row already imported is never imported again (`import_rows`
 * unique on batch+row, `imported_letters` unique on the letter's import key).
 */
export const BATCH_STATUSES = [
  'validating',
  'validated',
  'importing',
  'paused',
  'done',
  'failed',
  'cancelled',
] as const;

const importBatchSchema = new Schema(
  {
    name: { type: String, required: true },
    source: {
      type: new Schema(
        {
          kind: { type: String, required: true, enum: ['zip', 'folder'] },
          /** Object key of the uploaded zip. */
          key: { type: String, default: null },
          size: { type: Number, default: 0 },
          /** Folder under the import root (folder sources). */
          folder: { type: String, default: null },
          /** The manifest inside the source (zip entry or file name). */
          manifest: { type: String, default: 'manifest.csv' },
        },
        { _id: false },
      ),
      required: true,
    },
    status: { type: String, required: true, enum: BATCH_STATUSES, default: 'validating' },
    /** Problems of the whole batch (no manifest, unreadable zip, missing columns). */
    batchProblems: { type: [String], default: [] },
    totalRows: { type: Number, default: 0 },
    validRows: { type: Number, default: 0 },
    invalidRows: { type: Number, default: 0 },
    duplicateRows: { type: Number, default: 0 },
    problemCount: { type: Number, default: 0 },
    imported: { type: Number, default: 0 },
    failedRows: { type: Number, default: 0 },
    /** The next row (1-based) the current phase will look at. */
    cursor: { type: Number, default: 1 },
    /** The import phase has settled every row up to this one. A valid row at or below it
     * was imported: it is not marked row by row (see `rowStatus`). */
    importedThrough: { type: Number, default: 0 },
    pauseRequested: { type: Boolean, default: false },
    leaseHolder: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
    error: { type: String, default: null },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    createdByName: { type: String, required: true },
    validatedAt: { type: Date, default: null },
    startedAt: { type: Date, default: null },
    finishedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'import_batches' },
);
importBatchSchema.index({ status: 1, leaseUntil: 1 });
importBatchSchema.index({ createdAt: -1 });

export type ImportBatch = InferSchemaType<typeof importBatchSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const ImportBatchModel = mongoose.model('ImportBatch', importBatchSchema);

export const ROW_STATUSES = ['valid', 'invalid', 'duplicate', 'imported', 'failed'] as const;

const problemSchema = new Schema(
  { column: { type: String, default: null }, message: { type: String, required: true } },
  { _id: false },
);

/** One manifest row as read by the dry run, with its problems and, later, its outcome. */
const importRowSchema = new Schema(
  {
    batchId: { type: Schema.Types.ObjectId, required: true },
    /** Data row number (1 = the first row after the header); `line` is the CSV line. */
    row: { type: Number, required: true },
    line: { type: Number, required: true },
    status: { type: String, required: true, enum: ROW_STATUSES },
    data: { type: Schema.Types.Mixed, default: {} },
    files: { type: [String], default: [] },
    importKey: { type: String, default: null },
    problems: { type: [problemSchema], default: [] },
    problemCount: { type: Number, default: 0 },
    /** The imported letter: given to a valid row by the dry run (the id its letter will
     * get), or the earlier letter a duplicate row points to. Shown once imported. */
    letterId: { type: Schema.Types.ObjectId, default: null },
    error: { type: String, default: null },
    /** `<batchId>:<floor(row / ROW_BUCKET)>` (rowBucketOf): the import run reads its next
     * rows a bucket at a time, not every row of the batch from its cursor on. */
    rowBucket: { type: String, default: null },
  },
  { timestamps: true, collection: 'import_rows' },
);
importRowSchema.index({ batchId: 1, row: 1 }, { unique: true });
importRowSchema.index({ batchId: 1, status: 1, row: 1 });
importRowSchema.index({ rowBucket: 1, row: 1 });

/** Rows per bucket of `rowBucket`. */
export const ROW_BUCKET = 500;

/** The bucket of a row; set on every row by `pre('validate')` (insertMany validates) and
 * for rows of older versions by the start-up backfill (import.startup.ts). */
export function rowBucketOf(batchId: unknown, row: number): string {
  return `${String(batchId)}:${Math.floor(row / ROW_BUCKET)}`;
}

importRowSchema.pre('validate', function setRowBucket() {
  this.rowBucket = rowBucketOf(this.batchId, this.row);
});

export type ImportRow = InferSchemaType<typeof importRowSchema> & { _id: mongoose.Types.ObjectId };
export const ImportRowModel = mongoose.model('ImportRow', importRowSchema);

/**
 * A row's status as users see it. An imported row stays `valid` in storage and is told
 * apart by the batch's `importedThrough`: marking 10,000 rows one by one would cost a write
 * per letter, and on FerretDB's SQLite backend every such write reads the whole collection.
 * Failed and duplicate rows are rare and are marked.
 */
export function rowStatus(
  row: Pick<ImportRow, 'row' | 'status'>,
  batch: Pick<ImportBatch, 'importedThrough'>,
): string {
  return row.status === 'valid' && row.row <= (batch.importedThrough ?? 0)
    ? 'imported'
    : row.status;
}

/**
 * An old letter brought in by an import: metadata from the manifest, its scans as stored
 * files (ownerType `import`, ownerId = this id), OCR queued. Never registered in today's
 * buku agenda: it keeps the numbers it was given at the time. Inserted `imported` once
 * its files are stored (import-chunk.ts); `pending` is only found in letters left by the
 * older import code, which wrote the letter first, and is cleaned and redone on resume.
 */
const importedLetterSchema = new Schema(
  {
    batchId: { type: Schema.Types.ObjectId, required: true },
    row: { type: Number, required: true },
    /** Hash of direction, number, date, party and subject: the same letter twice is one. */
    importKey: { type: String, required: true, unique: true },
    status: { type: String, required: true, enum: ['pending', 'imported'] },
    direction: { type: String, required: true, enum: ['incoming', 'outgoing'] },
    letterNumber: { type: String, default: '' },
    letterDate: { type: String, required: true },
    agendaNumber: { type: String, default: '' },
    party: { type: String, default: '' },
    subject: { type: String, required: true },
    summary: { type: String, default: '' },
    /** As written on the letter (old scheme codes kept), and the current code it maps to. */
    classificationCode: { type: String, required: true },
    currentCode: { type: String, default: null },
    securityClass: { type: String, required: true, enum: ['B', 'T', 'R', 'SR'], default: 'B' },
    unitId: { type: Schema.Types.ObjectId, default: null },
    notes: { type: String, default: '' },
    fileCount: { type: Number, default: 0 },
    /** Files whose OCR text has not yet been published to search (import-text.ts). */
    textPending: { type: Boolean, default: false },
    importedAt: { type: Date, default: null },
    importedByName: { type: String, required: true },
  },
  { timestamps: true, collection: 'imported_letters' },
);
importedLetterSchema.index({ batchId: 1, row: 1 });
importedLetterSchema.index({ textPending: 1 });
importedLetterSchema.index({ letterDate: 1 });
importedLetterSchema.index({ classificationCode: 1 });

export type ImportedLetter = InferSchemaType<typeof importedLetterSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const ImportedLetterModel = mongoose.model('ImportedLetter', importedLetterSchema);
