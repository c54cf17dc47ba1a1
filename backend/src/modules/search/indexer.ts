import type { Logger } from '../../lib/logger.ts';
import type { SearchEngine } from './engine.ts';
import { onLocalSearchEvent, SEARCH_SEQUENCE, type AppliedSearchEvent } from './publish.ts';
import { SearchCounterModel, SearchEventModel } from './search-event.model.ts';

export interface IndexerOptions {
  /** How often the log is polled for other processes' events. */
  pollMs: number;
  /** How long a hole in the sequence is awaited (a writer between $inc and insert) before it is skipped. */
  gapGraceMs: number;
  batchSize: number;
  /** Identifies the database the index was built from; a different one means rebuild. */
  source: string;
}

/**
 * Replays `search_events` into the local engine in sequence order. Every API replica runs one;
 * the index is derived data, so a missing or stale file is simply rebuilt from the log.
 * Catch-ups are serialised, so events are applied once and in order.
 */
export class SearchIndexer {
  private chain: Promise<void> = Promise.resolve();
  private gapSince: number | null = null;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  readonly engine: SearchEngine;
  private readonly logger: Logger;
  private readonly options: IndexerOptions;

  constructor(engine: SearchEngine, logger: Logger, options: IndexerOptions) {
    this.engine = engine;
    this.logger = logger;
    this.options = options;
  }

  async start(): Promise<void> {
    await this.serialised(async () => {
      const counter = await SearchCounterModel.findById(SEARCH_SEQUENCE).lean();
      const stale =
        this.engine.meta('source') !== this.options.source ||
        this.engine.cursor() > (counter?.value ?? 0);
      if (stale) {
        this.logger.info(
          { source: this.options.source },
          'search index stale or new: rebuilding from the event log',
        );
        this.engine.reset();
        this.engine.setMeta('source', this.options.source);
      }
      await this.drain();
    });
    this.unsubscribe = onLocalSearchEvent(() => this.catchUp());
    this.timer = setInterval(() => {
      this.catchUp().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'search index catch-up failed'),
      );
    }, this.options.pollMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.unsubscribe?.();
  }

  /** Applies every event not yet in the index. */
  catchUp(): Promise<void> {
    return this.serialised(() => this.drain());
  }

  /** Drops the local index and replays the whole log. */
  async rebuild(): Promise<{ documents: number; segments: number; ms: number }> {
    const started = performance.now();
    await this.serialised(async () => {
      this.engine.reset();
      this.engine.setMeta('source', this.options.source);
      this.gapSince = null;
      await this.drain();
      this.engine.optimize();
    });
    return { ...this.engine.stats(), ms: Math.round(performance.now() - started) };
  }

  private serialised(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const cursor = this.engine.cursor();
      const events = await SearchEventModel.find({ seq: { $gt: cursor } })
        .sort({ seq: 1 })
        .limit(this.options.batchSize)
        .lean();
      if (events.length === 0) return;
      const ready: AppliedSearchEvent[] = [];
      let expected = cursor + 1;
      let blocked = false;
      for (const event of events) {
        if (event.seq !== expected) {
          this.gapSince ??= Date.now();
          if (Date.now() - this.gapSince < this.options.gapGraceMs) {
            blocked = true;
            break;
          }
          this.logger.warn(
            { from: expected, to: event.seq - 1 },
            'search event sequence gap skipped',
          );
        }
        this.gapSince = null;
        ready.push(toApplied(event));
        expected = event.seq + 1;
      }
      this.engine.applyBatch(ready);
      if (blocked || events.length < this.options.batchSize) return;
    }
  }
}

function toApplied(event: Record<string, unknown>): AppliedSearchEvent {
  const { _id: _ignoredId, createdAt: _ignoredCreatedAt, ...rest } = event;
  return rest as unknown as AppliedSearchEvent;
}
