import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { now } from '../../lib/clock.ts';
import { DispositionModel, type Disposition } from '../dispositions/disposition.model.ts';
import { unitWeekKeyOf, weekOf } from '../dispositions/disposition.keys.ts';
import {
  disposeAs,
  dispositionTestContext,
  forwardAs,
  loginAs,
  registerLetter,
  reportAs,
} from '../dispositions/test-support.ts';
import { findUnitByCode } from '../org/org.service.ts';
import { FollowUpWeekModel } from './follow-up-weeks.model.ts';
import { weekEntries, type WeekEntry } from './follow-up-weeks.ts';

const ctx = await dispositionTestContext();

/** What the week's nodes say now, read from the nodes themselves (the digest's oracle). */
async function fromNodes(unitId: string, week: number) {
  const nodes = await DispositionModel.find({
    unitWeekKeys: unitWeekKeyOf(unitId, week),
  }).lean<Disposition[]>();
  return normalise(
    nodes.map((n) => {
      const path = n.toUnitPath.map(String);
      return {
        status: n.status,
        sentAt: new Date(n.sentAt),
        dueAt: new Date(n.dueAt),
        dueDate: n.dueDate,
        closedAt: n.closedAt ? new Date(n.closedAt) : null,
        processingAt: n.processingAt ? new Date(n.processingAt) : null,
        toUnitId: String(n.toUnitId),
        child: path[path.indexOf(unitId) + 1] ?? null,
      };
    }),
  );
}

const normalise = (entries: WeekEntry[]) =>
  entries
    .map((e) => JSON.stringify(e))
    .sort()
    .map((e) => JSON.parse(e) as unknown);

describe('kept follow-up week digests', () => {
  it('follow every insert, transition and deletion of the week’s nodes', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const asisten3 = await loginAs(ctx, 'asisten3');
    const root = String((await findUnitByCode('SETDA'))!._id);
    const week = weekOf(now());
    const key = unitWeekKeyOf(root, week);
    const expectDigestRight = async () => {
      expect(normalise(await weekEntries(root, week))).toEqual(await fromNodes(root, week));
      const digest = await FollowUpWeekModel.findById(key).lean();
      expect(digest?.builtGen).toBe(digest?.gen);
    };

    const letterId = await registerLetter(ctx, { subject: 'Digest mingguan laporan' });
    const { asisten3: top, asisten1: coordinator } = await disposeAs(sekda, letterId, [
      { key: 'asisten3' },
      { key: 'asisten1', role: 'coordinate' },
    ]);
    await expectDigestRight();
    const built = normalise(await weekEntries(root, week));
    expect(built.length).toBeGreaterThanOrEqual(2);

    // A current digest is what a read returns: replaced by an empty one of the same `gen`,
    // the week reads empty (the nodes are not read again)...
    await FollowUpWeekModel.updateOne(
      { _id: key },
      { $set: { data: JSON.stringify({ units: [], rows: [] }) } },
    );
    expect(await weekEntries(root, week)).toEqual([]);

    // ...until a node of the week changes: each write moves `gen` on and the next read
    // rebuilds the digest from the nodes.
    await reportAs(asisten3, top!.id, { text: 'Sedang ditindaklanjuti.' }).expect(201);
    await expectDigestRight();
    const afterReport = (await weekEntries(root, week)).filter((e) => e.processingAt);
    expect(afterReport.length).toBeGreaterThanOrEqual(1);

    await forwardAs(asisten3, top!.id, [{ key: 'karoumum' }]);
    await expectDigestRight();
    expect((await weekEntries(root, week)).length).toBe(built.length + 1);

    await sekda.post(`/api/dispositions/${coordinator!.id}/cancel`).expect(200);
    await expectDigestRight();
    expect((await weekEntries(root, week)).map((e) => e.status)).toContain('dibatalkan');

    await DispositionModel.deleteMany({ letterId: new mongoose.Types.ObjectId(letterId) });
    await expectDigestRight();
    expect((await weekEntries(root, week)).length).toBe(built.length - 2);
  });
});
