import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { SearchIndexer, type IndexerOptions } from './indexer.ts';
import { backfillSeqBuckets } from './search-backfill.ts';
import { publishSearchDocument, raiseSequenceHint, searchSequenceHint } from './publish.ts';
import { SearchCounterModel, SearchEventModel, seqBucketOf } from './search-event.model.ts';
import { searchLogSource } from './log-id.ts';
import { SqliteSearchEngine } from './sqlite-engine.ts';

/** The tail of search_events: seqs are claimed by inserting, read by bucket, and no event
 * that is committed is ever lost, even one that fills a hole late. */
const { services } = await createTestContext();
const dir = mkdtempSync(path.join(os.tmpdir(), 'lontar-tail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let replicas = 0;
/** A replica of its own (its own index file), polled by hand: no timer in these tests. */
async function replica(options: Partial<IndexerOptions> = {}) {
  const engine = new SqliteSearchEngine(path.join(dir, `r${replicas++}.sqlite`));
  const indexer = new SearchIndexer(engine, services.logger, {
    pollMs: 3_600_000,
    gapGraceMs: 3_600_000,
    source: 'tail-test',
    ...options,
  });
  await indexer.start();
  indexer.stop();
  return indexer;
}
/** The highest committed seq: the log itself, not the counter. The counter is a hint
 * (publish.ts) that concurrent writers may leave behind: FerretDB applies `$max` as a read
 * and a write, so of two raises at once the lower can land last (seen on a busy CI machine). */
async function topSeq(): Promise<number> {
  const top = await SearchEventModel.findOne({}, { seq: 1 })
    .sort({ seq: -1 })
    .lean<{ seq: number }>();
  return top?.seq ?? 0;
}
const find = (indexer: SearchIndexer, text: string) =>
  indexer.engine.search({ text, page: 1, pageSize: 50 }, { openRank: 3, principals: [] }).total;
const docInput = (n: number, subject: string) => ({
  kind: 'incoming' as const,
  letterId: `64c0000000000000000${String(n).padStart(5, '0')}`,
  subject,
  acl: { securityClass: 'B' as const, unitIds: [], positionIds: [] },
});
/** An event as an older version or a script would have written it, under a chosen seq. */
const rawDoc = (seq: number, n: number, subject: string) =>
  ({
    seq,
    type: 'doc',
    letterId: docInput(n, subject).letterId,
    doc: {
      kind: 'incoming',
      agendaNumber: null,
      letterNumber: null,
      subject,
      senderName: null,
      recipientName: null,
      summary: null,
      date: null,
      classificationCode: null,
      status: null,
      securityClass: 'B',
      unitIds: [],
      positionIds: [],
    },
    createdAt: new Date(),
  }) as never;

describe('search event tail', () => {
  it('gives concurrent writers gap-free seqs across buckets, and a replica applies them all', async () => {
    const before = await topSeq();
    for (let round = 0; round < 6; round += 1) {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          publishSearchDocument(docInput(round * 20 + i, `Undangan rapat koordinasi ${round}`)),
        ),
      );
    }
    const events = await SearchEventModel.find({}, { seq: 1, seqBucket: 1 }).lean();
    const seqs = events.map((e) => e.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: before + 120 }, (_, i) => i + 1));
    expect(events.every((e) => e.seqBucket === seqBucketOf(e.seq))).toBe(true);
    // The hint holds a committed seq, never one beyond the log; a hint behind costs the next
    // writer a probe, not a number: it still appends right after the top.
    expect(await searchSequenceHint()).toBeLessThanOrEqual(before + 120);
    await publishSearchDocument(docInput(999, 'Undangan gelombang penutup'));
    expect(await topSeq()).toBe(before + 121);
    expect(await SearchEventModel.countDocuments({})).toBe(before + 121);
    const indexer = await replica();
    expect(indexer.engine.cursor()).toBe(before + 121);
    expect(find(indexer, 'koordinasi')).toBe(120);
  });

  it('waits at a hole instead of skipping it, and applies both once the slow event lands', async () => {
    const indexer = await replica();
    const hint = await topSeq();
    // A writer of an older version took hint+1 and is slow; the next one already wrote hint+2.
    await SearchEventModel.create(rawDoc(hint + 2, 900, 'Nota dinas lambat kedua'));
    await raiseSequenceHint(hint + 2);
    await indexer.catchUp();
    expect(indexer.engine.cursor()).toBe(hint);
    expect(find(indexer, 'lambat')).toBe(0);
    await SearchEventModel.create(rawDoc(hint + 1, 901, 'Nota dinas lambat pertama'));
    await indexer.catchUp();
    expect(indexer.engine.cursor()).toBe(hint + 2);
    expect(find(indexer, 'lambat')).toBe(2);
  });

  it('applies an event that fills a hole after the hole was skipped', async () => {
    const indexer = await replica({ gapGraceMs: 0, holeRetryMs: 0 });
    const hint = await topSeq();
    await SearchEventModel.create(rawDoc(hint + 2, 910, 'Surat edaran sesudah celah'));
    await raiseSequenceHint(hint + 2);
    await indexer.catchUp();
    // The grace is over at once here: later events are applied, the hole is remembered.
    expect(find(indexer, 'sesudah')).toBe(1);
    expect(indexer.pendingHoles()).toEqual([hint + 1]);
    await SearchEventModel.create(rawDoc(hint + 1, 911, 'Surat edaran pengisi celah'));
    await indexer.catchUp();
    expect(find(indexer, 'pengisi')).toBe(1);
    expect(indexer.pendingHoles()).toEqual([]);
    // A remembered hole survives a restart of the replica (it is kept in the index's meta).
    const hint2 = await topSeq();
    await SearchEventModel.create(rawDoc(hint2 + 2, 912, 'Memo sesudah celah kedua'));
    await raiseSequenceHint(hint2 + 2);
    await indexer.catchUp();
    expect(indexer.pendingHoles()).toEqual([hint2 + 1]);
    const restarted = new SearchIndexer(indexer.engine, services.logger, {
      pollMs: 3_600_000,
      gapGraceMs: 0,
      holeRetryMs: 0,
      source: 'tail-test',
    });
    await restarted.start();
    restarted.stop();
    expect(restarted.pendingHoles()).toEqual([hint2 + 1]);
    await SearchEventModel.create(rawDoc(hint2 + 1, 913, 'Memo pengisi celah kedua'));
    await restarted.catchUp();
    expect(find(restarted, 'memo')).toBe(2);
    expect(restarted.pendingHoles()).toEqual([]);
  });

  it('finds events a script inserted without their bucket', async () => {
    const indexer = await replica();
    const hint = await topSeq();
    await SearchEventModel.collection.insertMany([
      rawDoc(hint + 1, 920, 'Disposisi tanpa kolom satu'),
      rawDoc(hint + 2, 921, 'Disposisi tanpa kolom dua'),
    ]);
    await raiseSequenceHint(hint + 2);
    await indexer.catchUp();
    expect(indexer.engine.cursor()).toBe(hint + 2);
    expect(find(indexer, 'kolom')).toBe(2);
    const healed = await SearchEventModel.find({ seq: hint + 1 }).lean();
    expect(healed[0]?.seqBucket).toBe(seqBucketOf(hint + 1));
  });

  it('gives events of an older version their bucket at start-up, once', async () => {
    const hint = await topSeq();
    await SearchEventModel.collection.insertMany([
      rawDoc(hint + 1, 940, 'Arsip versi lama satu'),
      rawDoc(hint + 2, 941, 'Arsip versi lama dua'),
    ]);
    await raiseSequenceHint(hint + 2);
    expect(await backfillSeqBuckets(services.logger, { force: true })).toBe(2);
    const stored = await SearchEventModel.find({ seq: { $gt: hint } }).lean();
    expect(stored.map((e) => e.seqBucket)).toEqual(stored.map((e) => seqBucketOf(e.seq)));
    expect(await backfillSeqBuckets(services.logger, { force: true })).toBe(0);
    const indexer = await replica();
    expect(find(indexer, 'versi')).toBe(2);
  });

  it('sets seqBucket on insertMany through the model', async () => {
    const hint = await topSeq();
    await SearchEventModel.insertMany([rawDoc(hint + 1, 930, 'Lewat insertMany')]);
    await raiseSequenceHint(hint + 1);
    const stored = await SearchEventModel.findOne({ seq: hint + 1 }).lean();
    expect(stored?.seqBucket).toBe(seqBucketOf(hint + 1));
  });
});

