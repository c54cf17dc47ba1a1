import type { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { StateClaimModel } from '../../lib/claims.ts';
import { now, shiftClock } from '../../lib/clock.ts';
import { listenForJobs, useJobSignal } from './job-signal.ts';
import { JobClaimModel, JobModel } from './job.model.ts';
import {
  CLAIM_ROLL_FORWARD_AFTER_MS,
  MAX_ATTEMPTS,
  backoffMs,
  claimJob,
  completeJob,
  enqueueJob,
  enqueueJobs,
  failJob,
  onJobQueued,
  releaseJob,
  renewLease,
  retryJob,
} from './jobs.service.ts';

const { config, services } = await createTestContext();
let counter = 0;
const key = () => `test:${++counter}:${Math.random().toString(36).slice(2)}`;

/** The first claim of a dead worker, exactly as claimJob inserts it, with a 1 s lease from
 * now; the job itself was never updated (the worker was killed between the two writes). */
async function insertDeadClaim(jobId: Types.ObjectId): Promise<void> {
  const at = now();
  await JobClaimModel.create({
    _id: `${String(jobId)}:1`,
    job: jobId,
    at,
    change: {
      status: 'running',
      leasedBy: 'dead-worker',
      leaseUntil: new Date(at.getTime() + 1_000),
      startedAt: at,
      claims: 1,
      attempts: 1,
    },
  });
}

describe('job queue', () => {
  it('keeps one job per key when the same key is enqueued concurrently', async () => {
    const k = key();
    await Promise.all(Array.from({ length: 8 }, () => enqueueJob('t1', k, { n: 1 })));
    expect(await JobModel.countDocuments({ dedupeKey: k })).toBe(1);
  });

  it('enqueues many jobs at once, leaving the keys already queued as they were', async () => {
    const [a, b, c] = [key(), key(), key()];
    await enqueueJob('t1', a, { n: 'first' });
    await enqueueJobs('t1', [
      { dedupeKey: a, payload: { n: 'second' } },
      { dedupeKey: b, payload: { n: 'b' } },
      { dedupeKey: c, payload: { n: 'c' } },
    ]);
    await enqueueJobs('t1', [{ dedupeKey: c, payload: { n: 'again' } }]);
    const jobs = await JobModel.find({ dedupeKey: { $in: [a, b, c] } }).lean();
    expect(jobs.map((j) => [j.dedupeKey, j.payload.n, j.status]).sort()).toEqual(
      [
        [a, 'first', 'queued'],
        [b, 'b', 'queued'],
        [c, 'c', 'queued'],
      ].sort(),
    );
  });

  it('hands a job to exactly one of two competing workers', async () => {
    const k = key();
    await enqueueJob('t2', k, {});
    const [a, b] = await Promise.all([
      claimJob(['t2'], 'worker-a', 60_000),
      claimJob(['t2'], 'worker-b', 60_000),
    ]);
    const claimed = [a, b].filter(Boolean);
    expect(claimed).toHaveLength(1);
    expect(claimed[0]!.attempts).toBe(1);
    expect(await completeJob(claimed[0]!._id, claimed[0]!.leasedBy!)).toBe(true);
    // The loser cannot finish what it never held, and nothing is left to claim.
    const loser = claimed[0]!.leasedBy === 'worker-a' ? 'worker-b' : 'worker-a';
    expect(await completeJob(claimed[0]!._id, loser)).toBe(false);
    expect(await claimJob(['t2'], loser, 60_000)).toBeNull();
  });

  it('gives each of many jobs to exactly one of four workers racing for them', async () => {
    const keys = Array.from({ length: 12 }, key);
    for (const k of keys) await enqueueJob('t8', k, {});
    const seen: string[] = [];
    await Promise.all(
      ['w1', 'w2', 'w3', 'w4'].map(async (worker) => {
        for (;;) {
          const job = await claimJob(['t8'], worker, 60_000);
          if (!job) return;
          seen.push(job.dedupeKey);
          expect(await completeJob(job._id, worker)).toBe(true);
        }
      }),
    );
    expect(seen.sort()).toEqual([...keys].sort());
  });

  it('reclaims a job whose lease expired and refuses the old holder afterwards', async () => {
    const k = key();
    await enqueueJob('t3', k, {});
    const first = await claimJob(['t3'], 'dead-worker', 1_000);
    expect(first).not.toBeNull();
    expect(await claimJob(['t3'], 'other', 1_000)).toBeNull();
    const restore = shiftClock(5_000);
    try {
      const second = await claimJob(['t3'], 'other', 60_000);
      expect(second?._id.toString()).toBe(first!._id.toString());
      expect(second?.attempts).toBe(2);
      expect(await renewLease(first!._id, 'dead-worker', 60_000)).toBe(false);
      expect(await renewLease(first!._id, 'other', 60_000)).toBe(true);
      expect(await completeJob(first!._id, 'dead-worker')).toBe(false);
      expect(await completeJob(first!._id, 'other')).toBe(true);
    } finally {
      restore();
    }
  });

  it('rolls forward the claim of a worker that died before updating its job, then reclaims the job', async () => {
    const k = key();
    await enqueueJob('roll1', k, {});
    const queued = await JobModel.findOne({ dedupeKey: k }).lean();
    await insertDeadClaim(queued!._id);
    // A young claim may still be applied by its own worker: left alone.
    expect(await claimJob(['roll1'], 'other', 60_000)).toBeNull();
    expect((await JobModel.findById(queued!._id).lean())?.status).toBe('queued');
    const restore = shiftClock(CLAIM_ROLL_FORWARD_AFTER_MS + 1_000);
    try {
      // Rolled forward: the job runs under the dead worker's (expired) lease, then is
      // reclaimed like any job whose worker died, with the dead attempt counted.
      let job = null;
      for (let i = 0; i < 3 && !job; i++) job = await claimJob(['roll1'], 'other', 60_000);
      expect(job?._id.toString()).toBe(queued!._id.toString());
      expect([job?.claims, job?.attempts, job?.leasedBy]).toEqual([2, 2, 'other']);
      expect(await completeJob(job!._id, 'other')).toBe(true);
    } finally {
      restore();
    }
  });

  it('has a dead claim rolled forward by one of many workers finding it, then taken by one', async () => {
    // Twelve workers meet the same dead claim whose lease has lapsed already: one rolls it
    // forward and takes the job over (claim 2). Several roll-forwards at once could each read
    // the job at claim 0; FerretDB's guarded update being read-then-write, a late one landed
    // after the take-over and put the job back under the dead worker's claim.
    for (let round = 0; round < 3; round++) {
      const type = `rollrace${round}-${Math.random().toString(36).slice(2)}`;
      const k = key();
      await enqueueJob(type, k, {});
      const queued = await JobModel.findOne({ dedupeKey: k }).lean();
      await insertDeadClaim(queued!._id);
      const restore = shiftClock(CLAIM_ROLL_FORWARD_AFTER_MS + 2_000);
      try {
        const taken = await Promise.all(
          Array.from({ length: 12 }, (_, i) => claimJob([type], `w${i}`, 60_000)),
        );
        const winners = taken.filter((job) => job !== null);
        expect(winners).toHaveLength(1);
        const job = await JobModel.findById(queued!._id).lean();
        expect([job?.claims, job?.attempts, job?.leasedBy]).toEqual([2, 2, winners[0]!.leasedBy]);
        expect(
          await StateClaimModel.countDocuments({
            _id: `job:${String(queued!._id)}:1:roll-forward`,
          }),
        ).toBe(0);
        expect(await completeJob(job!._id, job!.leasedBy!)).toBe(true);
      } finally {
        restore();
      }
    }
  });

  it('rolls forward a dead claim stored by an older version (no change recorded)', async () => {
    const k = key();
    await enqueueJob('roll2', k, {});
    const queued = await JobModel.findOne({ dedupeKey: k }).lean();
    await JobClaimModel.create({ _id: `${String(queued!._id)}:1`, job: queued!._id, at: now() });
    const restore = shiftClock(CLAIM_ROLL_FORWARD_AFTER_MS + 1_000);
    try {
      let job = null;
      for (let i = 0; i < 3 && !job; i++) job = await claimJob(['roll2'], 'other', 60_000);
      expect([job?.claims, job?.attempts, job?.leasedBy]).toEqual([2, 2, 'other']);
    } finally {
      restore();
    }
  });

  it('backs off exponentially after a failure and parks after the last attempt', async () => {
    const k = key();
    await enqueueJob('t4', k, {});
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const restore = shiftClock(attempt === 1 ? 0 : backoffMs(attempt - 1) * 2 ** attempt);
      try {
        const job = await claimJob(['t4'], 'w', 60_000);
        expect(job?.attempts).toBe(attempt);
        const outcome = await failJob(job!._id, 'w', `gagal ${attempt}`);
        expect(outcome).toBe(attempt < MAX_ATTEMPTS ? 'retrying' : 'parked');
        if (attempt === 1) {
          // Not due before its backoff has passed.
          expect(await claimJob(['t4'], 'w', 60_000)).toBeNull();
        }
      } finally {
        restore();
      }
    }
    const parked = await JobModel.findOne({ dedupeKey: k }).lean();
    expect(parked?.status).toBe('parked');
    expect(parked?.lastError).toBe(`gagal ${MAX_ATTEMPTS}`);
  });

  it('parks a permanent failure at once and a retry puts it back in the queue', async () => {
    const k = key();
    await enqueueJob('t5', k, {});
    const job = await claimJob(['t5'], 'w', 60_000);
    expect(await failJob(job!._id, 'w', 'Berkas rusak.', { permanent: true })).toBe('parked');
    expect(await claimJob(['t5'], 'w', 60_000)).toBeNull();
    const retried = await retryJob(k);
    expect(retried?.status).toBe('queued');
    expect(retried?.attempts).toBe(0);
    expect(retried?.lastError).toBeUndefined();
    expect((await claimJob(['t5'], 'w', 60_000))?.attempts).toBe(1);
  });

  it('release on shutdown gives the job back without counting the attempt', async () => {
    const k = key();
    await enqueueJob('t6', k, {});
    const job = await claimJob(['t6'], 'w', 60_000);
    expect(await releaseJob(job!._id, 'w')).toBe(true);
    const again = await claimJob(['t6'], 'w2', 60_000);
    expect(again?.attempts).toBe(1);
  });

  it('parks a job that keeps killing its worker instead of handing it out forever', async () => {
    const k = key();
    await enqueueJob('t7', k, {});
    let offset = 0;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const restore = shiftClock(offset);
      try {
        expect(await claimJob(['t7'], `w${i}`, 1_000)).not.toBeNull();
      } finally {
        restore();
      }
      offset += 2_000;
    }
    const restore = shiftClock(offset);
    try {
      expect(await claimJob(['t7'], 'last', 1_000)).toBeNull();
    } finally {
      restore();
    }
    expect((await JobModel.findOne({ dedupeKey: k }).lean())?.status).toBe('parked');
  });
  it('tells this process when a job is queued, but not when its key was queued already', async () => {
    const heard: string[] = [];
    const stop = onJobQueued((type) => heard.push(type));
    try {
      const k = key();
      await enqueueJob('t10', k, {});
      await enqueueJob('t10', k, {});
      await enqueueJobs('t11', [{ dedupeKey: key(), payload: {} }]);
      const job = await claimJob(['t10'], 'w', 60_000);
      await failJob(job!._id, 'w', 'rusak', { permanent: true });
      await retryJob(k);
    } finally {
      stop();
    }
    expect(heard).toEqual(['t10', 't11', 't10']);
  });

  it('skips a candidate that another process claimed after it was read', async () => {
    const [a, b, c] = [key(), key(), key()];
    for (const k of [a, b, c]) await enqueueJob('t9', k, {});
    // The first claim reads all three as candidates and keeps the other two for later claims.
    const first = await claimJob(['t9'], 'w', 60_000);
    expect(first?.dedupeKey).toBe(a);
    // Another process claims the second meanwhile, as claimJob does: claim row, then lease.
    const second = (await JobModel.findOne({ dedupeKey: b }).lean())!;
    await JobClaimModel.create({
      _id: `${second._id.toString()}:1`,
      job: second._id,
      at: new Date(),
    });
    await JobModel.updateOne(
      { _id: second._id },
      {
        $set: {
          status: 'running',
          leasedBy: 'elsewhere',
          leaseUntil: new Date(Date.now() + 60_000),
          claims: 1,
        },
      },
    );
    const next = await claimJob(['t9'], 'w', 60_000);
    expect(next?.dedupeKey).toBe(c);
    expect(await claimJob(['t9'], 'w', 60_000)).toBeNull();
    expect((await JobModel.findOne({ dedupeKey: b }).lean())?.leasedBy).toBe('elsewhere');
  });
  it.skipIf(!config.FERRETDB_POSTGRESQL_URL)(
    'wakes listeners in other processes through the database behind FerretDB',
    async () => {
      const url = config.FERRETDB_POSTGRESQL_URL!;
      const heard: string[] = [];
      let heardIt: () => void = () => undefined;
      const signalled = new Promise<void>((resolve) => (heardIt = resolve));
      // The listener has a connection of its own, as a worker process would.
      const stop = await listenForJobs(
        url,
        (type) => {
          heard.push(type);
          if (type === 't12') heardIt();
        },
        services.logger,
      );
      useJobSignal(url);
      try {
        await enqueueJob('t12', key(), {});
        // Never signalled: the test times out.
        await signalled;
        expect(heard).toContain('t12');
      } finally {
        useJobSignal(null);
        await stop();
      }
    },
  );
});
