import { backfillKeys, BACKFILL_LEASE_MS } from '../../lib/backfill.ts';
import type { Services } from '../../services.ts';
import { runWithKeptLease } from '../files/lease.ts';
import { jobDoneKeys, JobModel, type Job } from './job.model.ts';

/** Bump when `jobDoneKeys` changes what it computes. */
export const JOB_KEYS_VERSION = 1;

/** The keys of a finished job; any other job keeps what it has (nothing, or the keys of an
 * earlier completion, which the lists ignore: they AND `status: 'done'`). */
function keysOf(job: Pick<Job, 'status' | 'finishedAt' | 'updatedAt' | 'doneMonth' | 'doneDay'>) {
  if (job.status !== 'done') return { doneMonth: job.doneMonth, doneDay: job.doneDay };
  return jobDoneKeys(new Date(job.finishedAt ?? job.updatedAt ?? 0));
}

/**
 * Gives jobs finished by older versions (and seeded ones made before the keys) their
 * `doneMonth`/`doneDay` (lib/backfill.ts); jobs already right are not written.
 */
export async function backfillJobKeys(
  options: { force?: boolean; logger?: Services['logger'] } = {},
): Promise<{ scanned: number; updated: number }> {
  return backfillKeys<Job>(
    {
      marker: 'job-done-keys',
      version: JOB_KEYS_VERSION,
      model: JobModel as never,
      fields: ['doneMonth', 'doneDay'],
      inputs: ['status', 'finishedAt', 'updatedAt'],
      keys: (job) => keysOf(job),
      batchSize: 1000,
      message: 'jobs: access keys of finished jobs backfilled',
    },
    options,
  );
}

/** Start-up: the backfill before serving, one process at a time. */
export async function jobsStartupTask(services: Services): Promise<void> {
  await runWithKeptLease('backfill:job-done-keys', BACKFILL_LEASE_MS, async () => {
    await backfillJobKeys({ logger: services.logger });
  });
}