describe('the log an index was built from', () => {
  it('is named by the database, not its address: a restart keeps the index, a new log rebuilds it', async () => {
    const first = await searchLogSource();
    expect(await searchLogSource()).toBe(first);
    expect(first).not.toContain('127.0.0.1');

    await publishSearchDocument(docInput(930, 'Nota dinas penamaan log'));
    const indexer = await replica({ source: searchLogSource });
    expect(find(indexer, 'penamaan')).toBe(1);
    // The same log after a restart (the embedded stack's ports change): the index is kept.
    const again = new SearchIndexer(indexer.engine, services.logger, {
      pollMs: 3_600_000,
      gapGraceMs: 3_600_000,
      source: searchLogSource,
    });
    let rebuilt = false;
    const engine = again.engine as SqliteSearchEngine;
    const reset = engine.reset.bind(engine);
    engine.reset = () => {
      rebuilt = true;
      reset();
    };
    await again.start();
    again.stop();
    expect(rebuilt).toBe(false);
    expect(find(again, 'penamaan')).toBe(1);

    // A wiped database gets a new log id: an index built from the old log is rebuilt.
    await SearchCounterModel.deleteOne({ _id: 'search_log_id' });
    const second = await searchLogSource();
    expect(second).not.toBe(first);
    const fresh = new SearchIndexer(indexer.engine, services.logger, {
      pollMs: 3_600_000,
      gapGraceMs: 3_600_000,
      source: searchLogSource,
    });
    await fresh.start();
    fresh.stop();
    expect(rebuilt).toBe(true);
  });
});
