import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { AuditEventModel } from '../audit/audit.model.ts';
import { NotificationModel } from '../notify/notification.model.ts';
import { repairChildCounts, repairDispatchFollowUps } from './dispatch.repair.ts';
import { DispositionModel } from './disposition.model.ts';
import {
  disposeAs,
  dispositionTestContext,
  forwardAs,
  loginAs,
  pos,
  registerLetter,
} from './test-support.ts';
import { commitTransition } from './transitions.ts';

const ctx = await dispositionTestContext();
const sekda = await loginAs(ctx, 'sekda');
const asisten3 = await loginAs(ctx, 'asisten3');

/** What a process killed right after `insertMany` leaves: the batch's nodes, nothing else. */
async function cutOffDispatch(letterId: string): Promise<string> {
  const template = await DispositionModel.findOne({ toPositionId: await pos('asisten3') }).lean();
  if (!template) throw new Error('no template node');
  const batchId = new mongoose.Types.ObjectId();
  await DispositionModel.collection.insertOne({
    ...template,
    _id: new mongoose.Types.ObjectId(),
    letterId: new mongoose.Types.ObjectId(letterId),
    batchId,
    status: 'terkirim',
    version: 0,
    readAt: null,
    sentAt: new Date(Date.now() - 5 * 60_000),
  });
  return String(batchId);
}

const batchAudits = (letterId: string) =>
  AuditEventModel.countDocuments({ action: 'disposition.create', recordId: letterId });

describe('repair of dispatches cut off by a crash', () => {
  it('gives the recipient the letter, moves it on, notifies and audits once', async () => {
    const done = await registerLetter(ctx);
    await disposeAs(sekda, done, [{ key: 'asisten3' }]);
    const letterId = await registerLetter(ctx);
    await cutOffDispatch(letterId);
    // Before the repair: the recipient holds a node for a letter it cannot open.
    expect((await asisten3.get(`/api/incoming-letters/${letterId}`)).status).toBe(404);
    expect((await sekda.get(`/api/incoming-letters/${letterId}`)).body.status).toBe('registered');

    expect(await repairDispatchFollowUps({ graceMs: 0 })).toBe(1);
    const seen = await asisten3.get(`/api/incoming-letters/${letterId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.status).toBe('in_progress');
    expect(
      await NotificationModel.countDocuments({
        letterId: new mongoose.Types.ObjectId(letterId),
        kind: 'disposition.new',
      }),
    ).toBe(1);
    expect(await batchAudits(letterId)).toBe(1);

    // Complete batches (the normal dispatch above, this one now) are left alone.
    expect(await repairDispatchFollowUps({ graceMs: 0 })).toBe(0);
    expect(await batchAudits(letterId)).toBe(1);
    expect(await batchAudits(done)).toBe(1);
  });

  it('waits out the grace period, so a dispatch still running is not touched', async () => {
    const letterId = await registerLetter(ctx);
    await cutOffDispatch(letterId);
    expect(await repairDispatchFollowUps({ graceMs: 10 * 60_000 })).toBe(0);
    expect((await sekda.get(`/api/incoming-letters/${letterId}`)).body.status).toBe('registered');
  });
});

describe('repair of a forward whose children were never written', () => {
  it("sets the parent's child count to the children it really has", async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: top } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    await forwardAs(asisten3, top!.id, [{ key: 'karoumum' }]);
    // A second forward killed between the parent's claim and inserting its two children.
    const parent = await DispositionModel.findById(top!.id).lean();
    await commitTransition({
      node: parent!,
      action: 'forward',
      set: { childCount: parent!.childCount + 2 },
      actor: { userId: null, name: 'Asisten III', positionTitle: 'Asisten III' },
    });
    expect((await DispositionModel.findById(top!.id).lean())!.childCount).toBe(3);

    expect(await repairChildCounts({ graceMs: 0 })).toBe(1);
    expect((await DispositionModel.findById(top!.id).lean())!.childCount).toBe(1);
    const shown = await asisten3.get(`/api/dispositions/${top!.id}`);
    expect(shown.body.disposition.childCount).toBe(1);
    expect(await repairChildCounts({ graceMs: 0 })).toBe(0);
  });
});
