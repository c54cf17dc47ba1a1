import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, expect } from 'vitest';
import { JobModel } from '../../src/modules/jobs/job.model.ts';
import { letterData } from '../../src/modules/letters/letters.fixtures.ts';
import { Client, letterForm, startSystem, type System } from '../system.ts';

/**
 * What the OCR fault tests share (ocr-claim.test.ts, ocr-workers.test.ts): a whole system
 * (API and worker processes on their own databases) started once per file, its worker logs
 * kept on request (KEEP_FAULT_LOGS=<file>), scans the clerk registers, and a wait for a
 * condition with a deadline.
 */
export function useFaultSystem(logNames: readonly string[]): () => System {
  let system: System | undefined;
  beforeAll(async () => {
    system = await startSystem({ LOG_LEVEL: 'info' });
  }, 180_000);
  afterAll(async () => {
    if (process.env.KEEP_FAULT_LOGS)
      writeFileSync(process.env.KEEP_FAULT_LOGS, logNames.map((n) => system?.log(n)).join('\n'));
    await system?.stop();
  });
  return () => {
    if (!system) throw new Error('the fault system did not start');
    return system;
  };
}

/** A page-sized grey scan with a unique thin band of noise (no two registrations share a
 * scan; tesseract spends a second or two on it). */
export async function scan(): Promise<Buffer> {
  const width = 1240;
  const height = 1754;
  const pixels = Buffer.alloc(width * height, 235);
  randomBytes(width * 24).copy(pixels, width * 200);
  return sharp(pixels, { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();
}

/** Starts the API, connects this test process to the system's database and registers
 * `count` letters with one scan each, as the desk; their OCR jobs wait queued. */
export async function registerScans(system: System, count: number): Promise<void> {
  const api = await system.startApi('api');
  await system.connect();
  const clerk = await new Client(api.url).login('agendaris');
  for (let i = 0; i < count; i++) {
    const answer = await clerk.send('POST', '/api/incoming-letters', {
      form: letterForm(letterData(), [
        { body: await scan(), name: `scan-${i}.png`, type: 'image/png' },
      ]),
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  }
  expect(await JobModel.countDocuments({ type: 'ocr', status: 'queued' })).toBe(count);
}

/** Polls `probe` until it gives a value, or fails after `timeoutMs` naming `what`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}
