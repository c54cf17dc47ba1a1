import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOrganisation, type LoggedInAgent } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { ROLL_FORWARD_AFTER_MS, StateClaimModel } from '../../lib/claims.ts';
import { now, shiftClock } from '../../lib/clock.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { OutgoingLetterModel, OutgoingTransitionModel } from './outgoing.model.ts';
import { loginMany, positionId, quickDraft } from './test-fixtures.ts';
import { commitChange, loadLetter } from './transitions.ts';

/**
 * An outgoing letter's change whose writer died between its claim and its update is rolled
 * forward by one reader only (transitions.ts `loadLetter`, lib/claims.ts `takeRollForward`).
 */
const ctx = await createTestContext();
let staftu: LoggedInAgent;

beforeAll(async () => {
  await seedDemoOrganisation();
  await seedClassificationCodes();
  ({ staftu } = await loginMany(ctx, ['staftu']));
});

/** The race needs a reader's update to be delayed past the next change on a busy database,
 * which a round only sometimes brings (the old code failed about one run in two with three
 * rounds): eight make the test catch a return of the old behaviour far more often, and a
 * round costs well under a second. */
const ROUNDS = 8;

describe('many readers finding the same dead claim of a letter', () => {
  // 120 s: a budget for a busy machine (the readers wait on one another), not an assertion.
  it('roll it forward once: exactly one of twelve then returns the letter, and the return stays', async () => {
    // Each reader loads the letter (rolling the dead submission forward) and returns it, which
    // only one can do. Several roll-forwards at once could each read the letter at revision 0;
    // FerretDB's guarded update being read-then-write, a late one could land after the
    // winner's return and put the letter back to 'awaiting_signature' at revision 1.
    const signer = new mongoose.Types.ObjectId(await positionId('asisten3'));
    for (let round = 0; round < ROUNDS; round++) {
      const created = await staftu
        .post('/api/outgoing-letters')
        .send(await quickDraft({ subject: `Pengajuan yang terhenti ${round} ${now().getTime()}` }));
      expect(created.status).toBe(201);
      const before = (await OutgoingLetterModel.findById(created.body.id).lean())!;
      expect(before.status).toBe('draft');
      await OutgoingTransitionModel.create({
        _id: `${String(before._id)}:${before.revision}`,
        letterId: before._id,
        fromRevision: before.revision,
        action: 'submit',
        fromStatus: 'draft',
        toStatus: 'awaiting_signature',
        set: { awaitingPositionId: signer },
        version: before.version,
        actorName: 'Pengonsep yang terhenti',
        at: now(),
      });
      const restore = shiftClock(ROLL_FORWARD_AFTER_MS + 2_000);
      try {
        const outcomes = await Promise.allSettled(
          Array.from({ length: 12 }, async (_, i) => {
            const letter = (await loadLetter(before._id))!;
            return commitChange({
              letter,
              action: 'return',
              actor: { userId: null, name: `pembaca ${i}`, positionTitle: null },
              note: `Perbaiki lampiran (${i})`,
            });
          }),
        );
        const done = outcomes.filter((o) => o.status === 'fulfilled');
        expect(done).toHaveLength(1);
        for (const o of outcomes)
          if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'CONFLICT' });
        const after = (await OutgoingLetterModel.findById(before._id).lean())!;
        expect(after).toMatchObject({ status: 'returned', revision: before.revision + 2 });
        expect(String(after.awaitingPositionId)).toBe(String(before.drafter.positionId));
        expect((await loadLetter(before._id))!.status).toBe('returned');
        const history = await OutgoingTransitionModel.find({ letterId: before._id }).lean();
        expect(history.map((t) => t.action).sort()).toEqual(['return', 'submit']);
        expect(
          await StateClaimModel.countDocuments({
            _id: `outgoing:${String(before._id)}:${before.revision}:roll-forward`,
          }),
        ).toBe(0);
      } finally {
        restore();
      }
    }
  });
});
