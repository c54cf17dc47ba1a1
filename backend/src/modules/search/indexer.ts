import type { Logger } from '../../lib/logger.ts';
import type { SearchEngine } from './engine.ts';
import { onLocalSearchEvent, searchSequenceHint, type AppliedSearchEvent } from './publish.ts';
import { SEQ_BUCKET_SIZE, SearchEventModel, seqBucketOf } from './search-event.model.ts';

export interface IndexerOptions {
  /** How often the log is polled for other processes' events. */
  pollMs: number;
  /** How long a hole in the sequence is awaited before the events after it are applied. */
  gapGraceMs: number;
  /** How often skipped holes are looked for again (default 10 s). */
  holeRetryMs?: number;
  /** How long a skipped hole is looked for before it is given up (default one day). */
  holeKeepMs?: number;
  /** Identifies the log the index was built from (or how to find out, at start); a different
   * one means rebuild. */
  source: string | (() => Promise<string>);
}

type StoredEvent = Record<string, unknown> & { seq: number; seqBucket?: number };

/** At most this many skipped holes are remembered (oldest dropped first, with a warning). */
const MAX_HOLES = 10_000;
/** Seqs looked up one by one when a hole may be events written without `seqBucket`. */
const HEAL_LIMIT = SEQ_BUCKET_SIZE;
/** Buckets read per retry round of skipped holes. */
const HOLE_BUCKETS_PER_ROUND = 20;

/**
 * Replays `search_events` into the local engine in sequence order. Every API replica runs one;
 * the index is derived data, so a missing or stale file is simply rebuilt from the log.
 * Catch-ups are serialised, so events are applied once and in order.
 *
 * The tail is an equality read: the events of the bucket holding `cursor + 1`
 * (`{ seqBucket, seq: { $gt: cursor } }`, at most 100), never a range over the whole log.
 * Writers claim seqs by inserting (publish.ts), so the log has no holes of its own; holes can
 * only come from older versions (a counter taken before the insert) or from scripts. Such a
 * hole is awaited for `gapGraceMs`, then the events after it are applied and the hole is
 * remembered (in the index's meta) and looked for again every `holeRetryMs` for
 * `holeKeepMs`: an event that fills it later is still applied (the engine keeps the newest
 * state of each record by seq, so a late event never overwrites a newer one).
 */
export class SearchIndexer {
  private chain: Promise<void> = Promise.resolve();
  private gapSince: number | null = null;
  private nothingBeyond = '';
  private lastHoleRetry = 0;
  /** Skipped seq → when it was skipped (Date.now()). */
  private holes = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private source = '';

  readonly engine: SearchEngine;
  private readonly logger: Logger;
  private readonly options: Required<IndexerOptions>;

  constructor(engine: SearchEngine, logger: Logger, options: IndexerOptions) {
    this.engine = engine;
    this.logger = logger;
    this.options = { holeRetryMs: 10_000, holeKeepMs: 86_400_000, ...options };
  }

  async start(): Promise<void> {
    const { source } = this.options;
    this.source = typeof source === 'string' ? source : await source();
    await this.serialised(async () => {
      const cursor = this.engine.cursor();
      // The hint may trail the log by one crashed writer; the event at the cursor tells
      // whether the log still holds what the index was built from (a restored older backup
      // does not).
      const stale =
        this.engine.meta('source') !== this.source ||
        (cursor > (await searchSequenceHint()) &&
          !(await SearchEventModel.exists({ seq: cursor })));
      if (stale) {
        this.logger.info(
          { source: this.source },
          'search index stale or new: rebuilding from the event log',
        );
        this.engine.reset();
        this.engine.setMeta('source', this.source);
      }
      this.holes = readHoles(this.engine.meta('holes'));
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
      this.engine.setMeta('source', this.source);
      this.gapSince = null;
      this.holes.clear();
      await this.drain();
      this.engine.optimize();
    });
    return { ...this.engine.stats(), ms: Math.round(performance.now() - started) };
  }

  /** Seqs skipped and still looked for (for tests and the admin's curiosity). */
  pendingHoles(): number[] {
    return [...this.holes.keys()].sort((a, b) => a - b);
  }

