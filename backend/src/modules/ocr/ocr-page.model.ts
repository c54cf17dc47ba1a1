import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** A word box, kept small: one object per word (no nested arrays, FerretDB-safe). */
const wordSchema = new Schema(
  {
    t: { type: String, required: true },
    x0: Number,
    y0: Number,
    x1: Number,
    y1: Number,
    c: Number,
  },
  { _id: false },
);

/** The text of one page of a file. Keyed by (fileId, page): a job that runs twice writes the
 * same row, so results are exactly-once as users see them. */
const ocrPageSchema = new Schema(
  {
    fileId: { type: Schema.Types.ObjectId, required: true },
    page: { type: Number, required: true },
    /** The text shown and indexed: the recognised text, or a reviewer's correction. */
    text: { type: String, required: true, default: '' },
    /** What the machine read, kept when a reviewer corrects the page. */
    ocrText: { type: String, default: '' },
    /** 0–100; 100 for pages whose text came from the PDF's own text layer. */
    confidence: { type: Number, required: true },
    lowConfidence: { type: Boolean, required: true, default: false },
    source: { type: String, required: true, enum: ['ocr', 'text-layer'] },
    /** Size of the space the word boxes are in (OCR image pixels, or PDF points). */
    width: { type: Number, required: true },
    height: { type: Number, required: true },
    words: { type: [wordSchema], default: [] },
    /** sha256 of the file the page was read from; a resumed job reuses pages with the same. */
    sourceSha: { type: String, required: true },
    correctedBy: { type: Schema.Types.ObjectId },
    correctedAt: { type: Date },
  },
  { timestamps: true, collection: 'ocr_pages' },
);
ocrPageSchema.index({ fileId: 1, page: 1 }, { unique: true });

export type OcrPage = InferSchemaType<typeof ocrPageSchema> & { _id: mongoose.Types.ObjectId };
export const OcrPageModel = mongoose.model('OcrPage', ocrPageSchema);

/** Pages under this mean confidence are flagged for a reviewer. */
export const LOW_CONFIDENCE = 70;
