import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { BACKFILL_LEASE_MS, BULK_CHUNK, keepingLease } from '../../lib/backfill.ts';
import { shiftClock } from '../../lib/clock.ts';
import { LeaseLostError, runWithKeptLease } from '../files/lease.ts';
import { CounterModel } from '../numbering/counter.model.ts';
import { agendaBucketOf } from './letters.keys.ts';
import { IncomingLetterModel, IncomingRegisterModel } from './letters.model.ts';
import {
  backfillSenderCategories,
  runSenderCategoryBackfill,
  SENDER_CATEGORY_LEASE,
} from './sender-category.backfill.ts';

await createTestContext({ LOG_LEVEL: process.env.TEST_LOG ?? 'silent' });

const REGISTER = 'UJI-SEWA';
const YEAR = 2026;
const LETTERS = 250; // three agenda buckets

/** Letters as an older version left them (neither field), straight in the collection: only
 * the fields the pass reads. This file's own database holds nothing else. */
async function lettersOfAnOlderVersion(): Promise<void> {
  await IncomingRegisterModel.collection.insertOne({ code: REGISTER, name: 'Register uji' });
  await CounterModel.collection.insertOne({
    series: `incoming:${REGISTER}`,
    year: YEAR,
    last: LETTERS,
  });
  await IncomingLetterModel.collection.insertMany(
    Array.from({ length: LETTERS }, (_, i) => ({
      _id: new mongoose.Types.ObjectId(),
      agendaKey: `${REGISTER}:${YEAR}:${i + 1}`,
      agendaBucket: agendaBucketOf(REGISTER, YEAR, Math.floor((i + 1) / 100)),
      senderName: 'Pemerintah Kabupaten Uji',
      notes: '',
    })),
  );
}

const lacking = () =>
  IncomingLetterModel.countDocuments({ register: { $exists: false }, senderCategory: null });

describe('the sender category backfill under a kept lease', () => {
  it('lets a second runner finish the pass of one that stopped mid-way, once its short lease lapsed', async () => {
    await lettersOfAnOlderVersion();
    expect(await lacking()).toBe(LETTERS);

    // The first runner stops for good before its fourth command of writes (a crash, or a
    // stall that outlives its lease), holding the lease.
    const STOP_AT = 4;
    let chunks = 0;
    let stopped!: () => void;
    const atStop = new Promise<void>((resolve) => (stopped = resolve));
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    const first = runWithKeptLease(SENDER_CATEGORY_LEASE, BACKFILL_LEASE_MS, (keep) =>
      keepingLease(
        async () => {
          if (++chunks === STOP_AT) {
            stopped();
            await resumed;
          }
          await keep();
        },
        () => backfillSenderCategories().then(() => undefined),
      ),
    );
    const firstOutcome = first.then(
      () => 'finished',
      (error: unknown) => error,
    );
    await atStop;
    // Three commands of writes went through (fewer if an empty bucket came first).
    const doneByFirst = LETTERS - (await lacking());
    expect(doneByFirst).toBeGreaterThan(0);
    expect(doneByFirst).toBeLessThanOrEqual((STOP_AT - 1) * BULK_CHUNK);

    // Its lease is held: a second runner does nothing yet.
    expect(await runSenderCategoryBackfill()).toBe(false);
    const restore = shiftClock(BACKFILL_LEASE_MS + 1_000);
    try {
      // Lapsed after the short lease: the second runner takes it and writes the rest.
      const counted: number[] = [];
      const second = await runWithKeptLease(SENDER_CATEGORY_LEASE, BACKFILL_LEASE_MS, async () => {
        counted.push((await backfillSenderCategories()).updated);
      });
      expect(second).toBe(true);
      // Only what the first left: nothing written twice, nothing lost.
      expect(counted).toEqual([LETTERS - doneByFirst]);
      expect(await lacking()).toBe(0);
      expect(
        await IncomingLetterModel.countDocuments({
          register: { $exists: false },
          senderCategory: 'pemkab-pemkot',
          channel: 'tidak-tercatat',
        }),
      ).toBe(LETTERS);

      // The first runner, should it wake up, finds its lease taken and writes nothing more.
      resume();
      expect(await firstOutcome).toBeInstanceOf(LeaseLostError);
      expect(chunks).toBe(STOP_AT);
      // Finished: a later start skips the pass.
      expect(await runSenderCategoryBackfill()).toBe(true);
      expect(await backfillSenderCategories()).toEqual({ scanned: 0, updated: 0 });
    } finally {
      restore();
    }
  });
});
