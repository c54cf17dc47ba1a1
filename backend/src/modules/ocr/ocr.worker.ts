import { hostname } from 'node:os';
import type { Logger } from '../../lib/logger.ts';
import type { FileStorage } from '../files/file-storage.ts';
import {
  claimJob,
  completeJob,
  failJob,
  onJobQueued,
  releaseJob,
  renewLease,
  setJobProgress,
} from '../jobs/jobs.service.ts';
import type { Job } from '../jobs/job.model.ts';
import { OcrInputError, type OcrLimits } from './limits.ts';
import { markFileFailed, processFile } from './processor.ts';
import { timed, type StageTimes } from './stages.ts';
import type { TesseractPool } from './tesseract-pool.ts';

export interface OcrWorkerOptions {
  /** Jobs processed at once. More than the pool's workers, so that while one job reads its
   * file or writes its results another's page is already waiting for the pool. */
  slots: number;
  /** Pages of one job sent to the pool at once (a multi-page file uses every pool worker). */
  pagesAtOnce?: number;
  leaseMs?: number;
  /** How often an idle worker looks for queued jobs (an indexed equality read). With the
   * job signal (worker.ts) this is only the safety net; without it, the pickup delay. */
  pollMs?: number;
  limits?: OcrLimits;
  workerId?: string;
}

/** Slots for a pool of `poolSize` workers: one job more than the pool, see OcrWorkerOptions. */
export const slotsFor = (poolSize: number) => poolSize + 1;

const GENERIC_FAILURE =
  'Pengenalan teks gagal karena gangguan sementara; akan dicoba lagi otomatis.';

/**
 * Claims `ocr` jobs and runs them. One dispatcher claims while a slot is free: at once when
 * a slot frees up or a job is queued in this process, otherwise on a short poll. Each
 * claimed job holds a lease that a heartbeat renews; if the heartbeat finds the lease taken
 * (this process stalled past it), the job is aborted here and left to its new holder.
 * stop() lets running jobs finish within the grace period and gives back (releases) the
 * ones that cannot.
 */
export class OcrWorker {
  readonly workerId: string;
  private readonly running = new Map<
    string,
    { job: Job; abort: AbortController; done: Promise<void> }
  >();
  private stopping = false;
  private dispatcher: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private unsubscribe: (() => void) | null = null;
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
    this.pollMs = options.pollMs ?? 250;
  }

  start(): void {
    this.unsubscribe = onJobQueued((type) => {
      if (type === 'ocr') this.wake();
    });
    this.dispatcher = this.dispatch();
  }

  /** Claims at once instead of at the next poll (a job was queued somewhere). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Resolves on wake() or after pollMs, whichever comes first. */
  private async idle(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.pollMs);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wakeUp = null;
    this.woken = false;
  }

  private async dispatch(): Promise<void> {
    while (!this.stopping) {
      while (!this.stopping && this.running.size < this.options.slots) {
        let job: Job | null = null;
        const claimStarted = performance.now();
        try {
          job = await claimJob(['ocr'], this.workerId, this.leaseMs);
        } catch (error) {
          this.logger.warn({ err: error }, 'claiming an OCR job failed');
        }
        if (!job) break;
        if (this.stopping) {
          await releaseJob(job._id, this.workerId).catch(() => undefined);
          break;
        }
        const id = job._id.toString();
        const abort = new AbortController();
        const done = this.run(job, abort, Math.round(performance.now() - claimStarted)).finally(
          () => {
            this.running.delete(id);
            this.wake();
          },
        );
        this.running.set(id, { job, abort, done });
      }
      if (!this.stopping) await this.idle();
    }
  }

  private async run(job: Job, abort: AbortController, claimMs: number): Promise<void> {
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
    // Queue wait: from the moment the job became due to its claim (poll interval, busy slots).
    const stages: StageTimes = {
      queued: Math.max(0, Date.now() - new Date(job.runAfter).getTime() - claimMs),
      claim: claimMs,
    };
    try {
      const result = await processFile(fileId, {
        storage: this.storage,
        pool: this.pool,
        pagesAtOnce: this.options.pagesAtOnce ?? this.pool.size,
        logger: log,
        limits: this.options.limits,
        signal: abort.signal,
        progress: (page, pages) => setJobProgress(job._id, this.workerId, { page, pages }),
        stages,
      });
      await timed(stages, 'complete', () => completeJob(job._id, this.workerId));
      const ms = Math.round(performance.now() - started);
      log.info({ pages: result.pageCount, ms }, 'OCR done');
      log.debug({ pages: result.pageCount, ms, stages }, 'OCR stages');
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
    this.unsubscribe?.();
    this.wake();
    await this.dispatcher;
    const all = () => Promise.all([...this.running.values()].map((r) => r.done));
    const finished = await Promise.race([all().then(() => true), sleep(graceMs).then(() => false)]);
    if (finished) return;
    for (const { job, abort } of this.running.values()) {
      abort.abort(new Error('worker stopping'));
      await releaseJob(job._id, this.workerId).catch(() => undefined);
    }
    await Promise.race([all(), sleep(5000)]);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
