import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoredFileModel } from '../../src/modules/files/file.model.ts';
import { JobModel } from '../../src/modules/jobs/job.model.ts';
import { letterData } from '../../src/modules/letters/letters.fixtures.ts';
import { OcrPageModel } from '../../src/modules/ocr/ocr-page.model.ts';
import { Client, letterForm, startSystem, type RunningProcess, type System } from '../system.ts';

/**
 * Two OCR worker processes on one queue, one of them SIGKILLed in the middle of a job and
 * started again: every job ends `done`, is reported done exactly once, and every page is
 * stored once. (Claiming races and lease rules are unit-tested in jobs.test.ts; this runs the
 * real worker processes with tesseract.)
 */
let system: System;
beforeAll(async () => {
  system = await startSystem({ LOG_LEVEL: 'info' });
}, 180_000);
afterAll(async () => {
  if (process.env.KEEP_FAULT_LOGS) {
    writeFileSync(
      process.env.KEEP_FAULT_LOGS,
      ['worker-a', 'worker-b', 'worker-a2'].map((n) => system?.log(n)).join('\n'),
    );
  }
  await system?.stop();
});

/** A page-sized grey scan with a unique thin band of noise (no two registrations share a
 * scan; tesseract spends a second or two on it). */
async function scan(): Promise<Buffer> {
  const width = 1240;
  const height = 1754;
  const pixels = Buffer.alloc(width * height, 235);
  randomBytes(width * 24).copy(pixels, width * 200);
  return sharp(pixels, { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();
}

function workerIdOf(log: string): string {
  const line = log.split('\n').find((l) => l.includes('Lontar OCR worker started'));
  if (!line) throw new Error('worker did not start');
  return (JSON.parse(line) as { workerId: string }).workerId;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('OCR workers', () => {
  it('finish every job exactly once when one of two workers is killed mid-job', async () => {
    const api = await system.startApi('api');
    await system.connect();
    const clerk = await new Client(api.url).login('agendaris');
    const JOBS = 4;
    for (let i = 0; i < JOBS; i++) {
      const answer = await clerk.send('POST', '/api/incoming-letters', {
        form: letterForm(letterData(), [
          { body: await scan(), name: `scan-${i}.png`, type: 'image/png' },
        ]),
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    }
    expect(await JobModel.countDocuments({ type: 'ocr', status: 'queued' })).toBe(JOBS);

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
  }, 420_000);
});
