import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** A day off on the holiday calendar used for working-day deadlines: a national holiday
 * (libur nasional), a collective leave day (cuti bersama) or a regional one. Keyed by the
 * Jakarta calendar date, so "is this a working day" is one indexed lookup. */
export const HOLIDAY_KINDS = ['libur_nasional', 'cuti_bersama', 'libur_daerah'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

const holidaySchema = new Schema(
  {
    /** `YYYY-MM-DD`, the calendar date in Asia/Jakarta. */
    date: { type: String, required: true, unique: true },
    name: { type: String, required: true, trim: true },
    kind: { type: String, required: true, enum: HOLIDAY_KINDS },
    /** Seeded ahead of the official decree (SKB); an admin confirms or corrects it. */
    estimated: { type: Boolean, default: false },
    source: { type: String, required: true, enum: ['seed', 'admin'] },
    updatedBy: { type: String, default: null },
  },
  { timestamps: true, collection: 'calendar_holidays' },
);

export type Holiday = InferSchemaType<typeof holidaySchema> & { _id: mongoose.Types.ObjectId };
export const HolidayModel = mongoose.model('Holiday', holidaySchema);
