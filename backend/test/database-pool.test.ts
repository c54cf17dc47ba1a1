import mongoose, { Schema } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { DATABASE_POOL_SIZE } from '../src/lib/db.ts';
import { createTestContext } from './harness.ts';

/** A burst of operations from one process must never take FerretDB's whole pool of 50
 * PostgreSQL connections (lib/db.ts): with the driver's default pool of 100, 60 upserts
 * racing on a new collection held all 50 and waited for each other for good. */
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

  it('serves bursts of 150 upserts racing on two new documents each, all of them', async () => {
    await BurstModel.createIndexes();
    for (let round = 0; round < 6; round += 1) {
      const answers = await Promise.all(
        Array.from({ length: 150 }, (_, i) =>
          BurstModel.findOneAndUpdate(
            { key: `k${i % 2}`, round },
            { $setOnInsert: { key: `k${i % 2}`, round, last: 0 } },
            { upsert: true, returnDocument: 'after' },
          )
            .lean()
            .then(() => 'ok')
            .catch((error: unknown) =>
              (error as { code?: number }).code === 11000 ? 'ok' : 'error',
            ),
        ),
      );
      expect(answers.filter((a) => a !== 'ok')).toEqual([]);
      expect(await BurstModel.countDocuments({ round })).toBe(2);
    }
  });
});
