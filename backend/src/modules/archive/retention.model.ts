import mongoose, { Schema, type InferSchemaType } from 'mongoose';

export const FINAL_DISPOSITIONS = ['musnah', 'permanen', 'dinilai_kembali'] as const;
export type FinalDisposition = (typeof FINAL_DISPOSITIONS)[number];

/**
 * One row of the Jadwal Retensi Arsip (domain.md §5), keyed by classification code. A code
 * without its own row inherits the nearest ancestor's row (retention.service.ts), so the
 * JRA only lists the codes that differ from their parent. Kept beside the classification
 * codes (owned by modules/classification) rather than inside them.
 */
const retentionRuleSchema = new Schema(
  {
    code: { type: String, required: true, unique: true, trim: true },
    activeYears: { type: Number, required: true, min: 0, max: 100 },
    inactiveYears: { type: Number, required: true, min: 0, max: 100 },
    finalDisposition: { type: String, required: true, enum: FINAL_DISPOSITIONS },
    /** Keterangan of the JRA row (e.g. "setelah SPJ disahkan"). */
    note: { type: String, default: '' },
    updatedByName: { type: String, default: null },
  },
  { timestamps: true, collection: 'archive_retention_rules' },
);

export type RetentionRule = InferSchemaType<typeof retentionRuleSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const RetentionRuleModel = mongoose.model('ArchiveRetentionRule', retentionRuleSchema);
