import { describe, expect, it } from 'vitest';
import { StoredFileModel } from '../../src/modules/files/file.model.ts';
import { JobModel } from '../../src/modules/jobs/job.model.ts';
import { OcrPageModel } from '../../src/modules/ocr/ocr-page.model.ts';
import type { RunningProcess } from '../system.ts';
import { registerScans, until, useFaultSystem } from './ocr-fault-support.ts';

/**
 * Two OCR worker processes on one queue, one of them SIGKILLed in the middle of a job and
 * started again: every job ends `done`, is reported done exactly once, and every page is
 * stored once. (Claiming races and lease rules are unit-tested in jobs.test.ts; this runs the
 * real worker processes with tesseract.)
 */
const fault = useFaultSystem(['worker-a', 'worker-b', 'worker-a2']);

function workerIdOf(log: string): string {
  const line = log.split('\n').find((l) => l.includes('Lontar OCR worker started'));
  if (!line) throw new Error('worker did not start');
  return (JSON.parse(line) as { workerId: string }).workerId;
}

describe('OCR workers', () => {
  it('finish every job exactly once when one of two workers is killed mid-job', async () => {
    const system = fault();
    const JOBS = 4;
    await registerScans(system, JOBS);

    const a: RunningProcess = system.startWorker('worker-a', { OCR_WORKERS: '1' });
    system.startWorker('worker-b', { OCR_WORKERS: '1' });
    const aId = await until(
      'worker A',
      async () =>
        system.log('worker-a').includes('worker started')
          ? workerIdOf(system.log('worker-a'))
          : null,
      120_000,
    );
    const victim = await until(
      'a job running on worker A',
      () => JobModel.findOne({ status: 'running', leasedBy: aId }).lean(),
      120_000,
      100,
    );
    await a.kill();
    // The lease would lapse after a minute; move it back instead of waiting (lease expiry
    // itself is tested in jobs.test.ts). Worker B, or A restarted, takes the job over.
    await JobModel.updateOne(
      { _id: victim._id, leasedBy: aId },
      { $set: { leaseUntil: new Date(Date.now() - 1000) } },
    );
    system.startWorker('worker-a2', { OCR_WORKERS: '1' });

    await until(
      'every job done',
      async () => (await JobModel.countDocuments({ type: 'ocr', status: 'done' })) === JOBS,
      240_000,
    );
    const jobs = await JobModel.find({ type: 'ocr' }).lean();
    expect(jobs.map((j) => j.status)).toEqual(jobs.map(() => 'done'));
    expect(jobs.find((j) => String(j._id) === String(victim._id))!.attempts).toBe(2);

    // Reported done once per job across all worker processes.
    const doneLines = ['worker-a', 'worker-b', 'worker-a2']
      .flatMap((name) => system.log(name).split('\n'))
      .filter((line) => line.includes('"msg":"OCR done"'))
      .map((line) => (JSON.parse(line) as { jobId: string }).jobId)
      .sort();
    expect(doneLines).toEqual(jobs.map((j) => String(j._id)).sort());

    // Every page stored once, every file marked done.
    for (const file of await StoredFileModel.find({ ownerType: 'incoming' }).lean()) {
      expect(file.ocrStatus).toBe('done');
      const pages = await OcrPageModel.find({ fileId: file._id }).lean();
      expect(pages.map((p) => p.page)).toEqual([1]);
    }
  });
});