  private serialised(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async drain(): Promise<void> {
    await this.retryHoles();
    for (;;) {
      const cursor = this.engine.cursor();
      const bucket = seqBucketOf(cursor + 1);
      const events = await readBucket(bucket, cursor);
      const ready: StoredEvent[] = [];
      for (const event of events) {
        if (event.seq !== cursor + 1 + ready.length) break;
        ready.push(event);
      }
      if (ready.length > 0) {
        this.engine.applyBatch(ready.map(toApplied));
        this.gapSince = null;
        const last = ready.at(-1)!.seq;
        // The bucket is done (read the next one) or a hole follows (handled next round).
        if (seqBucketOf(last + 1) !== bucket || ready.length < events.length) continue;
        return;
      }
      const next = events[0]?.seq ?? (await this.firstSeqBeyond(cursor));
      if (next === null) return;
      if (next === cursor + 1) continue; // just given its bucket
      // A hole [cursor + 1, next - 1]. Events written without `seqBucket` look like one:
      // find them by seq and give them their bucket, once when the hole is met and once
      // before it is skipped.
      const firstLook = this.gapSince === null;
      this.gapSince ??= Date.now();
      const graceOver = Date.now() - this.gapSince >= this.options.gapGraceMs;
      if ((firstLook || graceOver) && (await healBuckets(cursor + 1, next - 1)) > 0) {
        this.gapSince = null;
        continue;
      }
      if (!graceOver) return;
      this.skipHole(cursor + 1, next - 1);
    }
  }

  /** The first seq after `cursor` outside its bucket, or null. Reached only when the bucket
   * holds nothing after the cursor: then the hint says whether anything was written beyond
   * (a hole at the end of a bucket, or events a script wrote without their bucket). */
  private async firstSeqBeyond(cursor: number): Promise<number | null> {
    const hint = await searchSequenceHint();
    if (hint <= cursor) return null;
    // The same cursor and hint as last time found nothing: an older version's counter ran
    // ahead of the log. Nothing to look at until either moves.
    const key = `${cursor}:${hint}`;
    if (this.nothingBeyond === key) return null;
    // Most likely the next events were written without their bucket: one lookup tells.
    const following = await SearchEventModel.findOne({ seq: cursor + 1 }, { seqBucket: 1 }).lean<{
      seqBucket?: number;
    }>();
    if (following) {
      if (following.seqBucket !== seqBucketOf(cursor + 1)) await healBuckets(cursor + 1, hint);
      return cursor + 1;
    }
    for (let bucket = seqBucketOf(cursor + 1) + 1; bucket <= seqBucketOf(hint); bucket += 1) {
      const events = await readBucket(bucket, cursor);
      if (events.length > 0) return events[0]!.seq;
    }
    if ((await healBuckets(cursor + 1, hint)) > 0) return cursor + 1;
    this.nothingBeyond = key;
    return null;
  }

  private skipHole(from: number, to: number): void {
    this.logger.warn({ from, to }, 'search event sequence hole: applying later events, hole kept');
    const at = Date.now();
    for (let seq = from; seq <= to; seq += 1) this.holes.set(seq, at);
    for (const seq of this.holes.keys()) {
      if (this.holes.size <= MAX_HOLES) break;
      this.holes.delete(seq);
      this.logger.warn({ seq }, 'search event hole given up (too many holes)');
    }
    this.engine.setCursor(to);
    this.saveHoles();
    this.gapSince = null;
  }

  /** Looks for the events of skipped holes again; applies the ones that arrived. */
  private async retryHoles(): Promise<void> {
    if (this.holes.size === 0 || Date.now() - this.lastHoleRetry < this.options.holeRetryMs) {
      return;
    }
    this.lastHoleRetry = Date.now();
    const buckets = [...new Set([...this.holes.keys()].map(seqBucketOf))].slice(
      0,
      HOLE_BUCKETS_PER_ROUND,
    );
    const found: StoredEvent[] = [];
    for (const bucket of buckets) {
      const events = await SearchEventModel.find({ seqBucket: bucket }).lean<StoredEvent[]>();
      found.push(...events.filter((event) => this.holes.has(event.seq)));
    }
    found.sort((a, b) => a.seq - b.seq);
    if (found.length > 0) {
      this.logger.info({ seqs: found.map((e) => e.seq) }, 'search event holes filled late');
      this.engine.applyBatch(found.map(toApplied));
      for (const event of found) this.holes.delete(event.seq);
    }
    const cutoff = Date.now() - this.options.holeKeepMs;
    for (const [seq, since] of this.holes) {
      if (since > cutoff) continue;
      this.holes.delete(seq);
      this.logger.warn({ seq }, 'search event hole given up after a day');
    }
    this.saveHoles();
  }

  private saveHoles(): void {
    this.engine.setMeta('holes', JSON.stringify([...this.holes]));
  }
}

/** Events of one bucket after `cursor`, in seq order (at most SEQ_BUCKET_SIZE). */
async function readBucket(bucket: number, cursor: number): Promise<StoredEvent[]> {
  const events = await SearchEventModel.find({ seqBucket: bucket, seq: { $gt: cursor } }).lean<
    StoredEvent[]
  >();
  return events.sort((a, b) => a.seq - b.seq);
}

/** Gives events in [from, to] that lack their bucket (written by a script through the raw
 * driver) their `seqBucket`; returns how many it fixed. One equality read per seq. */
async function healBuckets(from: number, to: number): Promise<number> {
  let healed = 0;
  for (let seq = from; seq <= Math.min(to, from + HEAL_LIMIT - 1); seq += 1) {
    const event = await SearchEventModel.findOne({ seq }, { _id: 1, seqBucket: 1 }).lean<{
      _id: unknown;
      seqBucket?: number;
    }>();
    if (!event || event.seqBucket === seqBucketOf(seq)) continue;
    await SearchEventModel.updateOne({ _id: event._id }, { $set: { seqBucket: seqBucketOf(seq) } });
    healed += 1;
  }
  return healed;
}

function readHoles(stored: string | null): Map<number, number> {
  try {
    const entries = JSON.parse(stored ?? '[]') as Array<[number, number]>;
    return new Map(entries.filter(([seq, at]) => Number.isInteger(seq) && Number.isFinite(at)));
  } catch {
    return new Map();
  }
}

function toApplied(event: Record<string, unknown>): AppliedSearchEvent {
  const {
    _id: _ignoredId,
    createdAt: _ignoredCreatedAt,
    seqBucket: _ignoredBucket,
    ...rest
  } = event;
  return rest as unknown as AppliedSearchEvent;
}
