import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** One running counter per (series, year), e.g. the central incoming register of 2026
 * (design.md §5). `last` is the highest number known to be taken. It may lag one behind
 * the truth after a crash; the next allocation repairs it (see numbering.service.ts). */
const counterSchema = new Schema(
  {
    series: { type: String, required: true },
    year: { type: Number, required: true },
    last: { type: Number, required: true, default: 0 },
  },
  { timestamps: true, collection: 'counters' },
);
counterSchema.index({ series: 1, year: 1 }, { unique: true });

export type Counter = InferSchemaType<typeof counterSchema> & { _id: mongoose.Types.ObjectId };
export const CounterModel = mongoose.model('Counter', counterSchema);
