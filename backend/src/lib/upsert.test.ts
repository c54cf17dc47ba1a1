import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/harness.ts';
import { backfillNotificationKeys } from '../modules/notify/notify.backfill.ts';
import { MONTHS_FLOOR, NotificationMonthsModel } from '../modules/notify/notification.model.ts';
import { BackfillMarkerModel } from './backfill.ts';
import { isDuplicateKey, onlyDuplicateKeys, retryUpsertOnDuplicate } from './upsert.ts';

await createTestContext({ LOG_LEVEL: 'silent' });

const duplicate = () => Object.assign(new Error('E11000 duplicate key error'), { code: 11000 });

describe('retryUpsertOnDuplicate', () => {
  it('writes again after a duplicate key, and only then', async () => {
    let calls = 0;
    const result = await retryUpsertOnDuplicate(async () => {
      calls += 1;
      if (calls === 1) throw duplicate();
      return 'written';
    });
    expect([result, calls]).toEqual(['written', 2]);

    let other = 0;
    const refused = retryUpsertOnDuplicate(async () => {
      other += 1;
      throw new Error('validation failed');
    });
    await expect(refused).rejects.toThrow('validation failed');
    expect(other).toBe(1);

    let always = 0;
    const stuck = retryUpsertOnDuplicate(async () => {
      always += 1;
      throw duplicate();
    });
    await expect(stuck).rejects.toSatisfy(isDuplicateKey);
    expect(always).toBe(3);
  });

  it('lets processes starting at once run the same upserting pass', async () => {
    // The notification pass upserts the month counts and the floor, then its marker: on a
    // fresh database every process starting at once inserts the same `_id`s (the old chunked
    // writer let E11000 stop the start of the losers). Four at once, five rounds.
    for (let round = 0; round < 5; round++) {
      await NotificationMonthsModel.deleteMany({ _id: MONTHS_FLOOR });
      await BackfillMarkerModel.deleteMany({ _id: 'notification-keys' });
      const passes = await Promise.allSettled(
        Array.from({ length: 4 }, () => backfillNotificationKeys({ force: true })),
      );
      expect(passes.filter((p) => p.status === 'rejected')).toEqual([]);
      expect(await NotificationMonthsModel.countDocuments({ _id: MONTHS_FLOOR })).toBe(1);
    }
  });
});

describe('onlyDuplicateKeys', () => {
  it('tells an unordered insert that met only existing documents from a real failure', async () => {
    const things = mongoose.connection.collection('upsert_test_things');
    await things.insertOne({ _id: 'a' as never });
    const attempt = (docs: object[]) =>
      things.insertMany(docs as never[], { ordered: false }).then(
        () => undefined,
        (error: unknown) => error,
      );

    const existing = await attempt([{ _id: 'a' }, { _id: 'b' }, { _id: 'a' }]);
    expect(onlyDuplicateKeys(existing)).toBe(true);
    expect(await things.countDocuments()).toBe(2); // b went in beside the duplicates

    const mixed = await attempt([{ _id: 'b' }, { _id: 'c', $bad: 1 }]);
    expect(mixed).toBeDefined();
    expect(onlyDuplicateKeys(mixed)).toBe(false);
    expect(onlyDuplicateKeys(new Error('connection reset'))).toBe(false);
  });
});
