import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** A durable background job (design.md §5). Workers claim one through a unique insert into
 * `job_claims`, setting a lease; an expired lease means the worker died and the job may be
 * claimed again. */
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
    /** The error shown to users when the job is parked (Bahasa Indonesia). */
    lastErrorAt: { type: Date },
    startedAt: { type: Date },
    /** Only ever grows: the n-th claim must win the unique `job_claims` id `<jobId>:<n>`. */
    claims: { type: Number, required: true, default: 0 },
    /** Free-form progress for the UI, e.g. { page: 3, pages: 7 }. */
    progress: { type: Schema.Types.Mixed },
    finishedAt: { type: Date },
    /** Access keys of a finished job for the newest-first lists (jobDoneKeys): UTC month
     * and day of finishedAt. Left as they were when a finished job is retried; the lists
     * read them ANDed with `status: 'done'`, and the next completion rewrites them. */
    doneMonth: { type: String },
    doneDay: { type: String },
  },
  { timestamps: true, collection: 'jobs' },
);
// Every read of the queue is an equality on (type, status) (jobs.service.ts): FerretDB
// pushes it down to the mirrored indexes, MongoDB walks these in order.
jobSchema.index({ type: 1, status: 1, runAfter: 1 });
jobSchema.index({ type: 1, status: 1, leaseUntil: 1 });
jobSchema.index({ type: 1, status: 1, updatedAt: -1 });
// Finished jobs, newest first, a month (or a day of a busy month) at a time (job-list.ts).
jobSchema.index({ doneMonth: 1, finishedAt: -1 });
jobSchema.index({ doneDay: 1, finishedAt: -1 });

/** The one function that derives a finished job's access keys: `<yyyy-mm>` and
 * `<yyyy-mm-dd>` (UTC) of the moment it finished. */
export function jobDoneKeys(finishedAt: Date): { doneMonth: string; doneDay: string } {
  const iso = finishedAt.toISOString();
  return { doneMonth: iso.slice(0, 7), doneDay: iso.slice(0, 10) };
}

/** One row per claim of a job. The unique _id makes a claim a compare-and-set that holds
 * even where findOneAndUpdate is not atomic (FerretDB 1.x reads, then writes). */
const jobClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    job: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
    /** What the claim sets on the job (status, lease, claims, attempts), so that a reader can
     * apply it for a worker that died before it did (jobs.service.ts, roll forward). */
    change: { type: Schema.Types.Mixed },
  },
  { collection: 'job_claims', versionKey: false },
);
jobClaimSchema.index({ job: 1 });
export const JobClaimModel = mongoose.model('JobClaim', jobClaimSchema);

export type Job = InferSchemaType<typeof jobSchema> & { _id: mongoose.Types.ObjectId };
export const JobModel = mongoose.model('Job', jobSchema);
