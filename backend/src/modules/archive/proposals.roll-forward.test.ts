import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorFor, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import type { Actor } from '../../http/actor.ts';
import { ROLL_FORWARD_AFTER_MS, StateClaimModel } from '../../lib/claims.ts';
import { now, shiftClock } from '../../lib/clock.ts';
import { findPositionByKey } from '../org/org.service.ts';
import { ProposalModel, ProposalTransitionModel } from './proposals.model.ts';
import { cancelProposal, loadProposal } from './proposals.service.ts';

/**
 * A proposal change whose writer died between its claim and its update is rolled forward by
 * one reader only (proposals.service.ts `loadProposal`, lib/claims.ts `takeRollForward`).
 */
await createTestContext();
let archivist: Actor;
let approverId: mongoose.Types.ObjectId;

beforeAll(async () => {
  await seedDemoOrganisation();
  archivist = await actorFor('arsiparis');
  const kabagtu = await findPositionByKey('kabagtu');
  if (!kabagtu) throw new Error('the demo organisation has no kabagtu');
  approverId = kabagtu._id;
});

/** A proposal of thirty berkas awaiting its one approver, made directly (the berkas
 * themselves play no part here; a list of realistic length makes each update as slow as in
 * use, which is what leaves a late roll-forward room to land after the next change). */
async function proposed(): Promise<mongoose.Types.ObjectId> {
  const id = new mongoose.Types.ObjectId();
  await ProposalModel.create({
    _id: id,
    kind: 'transfer',
    entries: Array.from({ length: 30 }, (_, i) => ({
      berkasId: new mongoose.Types.ObjectId(),
      label: `000.1/${i + 1}/2019`,
      unitName: 'Bagian Tata Usaha',
      classificationCode: '000.1',
      title: `Surat-menyurat pembinaan kearsipan, berkas ${i + 1}`,
      securityClass: 'B',
    })),
    approvals: [{ positionId: approverId, positionTitle: 'Kepala Bagian TU' }],
    proposedBy: new mongoose.Types.ObjectId(archivist.userId),
    proposedByName: archivist.name,
    baKey: `pending:${String(id)}`,
  });
  return id;
}

/** The race needs a reader's update to be delayed past the next change on a busy database,
 * which a round only sometimes brings (the old code failed about one run in two with three
 * rounds): eight make the test catch a return of the old behaviour far more often, and a
 * round costs well under a second. */
const ROUNDS = 8;

describe('many readers finding the same dead claim of a proposal', () => {
  // 120 s: a budget for a busy machine (the readers wait on one another), not an assertion.
  it('roll it forward once: exactly one of twelve then cancels, and the cancellation stays', async () => {
    // Each reader cancels the approved proposal, which only one can do. Several roll-forwards
    // at once could each read the proposal at revision 0; FerretDB's guarded update being
    // read-then-write, a late one could land after the winner's cancellation and put the
    // proposal back to 'approved' at revision 1.
    for (let round = 0; round < ROUNDS; round++) {
      const id = await proposed();
      const before = (await ProposalModel.findById(id).lean())!;
      await ProposalTransitionModel.create({
        _id: `${String(id)}:${before.revision}`,
        proposalId: id,
        fromRevision: before.revision,
        action: 'approve',
        fromStatus: 'proposed',
        toStatus: 'approved',
        set: {
          approvals: [
            {
              positionId: approverId,
              positionTitle: 'Kepala Bagian TU',
              decision: 'approved',
              decidedAt: now(),
              decidedByName: 'Penyetuju yang terhenti',
              decidedByNip: null,
              acting: null,
              note: '',
            },
          ],
          currentStep: 0,
        },
        actorName: 'Penyetuju yang terhenti',
        at: now(),
      });
      const restore = shiftClock(ROLL_FORWARD_AFTER_MS + 2_000);
      try {
        const outcomes = await Promise.allSettled(
          Array.from({ length: 12 }, (_, i) =>
            cancelProposal(archivist, String(id), `Batal (${i})`),
          ),
        );
        const done = outcomes.filter((o) => o.status === 'fulfilled');
        expect(done).toHaveLength(1);
        for (const o of outcomes)
          if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'CONFLICT' });
        const after = (await ProposalModel.findById(id).lean())!;
        expect(after).toMatchObject({ status: 'cancelled', revision: before.revision + 2 });
        expect(after.approvals[0]).toMatchObject({
          decision: 'approved',
          decidedByName: 'Penyetuju yang terhenti',
        });
        expect((await loadProposal(String(id))).status).toBe('cancelled');
        const history = await ProposalTransitionModel.find({ proposalId: id }).lean();
        expect(history.map((t) => t.action).sort()).toEqual(['approve', 'cancel']);
        expect(
          await StateClaimModel.countDocuments({
            _id: `archive-proposal:${String(id)}:${before.revision}:roll-forward`,
          }),
        ).toBe(0);
      } finally {
        restore();
      }
    }
  });
});
