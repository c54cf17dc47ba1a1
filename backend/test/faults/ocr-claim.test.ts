import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoredFileModel } from '../../src/modules/files/file.model.ts';
import { JobClaimModel, JobModel } from '../../src/modules/jobs/job.model.ts';
import { OcrPageModel } from '../../src/modules/ocr/ocr-page.model.ts';
import { registerScans, until, useFaultSystem } from './ocr-fault-support.ts';

/**
 * An OCR worker killed exactly between its two writes of a claim: the claim row is stored
 * (`<jobId>:1` in job_claims), the job is not updated. Every later worker meets that claim
 * id as taken; without a roll-forward the job stays queued forever. Here a second worker
 * must apply the dead worker's claim (the job runs under the dead lease), take the job over
 * when that lease is over, and finish it once.
 */
const fault = useFaultSystem(['worker-a', 'worker-b']);

describe('an OCR worker killed between its claim and the job update', () => {
  it('leaves a claim that the next worker rolls forward, and the job is done once', async () => {
    const system = fault();
    await registerScans(system, 1);
    const job = (await JobModel.findOne({ type: 'ocr' }).lean())!;
    expect(job.status).toBe('queued');

    const hook = path.join(import.meta.dirname, 'die-after-job-claim.ts');
    const a = system.startWorker('worker-a', {
      OCR_WORKERS: '1',
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${hook}`.trim(),
    });
    await until('worker A to die at its claim', async () => !a.managed.alive(), 120_000);

    // The gap: the claim is stored, the job was never touched.
    const claim = (await JobClaimModel.findById(`${String(job._id)}:1`).lean()) as {
      change?: { leasedBy?: string };
    } | null;
    expect(claim).not.toBeNull();
    const stuck = (await JobModel.findById(job._id).lean())!;
    expect([stuck.status, stuck.claims, stuck.attempts]).toEqual(['queued', 0, 0]);

    system.startWorker('worker-b', { OCR_WORKERS: '1' });
    // Worker B meets the claim as taken; once it is old enough it applies it for A.
    const rolled = await until(
      "the dead worker's claim rolled forward",
      () => JobModel.findOne({ _id: job._id, status: 'running', claims: 1 }).lean(),
      90_000,
    );
    const deadWorker = claim!.change?.leasedBy;
    expect(rolled.leasedBy).toBe(deadWorker);
    // The dead lease would lapse after a minute; move it back instead of waiting (lease
    // expiry itself is tested in jobs.test.ts). Worker B then takes the job over.
    await JobModel.updateOne(
      { _id: job._id, leasedBy: deadWorker },
      { $set: { leaseUntil: new Date(Date.now() - 1000) } },
    );
    await until(
      'the job done',
      async () => (await JobModel.findById(job._id).lean())?.status === 'done',
      240_000,
    );
    const done = (await JobModel.findById(job._id).lean())!;
    expect([done.claims, done.attempts]).toEqual([2, 2]);
    // The worker logs "OCR done" after it marks the job done: wait for the line, then
    // check that there is exactly one.
    const doneLines = () =>
      system
        .log('worker-b')
        .split('\n')
        .filter((line) => line.includes('"msg":"OCR done"'));
    await until('the done report in the log', async () => doneLines().length > 0, 60_000);
    expect(doneLines()).toHaveLength(1);
    const file = (await StoredFileModel.findOne({ ownerType: 'incoming' }).lean())!;
    expect(file.ocrStatus).toBe('done');
    expect((await OcrPageModel.find({ fileId: file._id }).lean()).map((p) => p.page)).toEqual([1]);
  }, 600_000);
});
