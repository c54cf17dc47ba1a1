import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * When a user last visited each of their work queues ("Perlu disposisi", the disposition
 * inbox of a position, the buku agenda), so a queue can mark what is new since the
 * previous visit. One small document per (user, queue), `_id` `<userId>:<queue>`: a visit is
 * one `_id` read and one `_id` upsert, the user's whole set one `userId` equality read (a
 * handful of documents: three queues per position held).
 */
const queueVisitSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    queue: { type: String, required: true },
    /** Items that arrived after this instant are "Baru" (queue-visits.service.ts). */
    newSince: { type: Date, required: true },
    /** The last visit of the sitting before the current one (null until there is one). */
    previousVisitAt: { type: Date, default: null },
    lastVisitAt: { type: Date, required: true },
  },
  { collection: 'queue_visits', versionKey: false },
);
// The user's visits, every queue at once (GET /api/me/queue-visits).
queueVisitSchema.index({ userId: 1 });

export type QueueVisit = InferSchemaType<typeof queueVisitSchema> & { _id: string };
export const QueueVisitModel = mongoose.model('QueueVisit', queueVisitSchema);
