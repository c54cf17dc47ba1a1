import mongoose, { Schema } from 'mongoose';

/** The practice dataset's own bookkeeping (one document): the instant its timeline ends at,
 * its pace, which letter indexes are in, and the chunk being written (so a run cut off
 * midway can be rolled back and redone). */
const practiceSeedSchema = new Schema(
  {
    _id: { type: String, required: true },
    anchor: { type: Date, required: true },
    perDay: { type: Number, required: true },
    /** Disjoint [from, to) ranges of letter indexes that are fully written. */
    done: {
      type: [new Schema({ from: Number, to: Number }, { _id: false })],
      default: [],
    },
    /** The chunk being written: its indexes and where the audit chain and the search log
     * stood before it. */
    current: {
      type: new Schema(
        {
          from: Number,
          to: Number,
          auditSeq: Number,
          searchSeq: Number,
        },
        { _id: false },
      ),
      default: null,
    },
  },
  { timestamps: true, collection: 'practice_seed', versionKey: false },
);

export const PRACTICE_SEED_ID = 'practice';
export const PracticeSeedModel = mongoose.model('PracticeSeed', practiceSeedSchema);
