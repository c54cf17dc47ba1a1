import mongoose, { Schema } from 'mongoose';

/**
 * What clerks chose before, as small tallies: one document per evidence key, read by `_id`
 * equality only. Keys: `s:<folded sender>` and `w:<folded subject word>`. `counts` maps an
 * encoded code (dots as `-`, since field names may not hold dots) to how often it was
 * chosen with that key; `total` is their sum. Tallies are hints: an increment lost to a race
 * (FerretDB 1.24 has no atomic `$inc` under contention) only weakens one suggestion.
 */
const tallySchema = new Schema(
  {
    _id: { type: String, required: true },
    // No defaults: an upsert's $inc creates them, and defaults would collide with it.
    counts: { type: Schema.Types.Mixed },
    total: { type: Number },
    updatedAt: { type: Date },
  },
  { collection: 'classification_tallies', versionKey: false, minimize: false },
);

export interface ClassificationTally {
  _id: string;
  counts: Record<string, number>;
  total: number;
  updatedAt: Date | null;
}

export const encodeCode = (code: string) => code.replace(/\./g, '-');
export const decodeCode = (key: string) => key.replace(/-/g, '.');

export const ClassificationTallyModel = mongoose.model('ClassificationTally', tallySchema);
