import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** Kode klasifikasi arsip (domain.md §5): the Permendagri 83/2022 scheme plus codes of the
 * previous scheme found on older scans, each pointing to its nearest current code(s).
 * The archive module adds retention (JRA) fields to the same documents. */
const classificationSchema = new Schema(
  {
    code: { type: String, required: true, unique: true, trim: true },
    title: { type: String, required: true, trim: true },
    /** `2022` for Permendagri 83/2022, `legacy` for the previous scheme. */
    scheme: { type: String, required: true, enum: ['2022', 'legacy'] },
    /** Parent code in the same scheme (null for primary codes). */
    parentCode: { type: String, default: null },
    level: { type: Number, required: true },
    /** Zero-padded per segment so codes sort as numbers: 100.2 before 100.10. */
    sortKey: { type: String, required: true },
    /** Legacy codes: the current code(s) to use instead. */
    mapsTo: { type: [String], default: [] },
    active: { type: Boolean, default: true },
  },
  { timestamps: true, collection: 'classification_codes' },
);
classificationSchema.index({ sortKey: 1 });
classificationSchema.index({ scheme: 1, sortKey: 1 });

export type ClassificationCode = InferSchemaType<typeof classificationSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const ClassificationModel = mongoose.model('ClassificationCode', classificationSchema);
