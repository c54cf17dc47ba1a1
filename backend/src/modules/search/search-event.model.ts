import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** Events per `seqBucket`: the tail reads one bucket at a time by equality. */
export const SEQ_BUCKET_SIZE = 100;

/** The access key of an event: `floor(seq / 100)`. Set on every write path (publish.ts, and
 * `pre('validate')` below for create/insertMany); a script inserting events through the raw
 * driver must set it too (the start-up backfill in search-backfill.ts covers older data). */
export function seqBucketOf(seq: number): number {
  return Math.floor(seq / SEQ_BUCKET_SIZE);
}

/** Append-only log that every API replica replays into its local search index (design.md §5).
 * `seq` is gap-free and strictly increasing: a writer claims a seq by inserting its event
 * under the unique index (publish.ts), so a committed event never waits behind a hole. An
 * event is never changed. */
const searchEventSchema = new Schema(
  {
    seq: { type: Number, required: true, unique: true },
    seqBucket: { type: Number, required: true },
    type: {
      type: String,
      required: true,
      enum: ['doc', 'page', 'file-truncate', 'file-remove', 'note', 'note-remove', 'doc-remove'],
    },
    letterId: { type: String },
    fileId: { type: String },
    noteId: { type: String },
    page: { type: Number },
    text: { type: String },
    /** The document fields for `doc` events (see SearchDocumentInput). */
    doc: { type: Schema.Types.Mixed },
    createdAt: { type: Date, required: true },
  },
  { collection: 'search_events', versionKey: false },
);
searchEventSchema.index({ letterId: 1, seq: 1 });
// The tail: `{ seqBucket, seq: { $gt: cursor } }`, the bucket an equality, the range applied
// to the at most 100 events it selects.
searchEventSchema.index({ seqBucket: 1, seq: 1 });
searchEventSchema.pre('validate', function setSeqBucket() {
  if (typeof this.seq === 'number') this.seqBucket = seqBucketOf(this.seq);
});

export type SearchEvent = InferSchemaType<typeof searchEventSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const SearchEventModel = mongoose.model('SearchEvent', searchEventSchema);

/** One document per sequence; `_id` names it. `value` is a hint: the highest seq known to be
 * committed (raised with $max after each insert), where writers start claiming. */
const searchCounterSchema = new Schema(
  {
    _id: { type: String, required: true },
    value: { type: Number, required: true, default: 0 },
  },
  { collection: 'search_counters', versionKey: false },
);
export const SearchCounterModel = mongoose.model('SearchCounter', searchCounterSchema);
