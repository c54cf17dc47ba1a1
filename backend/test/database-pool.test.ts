import mongoose, { Schema } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { DATABASE_POOL_SIZE } from '../src/lib/db.ts';
import { createTestContext } from './harness.ts';

/** A burst of operations from one process must never take FerretDB's whole pool of 50
 * PostgreSQL connections (lib/db.ts): with the driver's default pool of 100, the burst below
 * hangs for good (as 60 racing upserts of the numbering test did in a CI run). */
await createTestContext();

const burstSchema = new Schema(
  { key: String, round: Number, last: Number },
  { collection: 'pool_burst_counters' },
);
burstSchema.index({ key: 1, round: 1 }, { unique: true });
const BurstModel = mongoose.model('PoolBurstCounter', burstSchema);

describe('the database pool of one process', () => {
  it('stays well below FerretDB’s 50 connections', () => {
    expect(DATABASE_POOL_SIZE).toBeLessThanOrEqual(20);
    expect(mongoose.connection.getClient().options.maxPoolSize).toBe(DATABASE_POOL_SIZE);
  });

  it('serves a burst of 150 updates of one document, all of them', async () => {
    // FerretDB's findAndModify keeps the connection of its read while its write waits for a
    // second one: 150 at once from a pool of 100 took all 50 and hung (goroutine dump).
    await BurstModel.createIndexes();
    await BurstModel.create({ key: 'burst', round: 0, last: 0 });
    const answers = await Promise.all(
      Array.from({ length: 150 }, () =>
        BurstModel.findOneAndUpdate(
          { key: 'burst', round: 0 },
          { $inc: { last: 1 } },
          { returnDocument: 'after' },
        )
          .lean()
          .then(() => 'ok'),
      ),
    );
    expect(answers).toHaveLength(150);
    // Increments are not atomic on FerretDB (design.md §3): some may be lost, none refused.
    const last = (await BurstModel.findOne({ key: 'burst', round: 0 }).lean())!.last!;
    expect(last).toBeGreaterThanOrEqual(1);
    expect(last).toBeLessThanOrEqual(150);
  });
});
