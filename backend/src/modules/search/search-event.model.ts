import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** Append-only log that every API replica replays into its local search index (design.md §5).
 * `seq` is strictly increasing (taken from the counter below); an event is never changed. */
const searchEventSchema = new Schema(
  {
    seq: { type: Number, required: true, unique: true },
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

export type SearchEvent = InferSchemaType<typeof searchEventSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const SearchEventModel = mongoose.model('SearchEvent', searchEventSchema);

/** One counter document per sequence; `_id` names it. Advanced with $inc only. */
const searchCounterSchema = new Schema(
  {
    _id: { type: String, required: true },
    value: { type: Number, required: true, default: 0 },
  },
  { collection: 'search_counters', versionKey: false },
);
export const SearchCounterModel = mongoose.model('SearchCounter', searchCounterSchema);
