import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { raceProcesses } from '../../../test/race.ts';
import { ROLL_FORWARD_AFTER_MS, StateClaimModel } from '../../lib/claims.ts';
import { now, shiftClock } from '../../lib/clock.ts';
import {
  acquireLease,
  LeaseLostError,
  LeaseModel,
  releaseLease,
  renewLease,
  runWithKeptLease,
  runWithLease,
} from './lease.ts';

const { config } = await createTestContext();

describe('named leases', () => {
  it('goes to exactly one of 40 takers racing in one process', async () => {
    const taken = await Promise.all(
      Array.from({ length: 40 }, () => acquireLease('burst', 60_000)),
    );
    expect(taken.filter(Boolean)).toHaveLength(1);
    const state = await LeaseModel.findById('burst').lean();
    expect(state?.holder).toBe(taken.find(Boolean)!.token);
  });

  it('goes to exactly one of 4 processes × 8 takers racing at once', async () => {
    const won = await raceProcesses(config, { kind: 'lease', id: 'replicas' }, 4, 8);
    expect(won.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('is taken again, by exactly one, once its holder releases it or lets it expire', async () => {
    const first = await acquireLease('cycle', 60_000);
    expect(first).not.toBeNull();
    expect(await acquireLease('cycle', 60_000)).toBeNull();
    await releaseLease(first!);
    const second = await Promise.all(
      Array.from({ length: 10 }, () => acquireLease('cycle', 60_000)),
    );
    expect(second.filter(Boolean)).toHaveLength(1);
    const restore = shiftClock(61_000);
    try {
      const third = await Promise.all(
        Array.from({ length: 10 }, () => acquireLease('cycle', 60_000)),
      );
      expect(third.filter(Boolean)).toHaveLength(1);
      // The holder that let it expire cannot renew it any more, and must stop.
      expect(await renewLease(second.find(Boolean)!, 60_000)).toBe(false);
      expect(await renewLease(third.find(Boolean)!, 60_000)).toBe(true);
    } finally {
      restore();
    }
  });

  it('runs a task on one caller at a time however many start it together', async () => {
    let inside = 0;
    let most = 0;
    let ran = 0;
    const task = async () => {
      inside++;
      most = Math.max(most, inside);
      ran++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      inside--;
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => runWithLease('sweep', 60_000, task)),
    );
    expect(most).toBe(1);
    expect(results.filter(Boolean)).toHaveLength(ran);
    expect(ran).toBeGreaterThanOrEqual(1);
  });

  it('keeps a kept lease while its task goes on, and stops the task once it was taken over', async () => {
    // Three steps of 40 s under a 60 s lease: kept by each step's keep(), nobody takes it.
    const restores: Array<() => void> = [];
    try {
      const takenMeanwhile: unknown[] = [];
      const ran = await runWithKeptLease('kept', 60_000, async (keep) => {
        for (let step = 0; step < 3; step++) {
          restores.push(shiftClock(40_000));
          await keep();
          takenMeanwhile.push(await acquireLease('kept', 60_000));
        }
      });
      expect(ran).toBe(true);
      expect(takenMeanwhile).toEqual([null, null, null]);
      // A task that stalls past its lease finds it taken at its next keep(), and stops.
      const steps: string[] = [];
      const stalled = runWithKeptLease('kept', 60_000, async (keep) => {
        steps.push('before');
        restores.push(shiftClock(61_000));
        const other = await acquireLease('kept', 60_000);
        expect(other).not.toBeNull();
        await keep();
        steps.push('after');
      });
      await expect(stalled).rejects.toBeInstanceOf(LeaseLostError);
      expect(steps).toEqual(['before']);
    } finally {
      for (const restore of restores) restore();
    }
  });

  it('finishes the take of a process that died between its claim and its update', async () => {
    // Several rounds of many takers: each round the readers find a dead taker's claim and
    // must roll it forward once, not once each (a late second roll-forward put the state
    // back and let a second taker in).
    for (let round = 0; round < 3; round++) {
      const name = `crash-${round}`;
      const first = await acquireLease(name, 1_000);
      await releaseLease(first!);
      const state = await LeaseModel.findById(name).lean();
      // The dead taker's claim on the current version, never applied.
      await StateClaimModel.create({
        _id: `lease:${name}:${state!.version}`,
        token: 'dead',
        set: { holder: 'dead', until: new Date(now().getTime() + 1_000), recentClaims: ['dead'] },
        at: now(),
      });
      // Before the roll-forward delay the claim may still be applied by its writer: wait.
      const restore = shiftClock(ROLL_FORWARD_AFTER_MS + 2_000);
      try {
        // Rolled forward: the dead taker's lease (already expired) is in place, then taken.
        const taken = await Promise.all(
          Array.from({ length: 12 }, () => acquireLease(name, 60_000)),
        );
        expect(taken.filter(Boolean)).toHaveLength(1);
        const after = await LeaseModel.findById(name).lean();
        expect(after!.version).toBe(state!.version! + 2);
        expect(after!.recentClaims).toContain('dead');
        expect(
          await StateClaimModel.countDocuments({ _id: `lease:${name}:${state!.version}` }),
        ).toBe(0);
        expect(
          await StateClaimModel.countDocuments({
            _id: `lease:${name}:${state!.version}:roll-forward`,
          }),
        ).toBe(0);
      } finally {
        restore();
      }
    }
  });
});
