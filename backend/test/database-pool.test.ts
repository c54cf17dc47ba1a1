import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Schema } from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { startStack } from '@lontar/infra/stack';
import { DATABASE_POOL_SIZE } from '../src/lib/db.ts';
import { createTestContext } from './harness.ts';
import { lockCollectionTable } from './postgres-behind.ts';

/** A burst of operations must never take FerretDB's whole pool of PostgreSQL connections
 * (backend lib/db.ts, infra/src/ferretdb.ts): its findAndModify keeps the connection of its
 * read while its write waits for a second one, so once the pool is full of such reads they
 * wait for each other for good (a goroutine dump of a hung CI run showed 50 of them). */
await createTestContext();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lontar-pool-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const BURST_COLLECTION = 'pool_burst_counters';
const burstSchema = new Schema(
  { key: String, round: Number, last: Number },
  { collection: BURST_COLLECTION },
);
burstSchema.index({ key: 1, round: 1 }, { unique: true });
const BurstModel = mongoose.model('PoolBurstCounter', burstSchema);

/** FerretDB 1.24's own pool size, which the stack raises. */
const FERRETDB_DEFAULT_POOL = 50;

describe('the database pool', () => {
  it('of one process stays well below FerretDB’s connections', () => {
    expect(DATABASE_POOL_SIZE).toBeLessThanOrEqual(20);
    expect(mongoose.connection.getClient().options.maxPoolSize).toBe(DATABASE_POOL_SIZE);
  });

  it('serves a burst of 150 updates of one document from one process, all of them', async () => {
    // 150 at once from the driver's default pool of 100 hung a CI run under load.
    await BurstModel.createIndexes();
    await BurstModel.collection.insertOne({ key: 'one-process', round: 0, last: 0 });
    await burstOfUpdates(BurstModel.collection, 'one-process');
  });

  it('serves four processes’ worth of updates that all read at once', async () => {
    // A test run's workers and the racers they spawn, or the API, the OCR worker and a CLI:
    // 4 × 16 connections at full load. The table is locked until 50 reads wait for it, so
    // every one of them holds its PostgreSQL connection when their writes begin: with
    // FerretDB's default pool of 50 they hang for good; the stack's 80 leaves room. A stack
    // of its own, as infra/lontar.sh starts it: the burst must not crowd the shared one.
    const stack = await startStack({ dataDir, throwaway: true });
    const own = { FERRETDB_POSTGRESQL_URL: stack.env.FERRETDB_POSTGRESQL_URL, MONGODB_DB: 'pool' };
    const fourProcesses = await openWarmConnection(stack.env.MONGODB_URI!, 4 * DATABASE_POOL_SIZE);
    try {
      const counters = fourProcesses.collection(BURST_COLLECTION);
      await counters.insertOne({ key: 'four-processes', round: 0, last: 0 });
      const lock = await lockCollectionTable(own, BURST_COLLECTION);
      const burst = burstOfUpdates(counters, 'four-processes');
      try {
        while ((await lock.waiting()) < FERRETDB_DEFAULT_POOL) await pause(50);
      } finally {
        await lock.release();
      }
      await Promise.race([
        burst,
        // FerretDB stays hung (closing the stack then fails too): say why first.
        pause(60_000).then(() => {
          throw new Error('FerretDB hung: its pool is full of reads waiting to write');
        }),
      ]);
    } finally {
      await fourProcesses.close(true);
      await stack.stop();
    }
  });
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A connection whose pool has all its `size` sockets open, so that a burst reaches FerretDB
 * at once, as from busy processes (a cold pool opens two at a time and spreads it out). */
async function openWarmConnection(uri: string, size: number): Promise<mongoose.Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName: 'pool',
    maxPoolSize: size,
    minPoolSize: size,
  });
  let ready = 0;
  connection.getClient().on('connectionReady', () => ready++);
  await connection.asPromise();
  while (ready < size) await pause(50);
  return connection;
}

/** 150 findAndModify of one document at once, through the given connection's pool. */
async function burstOfUpdates(counters: mongoose.Collection, key: string): Promise<void> {
  const answers = await Promise.all(
    Array.from({ length: 150 }, () =>
      counters
        .findOneAndUpdate({ key, round: 0 }, { $inc: { last: 1 } }, { returnDocument: 'after' })
        .then(() => 'ok'),
    ),
  );
  expect(answers).toHaveLength(150);
  // Increments are not atomic on FerretDB (design.md §3): some may be lost, none refused.
  const last = (await counters.findOne({ key, round: 0 }))!.last as number;
  expect(last).toBeGreaterThanOrEqual(1);
  expect(last).toBeLessThanOrEqual(150);
}
