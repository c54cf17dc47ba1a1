import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** A box of paper records and where it stands (domain.md §5: gedung, ruang, lemari/rak,
 * boks, folder). Berkas point to their box and name their folder in it. */
const boxSchema = new Schema(
  {
    /** Shown on the label and shelf, e.g. `BOKS-2026-0007`; unique. */
    code: { type: String, required: true, unique: true, trim: true },
    building: { type: String, required: true, trim: true },
    room: { type: String, required: true, trim: true },
    cabinet: { type: String, default: '', trim: true },
    shelf: { type: String, default: '', trim: true },
    /** Whose records it holds: a unit (arsip aktif) or the records centre. */
    holder: { type: String, enum: ['unit', 'pusat'], default: 'unit' },
    unitName: { type: String, default: '' },
    notes: { type: String, default: '' },
    active: { type: Boolean, default: true },
    createdByName: { type: String, required: true },
  },
  { timestamps: true, collection: 'archive_boxes' },
);
boxSchema.index({ building: 1, room: 1, cabinet: 1, shelf: 1 });

export type Box = InferSchemaType<typeof boxSchema> & { _id: mongoose.Types.ObjectId };
export const BoxModel = mongoose.model('ArchiveBox', boxSchema);
