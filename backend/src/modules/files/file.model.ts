import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** One uploaded file (scan, attachment, report file). The bytes live in object storage under
 * `key` (design.md §5); derived objects (searchable PDF, page images) sit beside it. */
const storedFileSchema = new Schema(
  {
    /** What the file belongs to: an incoming letter, an outgoing letter, a disposition report, ... */
    ownerType: {
      type: String,
      required: true,
      enum: ['incoming', 'outgoing', 'report', 'import', 'meeting'],
    },
    ownerId: { type: Schema.Types.ObjectId, required: true },
    /** Sanitised original name, for display and download only (never used in keys or paths). */
    name: { type: String, required: true },
    size: { type: Number, required: true },
    /** Sniffed from the bytes, never taken from the client. */
    mimeType: { type: String, required: true },
    sha256: { type: String, required: true },
    key: { type: String, required: true, unique: true },
    /** Security class copied from the owner, so file access checks need no second lookup. */
    securityClass: { type: String, required: true, enum: ['B', 'T', 'R', 'SR'], default: 'B' },
    pageCount: { type: Number },
    /** Derived searchable PDF key, once OCR produced it. */
    searchableKey: { type: String },
    ocrStatus: {
      type: String,
      enum: ['queued', 'processing', 'done', 'failed', 'none'],
      default: 'queued',
    },
    createdBy: { type: Schema.Types.ObjectId },
  },
  { timestamps: true, collection: 'files' },
);
// A letter's (or report's) files, in upload order: the letter page and every access check.
storedFileSchema.index({ ownerType: 1, ownerId: 1, createdAt: 1, _id: 1 });
// Duplicate scans at registration: one equality per hash.
storedFileSchema.index({ sha256: 1, ownerType: 1 });

export type StoredFile = InferSchemaType<typeof storedFileSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const StoredFileModel = mongoose.model('StoredFile', storedFileSchema);
