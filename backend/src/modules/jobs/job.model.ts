import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** A durable background job (design.md §5). Workers claim one with findOneAndUpdate, setting
 * a lease; an expired lease means the worker died and the job may be claimed again. */
const jobSchema = new Schema(
  {
    type: { type: String, required: true },
    /** At most one live job per key (e.g. `ocr:<fileId>`), so retries never duplicate work. */
    dedupeKey: { type: String, required: true, unique: true },
    payload: { type: Schema.Types.Mixed, required: true },
    status: {
      type: String,
      required: true,
      enum: ['queued', 'running', 'done', 'parked'],
      default: 'queued',
    },
    runAfter: { type: Date, required: true, default: () => new Date() },
    leaseUntil: { type: Date },
    leasedBy: { type: String },
    attempts: { type: Number, required: true, default: 0 },
    lastError: { type: String },
    /** Free-form progress for the UI, e.g. { page: 3, pages: 7 }. */
    progress: { type: Schema.Types.Mixed },
    finishedAt: { type: Date },
  },
  { timestamps: true, collection: 'jobs' },
);
jobSchema.index({ status: 1, runAfter: 1 });
jobSchema.index({ type: 1, status: 1 });

export type Job = InferSchemaType<typeof jobSchema> & { _id: mongoose.Types.ObjectId };
export const JobModel = mongoose.model('Job', jobSchema);
