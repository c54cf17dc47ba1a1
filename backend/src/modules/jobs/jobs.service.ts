import { JobModel } from './job.model.ts';

/** Queues a job unless one with the same key exists already (idempotent for retries). */
export async function enqueueJob(
  type: string,
  dedupeKey: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await JobModel.updateOne(
    { dedupeKey },
    {
      $setOnInsert: {
        type,
        dedupeKey,
        payload,
        status: 'queued',
        runAfter: new Date(),
        attempts: 0,
      },
    },
    { upsert: true },
  );
}
