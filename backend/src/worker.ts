import os from 'node:os';
import { startServices } from './bootstrap.ts';
import { ConfigError } from './config.ts';
import { disconnectDatabase } from './lib/db.ts';
import { fileStorage } from './modules/files/file-storage.ts';
import { listenForJobs } from './modules/jobs/job-signal.ts';
import { OcrWorker, slotsFor } from './modules/ocr/ocr.worker.ts';
import { TesseractPool } from './modules/ocr/tesseract-pool.ts';

const OCR_WORKER_NICE = 10;

// Process entry for an OCR worker: config → connections → tesseract pool → claim loop.
try {
  const services = await startServices('ocr-worker');
  const size = services.config.OCR_WORKERS ?? Math.max(1, os.availableParallelism());
  // Background OCR yields the CPU to interactive work: the registration prefill OCRs the
  // next letter's first page in the API while this pool reads the letter registered just
  // before. At equal priority the prefill took 7–16 s on two cores, at nice 10 about 3.5 s
  // (docs/performance.md, "Registration flow"). Set before the pool starts, so its threads
  // inherit it; lowering one's own priority needs no privilege.
  try {
    os.setPriority(OCR_WORKER_NICE);
  } catch (error) {
    services.logger.warn({ err: error }, 'could not lower the OCR worker priority');
  }
  const pool = await TesseractPool.create(size);
  // Woken by a NOTIFY when a job is queued (embedded engine); then the poll is only a safety
  // net and can be slow, so an idle system spends almost nothing on it.
  const signalUrl = services.config.FERRETDB_POSTGRESQL_URL;
  const worker = new OcrWorker(fileStorage(services.config), pool, services.logger, {
    slots: slotsFor(size),
    pollMs: signalUrl ? 2_000 : 500,
  });
  const stopListening = signalUrl
    ? await listenForJobs(signalUrl, (type) => type === 'ocr' && worker.wake(), services.logger)
    : async () => undefined;
  worker.start();
  services.logger.info({ workers: size, workerId: worker.workerId }, 'Lontar OCR worker started');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    services.logger.info({ signal }, 'OCR worker stopping: finishing or releasing running jobs');
    const force = setTimeout(() => process.exit(1), 40_000).unref();
    await stopListening();
    await worker.stop(25_000);
    await pool.terminate().catch(() => undefined);
    await disconnectDatabase();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Lontar OCR worker failed to start:', error);
  process.exit(1);
}
