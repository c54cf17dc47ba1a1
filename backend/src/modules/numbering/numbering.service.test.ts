import mongoose, { Schema } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { isDuplicateKey } from '../../lib/upsert.ts';
import { createTestContext } from '../../../test/harness.ts';
import { CounterModel } from './counter.model.ts';
import { allocateNumber, type ClaimResult } from './numbering.service.ts';

// A minimal owner: the unique (series, number) index is what makes a number "taken".
const ownerSchema = new Schema(
  { series: String, number: Number, label: String },
  { collection: 'numbering_test_owners' },
);
ownerSchema.index({ series: 1, number: 1 }, { unique: true });
const OwnerModel = mongoose.model('NumberingTestOwner', ownerSchema);

await createTestContext();

function claimFor(series: string, label: string) {
  return async (number: number): Promise<ClaimResult> => {
    try {
      await OwnerModel.create({ series, number, label });
      return 'claimed';
    } catch (error) {
      if (isDuplicateKey(error)) return 'taken';
      throw error;
    }
  };
}

describe('allocateNumber', () => {
  it('hands out 1..60 exactly once each when 60 callers racing like separate replicas allocate at once', async () => {
    // serialise: false makes every caller race like a separate API replica would.
    const numbers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        allocateNumber({
          series: 'burst',
          year: 2026,
          claim: claimFor('burst', `c${i}`),
          serialise: false,
        }),
      ),
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const stored = await OwnerModel.find({ series: 'burst' }).lean();
    expect(stored).toHaveLength(60);
    // The counter is a hint, not the truth (numbering.service.ts): the owners' unique index
    // is. Its `$max` raises are not atomic on FerretDB (read, then write), so under a burst a
    // raise to 60 can be overwritten by a concurrent raise to 58: the hint may end behind
    // (seen on a busy machine), never ahead, since every raise writes a number already taken.
    // What the design guarantees is that a hint behind costs probes, not numbers: the next
    // caller still gets 61, and an allocation without contention leaves the hint exact.
    const hint = (await CounterModel.findOne({ series: 'burst', year: 2026 }).lean())!.last;
    expect(hint).toBeGreaterThanOrEqual(1);
    expect(hint).toBeLessThanOrEqual(60);
    expect(
      await allocateNumber({ series: 'burst', year: 2026, claim: claimFor('burst', 'n') }),
    ).toBe(61);
    expect((await CounterModel.findOne({ series: 'burst', year: 2026 }).lean())?.last).toBe(61);
  });

  it('never hands out a number below a hint left behind, nor skips one', async () => {
    // A hint left far behind by lost raises (as above, exaggerated): numbers go on from the
    // owners' true maximum, with no gap and no duplicate.
    for (let i = 0; i < 5; i++)
      await allocateNumber({ series: 'behind', year: 2026, claim: claimFor('behind', `b${i}`) });
    await CounterModel.updateOne({ series: 'behind', year: 2026 }, { $set: { last: 1 } });
    const numbers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        allocateNumber({
          series: 'behind',
          year: 2026,
          claim: claimFor('behind', `c${i}`),
          serialise: false,
        }),
      ),
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i + 6));
  });

  it('hands out consecutive numbers to callers queued in one process, with a peek at the owners', async () => {
    const peek = async () =>
      (
        (await OwnerModel.findOne({ series: 'queued' }).sort({ number: -1 }).lean()) as {
          number?: number;
        } | null
      )?.number ?? 0;
    const numbers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        allocateNumber({ series: 'queued', year: 2026, claim: claimFor('queued', `q${i}`), peek }),
      ),
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('consumes no number when the claim fails', async () => {
    await allocateNumber({ series: 'fail', year: 2026, claim: claimFor('fail', 'a') });
    await expect(
      allocateNumber({
        series: 'fail',
        year: 2026,
        claim: async () => {
          throw new Error('disk full');
        },
      }),
    ).rejects.toThrow('disk full');
    const next = await allocateNumber({ series: 'fail', year: 2026, claim: claimFor('fail', 'b') });
    expect(next).toBe(2);
  });

  it('repairs a counter left behind by a crash between the claim and the counter update', async () => {
    await allocateNumber({ series: 'crash', year: 2026, claim: claimFor('crash', 'a') });
    // A process took number 2 on its record and died before advancing the counter.
    await OwnerModel.create({ series: 'crash', number: 2, label: 'crashed' });
    expect((await CounterModel.findOne({ series: 'crash', year: 2026 }).lean())?.last).toBe(1);
    const next = await allocateNumber({
      series: 'crash',
      year: 2026,
      claim: claimFor('crash', 'c'),
    });
    expect(next).toBe(3);
    expect((await CounterModel.findOne({ series: 'crash', year: 2026 }).lean())?.last).toBe(3);
  });

  it('keeps separate sequences per series and per year', async () => {
    const a = await allocateNumber({
      series: 'desk-a',
      year: 2026,
      claim: claimFor('desk-a', 'x'),
    });
    const b = await allocateNumber({
      series: 'desk-b',
      year: 2026,
      claim: claimFor('desk-b', 'x'),
    });
    const c = await allocateNumber({
      series: 'desk-a2027',
      year: 2027,
      claim: claimFor('desk-a2027', 'x'),
    });
    expect([a, b, c]).toEqual([1, 1, 1]);
  });
});
