import { describe, expect, it } from 'vitest';
import type { Actor } from '../../http/actor.ts';
import { computeAndKeep, reuseOrCompute } from './reports.reuse.ts';

const actor = (userId: string, sessionId: string): Actor => ({
  userId,
  username: userId,
  name: userId,
  roles: [],
  clearance: 'B',
  positions: [],
  via: 'session',
  sessionId,
});

describe('report reuse for downloads', () => {
  it('prints the screen computation for the same session, period and unit only', async () => {
    let builds = 0;
    const build = async () => ({ n: ++builds });
    const sekda = actor('u1', 's1');
    const screen = await computeAndKeep(sekda, ['monthly', 2026, 11, null], build);
    expect(await reuseOrCompute(sekda, ['monthly', 2026, 11, null], build)).toBe(screen);
    expect(builds).toBe(1);
    // Another session, another month or another unit computes afresh.
    await reuseOrCompute(actor('u1', 's2'), ['monthly', 2026, 11, null], build);
    await reuseOrCompute(sekda, ['monthly', 2026, 10, null], build);
    await reuseOrCompute(sekda, ['monthly', 2026, 11, 'unit'], build);
    expect(builds).toBe(4);
    // The screen itself always computes afresh, and its result is what the download reuses.
    const again = await computeAndKeep(sekda, ['monthly', 2026, 11, null], build);
    expect(again).not.toBe(screen);
    expect(await reuseOrCompute(sekda, ['monthly', 2026, 11, null], build)).toBe(again);
  });

  it('does not keep a failed computation', async () => {
    const who = actor('u2', 's1');
    await expect(
      computeAndKeep(who, ['yearly', 2026, null, null], () => Promise.reject(new Error('x'))),
    ).rejects.toThrow('x');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await reuseOrCompute(who, ['yearly', 2026, null, null], async () => 'fresh')).toBe(
      'fresh',
    );
  });
});
