import { describe, expect, it } from 'vitest';
import { now } from '../../lib/clock.ts';
import { DispositionModel, type Disposition } from '../dispositions/disposition.model.ts';
import {
  disposeAs,
  dispositionTestContext,
  forwardAs,
  loginAs,
  pos,
  registerLetter,
  reportAs,
} from '../dispositions/test-support.ts';
import { touchOpenState } from '../dispositions/open-state.ts';
import { findUnitByCode } from '../org/org.service.ts';
import { OpenItemsModel } from './open-items.model.ts';
import {
  buildMissingOpenItems,
  loadOpenItems,
  openItemsOfSubtree,
  rebuildOpenItems,
} from './open-items.ts';

const ctx = await dispositionTestContext();
const sekda = await loginAs(ctx, 'sekda');
const asisten3 = await loginAs(ctx, 'asisten3');
const karoumum = await loginAs(ctx, 'karoumum');
const HOUR = 3_600_000;

const unitId = async (code: string) => String((await findUnitByCode(code))!._id);

/** The subtree's open items recomputed from every open node (the read the kept items
 * replace: `openUnitPath` equality), as the kept items describe them, oldest first. */
async function recomputed(code: string) {
  const nodes = await DispositionModel.find({ openUnitPath: await unitId(code) }).lean<
    Disposition[]
  >();
  return nodes
    .map((n) => ({
      id: String(n._id),
      sentAt: new Date(n.sentAt).getTime(),
      dueAt: new Date(n.dueAt).getTime(),
      toUnitId: String(n.toUnitId),
      toUnitPath: n.toUnitPath.map(String),
    }))
    .sort((a, b) => a.sentAt - b.sentAt || a.id.localeCompare(b.id));
}

/** The kept items equal the recomputation for the whole organisation and two subtrees. */
async function expectNoDrift(): Promise<number> {
  for (const code of ['SETDA', 'ASS.III', 'B.UM'])
    expect(await openItemsOfSubtree(await unitId(code)), code).toEqual(await recomputed(code));
  return (await recomputed('SETDA')).length;
}

describe('kept open items (monitoring and reports)', () => {
  it('equal a full recomputation after create, dispose, report, close and correction', async () => {
    const start = await expectNoDrift();
    const letterId = await registerLetter(ctx, { subject: 'Drift butir terbuka' });
    const { asisten3: top, asisten1: other } = await disposeAs(sekda, letterId, [
      { key: 'asisten3' },
      { key: 'asisten1' },
    ]);
    expect(await expectNoDrift()).toBe(start + 2);

    const { karoumum: down } = await forwardAs(asisten3, top!.id, [{ key: 'karoumum' }]);
    expect(await expectNoDrift()).toBe(start + 3);

    // A report takes the node up (diproses): still open, same item.
    expect((await reportAs(karoumum, down!.id, { text: 'Sedang dikerjakan.' })).status).toBe(201);
    expect(await expectNoDrift()).toBe(start + 3);

    // Closing: done, and a cancelled one.
    await karoumum.post(`/api/dispositions/${down!.id}/complete`).expect(200);
    expect(await expectNoDrift()).toBe(start + 2);
    await sekda.post(`/api/dispositions/${other!.id}/cancel`).expect(200);
    expect(await expectNoDrift()).toBe(start + 1);

    // A correction of the letter changes its nodes' copied summary, not the open items.
    const clerk = await loginAs(ctx, 'agendaris');
    await clerk
      .patch(`/api/incoming-letters/${letterId}`)
      .send({ subject: 'Drift butir terbuka (koreksi)', reason: 'Salah ketik' })
      .expect(200);
    expect(await expectNoDrift()).toBe(start + 1);

    // A rebuild from the nodes gives the same set as the advanced one.
    const position = await pos('asisten3');
    const advanced = await loadOpenItems(position);
    await rebuildOpenItems(position);
    expect(await loadOpenItems(position)).toEqual(advanced);
  });

  it('advance from an earlier hour to the set a rebuild gives', async () => {
    const letterId = await registerLetter(ctx);
    await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const position = await pos('asisten3');
    // Kept as of three hours ago, then advanced hour by hour to now.
    await rebuildOpenItems(position, new Date(now().getTime() - 3 * HOUR));
    const advanced = await loadOpenItems(position);
    await rebuildOpenItems(position);
    expect(advanced).toEqual(await loadOpenItems(position));
    expect(await expectNoDrift()).toBeGreaterThan(0);
  });

  it('is rebuilt when marked stale or kept by an older version', async () => {
    const position = await pos('asisten3');
    await loadOpenItems(position);
    await OpenItemsModel.updateOne({ _id: position }, { $set: { stale: true, data: '' } });
    await expectNoDrift();
    await OpenItemsModel.updateOne({ _id: position }, { $set: { version: 0, data: '' } });
    await expectNoDrift();
    expect((await OpenItemsModel.findById(position).lean())?.stale).toBe(false);
  });

  it('is marked stale by a change applied late, and built once by requests racing for it', async () => {
    const position = await pos('asisten3');
    await loadOpenItems(position);
    // A claim rolled forward late: its hour is one the kept items count already.
    await touchOpenState(position, new Date(now().getTime() - 2 * HOUR));
    expect((await OpenItemsModel.findById(position).lean())?.stale).toBe(true);
    // Missing: every request rebuilds it at once; none fails on the racing insert.
    await OpenItemsModel.deleteOne({ _id: position });
    const raced = await Promise.all(Array.from({ length: 6 }, () => loadOpenItems(position)));
    for (const items of raced) expect(items).toEqual(raced[0]);
    expect((await OpenItemsModel.findById(position).lean())?.stale).toBe(false);
    await expectNoDrift();
  });

  it('is built at start-up for positions without it, once', async () => {
    await OpenItemsModel.deleteMany({});
    const built = await buildMissingOpenItems();
    expect(built).toBeGreaterThan(0);
    expect(await buildMissingOpenItems()).toBe(0);
    await expectNoDrift();
  });
});
