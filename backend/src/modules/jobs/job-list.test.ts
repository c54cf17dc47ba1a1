import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { now } from '../../lib/clock.ts';
import { listDoneJobs, listLiveJobs } from './job-list.ts';
import { jobDoneKeys, JobModel } from './job.model.ts';
import { backfillJobKeys } from './jobs.backfill.ts';

await createTestContext();

const HOUR = 3600_000;

/** Finished jobs of a fresh type: three this month, none last month, two the month before,
 * and a retried one (queued again, still carrying the keys of its earlier completion). */
async function seedType() {
  const type = `list-${Math.random().toString(36).slice(2, 8)}`;
  const at = now();
  const thisMonth = [1, 2, 3].map((h) => new Date(at.getTime() - h * HOUR));
  // Keep them in this UTC month even right after midnight on the 1st.
  const monthStart = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
  for (const [i, d] of thisMonth.entries())
    if (d.getTime() < monthStart) thisMonth[i] = new Date(monthStart + (3 - i) * 60_000);
  const earlier = [9, 4].map(
    (day) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 2, day, 10)),
  );
  const finished = [...thisMonth, ...earlier];
  await JobModel.insertMany([
    ...finished.map((finishedAt, i) => ({
      type,
      dedupeKey: `${type}:${i}`,
      payload: { n: i },
      status: 'done',
      finishedAt,
      ...jobDoneKeys(finishedAt),
    })),
    {
      type,
      dedupeKey: `${type}:retried`,
      payload: { n: 'retried' },
      status: 'queued',
      ...jobDoneKeys(thisMonth[0]!),
    },
  ]);
  return { type, order: finished.map((_, i) => i) };
}

const numbers = (jobs: Array<{ payload: unknown }>) =>
  jobs.map((job) => (job.payload as { n: number }).n);

describe('job lists', () => {
  it('pages finished jobs newest first across months, skipping empty ones, exact total', async () => {
    const { type } = await seedType();
    for (const monthRead of [1_000, 1]) {
      // monthRead 1: every month is "busy" and read a day at a time.
      const first = await listDoneJobs(type, 0, 2, { monthRead });
      expect(first.total).toBe(5);
      expect(numbers(first.items)).toEqual([0, 1]);
      const second = await listDoneJobs(type, 2, 2, { monthRead });
      expect(numbers(second.items)).toEqual([2, 3]);
      const last = await listDoneJobs(type, 4, 10, { monthRead });
      expect(numbers(last.items)).toEqual([4]);
      expect((await listDoneJobs(type, 5, 10, { monthRead })).items).toEqual([]);
    }
    expect(numbers(await listLiveJobs(type, 'queued'))).toEqual(['retried' as never]);
  });

  it('gives jobs finished by older versions their keys at start-up', async () => {
    const type = `old-${Math.random().toString(36).slice(2, 8)}`;
    const finishedAt = new Date(now().getTime() - 5 * HOUR);
    await JobModel.collection.insertOne({
      type,
      dedupeKey: `${type}:0`,
      payload: { n: 0 },
      status: 'done',
      finishedAt,
      runAfter: finishedAt,
      attempts: 1,
      claims: 1,
    });
    expect((await listDoneJobs(type, 0, 10)).items).toEqual([]);
    await backfillJobKeys({ force: true });
    const listed = await listDoneJobs(type, 0, 10);
    expect(numbers(listed.items)).toEqual([0]);
    expect(listed.items[0]).toMatchObject(jobDoneKeys(finishedAt));
  });
});
