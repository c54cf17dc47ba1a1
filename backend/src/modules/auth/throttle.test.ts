import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { raceProcesses } from '../../../test/race.ts';
import { shiftClock } from '../../lib/clock.ts';
import { LoginThrottleModel } from './auth.model.ts';
import {
  assertNotThrottled,
  clearFailures,
  lockSeconds,
  recordFailure,
  USER_RULE,
} from './throttle.service.ts';

const { config } = await createTestContext();

describe('login throttle counts', () => {
  it('counts every one of 25 wrong passwords arriving at once in one process', async () => {
    const key = 'user:paralel';
    await Promise.all(Array.from({ length: 25 }, () => recordFailure([{ key, rule: USER_RULE }])));
    const state = await LoginThrottleModel.findById(key).lean();
    expect(state!.failures).toBe(25);
    // The lock in force is the one of the 25th failure, not of an earlier count.
    expect(state!.lockedUntil!.getTime() - state!.lastFailureAt.getTime()).toBe(
      lockSeconds(25, USER_RULE) * 1000,
    );
    await expect(assertNotThrottled([key])).rejects.toMatchObject({ status: 429 });
  });

  it('counts every one of 4 processes × 8 wrong passwords arriving at once', async () => {
    const key = 'user:replika';
    const counted = await raceProcesses(config, { kind: 'throttle', id: key }, 4, 8);
    expect(counted).toEqual([8, 8, 8, 8]);
    expect((await LoginThrottleModel.findById(key).lean())!.failures).toBe(32);
  });

  it('starts from zero after a success, and forgets failures after a quiet hour', async () => {
    const key = 'user:lupa';
    await Promise.all(Array.from({ length: 5 }, () => recordFailure([{ key, rule: USER_RULE }])));
    await clearFailures([key]);
    let state = await LoginThrottleModel.findById(key).lean();
    expect([state!.failures, state!.lockedUntil]).toEqual([0, null]);
    await assertNotThrottled([key]);
    await recordFailure([{ key, rule: USER_RULE }]);
    const restore = shiftClock(61 * 60_000);
    try {
      expect(await recordFailure([{ key, rule: USER_RULE }])).toBeNull();
      state = await LoginThrottleModel.findById(key).lean();
      expect(state!.failures).toBe(1);
    } finally {
      restore();
    }
  });

  it('keeps counting on a counter stored by an older version (no version field)', async () => {
    const key = 'user:lama';
    await LoginThrottleModel.collection.insertOne({
      _id: key as never,
      failures: 2,
      lastFailureAt: new Date(),
      lockedUntil: null,
    });
    await Promise.all(Array.from({ length: 6 }, () => recordFailure([{ key, rule: USER_RULE }])));
    expect((await LoginThrottleModel.findById(key).lean())!.failures).toBe(8);
  });
});
