import { hostname } from 'node:os';
import type { Logger } from '../../lib/logger.ts';
import type { FileStorage } from '../files/file-storage.ts';
import {
  claimJob,
  completeJob,
  failJob,
  releaseJob,
  renewLease,
  setJobProgress,
} from '../jobs/jobs.service.ts';
import type { Job } from '../jobs/job.model.ts';
import { OcrInputError, type OcrLimits } from './limits.ts';
import { markFileFailed, processFile } from './processor.ts';
import type { TesseractPool } from './tesseract-pool.ts';

export interface OcrWorkerOptions {
  /** Jobs processed at once (each keeps the pool busy page by page). */
  slots: number;
  leaseMs?: number;
  pollMs?: number;
  limits?: OcrLimits;
  workerId?: string;
}

const GENERIC_FAILURE =
  'Pengenalan teks gagal karena gangguan sementara; akan dicoba lagi otomatis.';

/**
 * Claims `ocr` jobs and runs them. Each claimed job holds a lease that a heartbeat renews;
 * if the heartbeat finds the lease taken (this process stalled past it), the job is aborted
 * here and left to its new holder. stop() lets running jobs finish within the grace period
 * and gives back (releases) the ones that cannot.
 */
export class OcrWorker {
  readonly workerId: string;
  private readonly running = new Map<
    string,
    { job: Job; abort: AbortController; done: Promise<void> }
  >();
  private stopping = false;
  private loops: Promise<void>[] = [];
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly storage: FileStorage;
  private readonly pool: TesseractPool;
  private readonly logger: Logger;
  private readonly options: OcrWorkerOptions;

  constructor(
    storage: FileStorage,
    pool: TesseractPool,
    logger: Logger,
    options: OcrWorkerOptions,
  ) {
    this.storage = storage;
    this.pool = pool;
    this.logger = logger;
    this.options = options;
    this.workerId =
      options.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollMs = options.pollMs ?? 1000;
  }

  start(): void {
    this.loops = Array.from({ length: this.options.slots }, (_, slot) => this.loop(slot));
  }

  private async loop(slot: number): Promise<void> {
    while (!this.stopping) {
      let job: Job | null = null;
      try {
        job = await claimJob(['ocr'], this.workerId, this.leaseMs);
      } catch (error) {
        this.logger.warn({ err: error, slot }, 'claiming an OCR job failed');
      }
      if (!job) {
        await sleep(this.pollMs);
        continue;
      }
      const abort = new AbortController();
      const done = this.run(job, abort);
      this.running.set(job._id.toString(), { job, abort, done });
      await done;
      this.running.delete(job._id.toString());
    }
  }

  private async run(job: Job, abort: AbortController): Promise<void> {
    const fileId = String((job.payload as { fileId?: unknown }).fileId ?? '');
    const log = this.logger.child({ jobId: job._id.toString(), fileId, attempt: job.attempts });
    const heartbeat = setInterval(
      () => {
        renewLease(job._id, this.workerId, this.leaseMs)
          .then((ours) => {
            if (!ours) abort.abort(new Error('lease lost'));
          })
          .catch((error: unknown) => log.warn({ err: error }, 'lease renewal failed'));
      },
      Math.max(250, Math.floor(this.leaseMs / 3)),
    );
    const started = performance.now();
    try {
      const result = await processFile(fileId, {
        storage: this.storage,
        pool: this.pool,
        logger: log,
        limits: this.options.limits,
        signal: abort.signal,
        progress: (page, pages) => setJobProgress(job._id, this.workerId, { page, pages }),
      });
      await completeJob(job._id, this.workerId);
      log.info(
        { pages: result.pageCount, ms: Math.round(performance.now() - started) },
        'OCR done',
      );
    } catch (error) {
      if (abort.signal.aborted) {
        // Lost lease or stopping: someone else holds the job now, or stop() releases it.
        log.info({ reason: String(abort.signal.reason) }, 'OCR interrupted');
        return;
      }
      const permanent = error instanceof OcrInputError;
      const message = permanent ? error.message : GENERIC_FAILURE;
      if (!permanent) log.error({ err: error }, 'OCR failed');
      const outcome = await failJob(job._id, this.workerId, message, { permanent });
      if (outcome === 'parked') await markFileFailed(fileId);
      log.warn({ outcome, permanent }, 'OCR attempt failed');
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Stops claiming; waits up to graceMs for running jobs, then releases the rest. */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    const all = Promise.all(this.loops);
    const finished = await Promise.race([all.then(() => true), sleep(graceMs).then(() => false)]);
    if (finished) return;
    for (const { job, abort } of this.running.values()) {
      abort.abort(new Error('worker stopping'));
      await releaseJob(job._id, this.workerId).catch(() => undefined);
    }
    await Promise.race([all, sleep(5000)]);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
