import { describe, expect, it } from 'vitest';
import { now, shiftClock } from '../../lib/clock.ts';
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
import {
  DispositionOpenStateModel,
  loadOpenState,
  rebuildOpenState,
  touchOpenState,
  type OpenState,
} from '../dispositions/open-state.ts';
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

/** The kept items equal the recomputation for the whole organisation and the subtrees. */
async function expectNoDrift(codes = ['SETDA', 'ASS.III', 'B.UM']): Promise<number> {
  for (const code of codes)
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

  it("keeps a moved position's items under their old unit, and its new ones under the new unit", async () => {
    const admin = await loginAs(ctx, 'admin');
    const moved = await pos('karoumum');
    const units = ['SETDA', 'ASS.III', 'B.UM', 'ASS.II', 'B.PEREK'];
    const biroUmum = await unitId('B.UM');
    // Open items of the Kepala Biro Umum, sent in the hour not yet kept.
    for (const subject of ['Drift jabatan dipindah 1', 'Drift jabatan dipindah 2']) {
      const letterId = await registerLetter(ctx, { subject });
      const { asisten3: top } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
      await forwardAs(asisten3, top!.id, [{ key: 'karoumum' }]);
    }
    const before = await recomputed('B.UM');
    expect(before.filter((i) => i.toUnitId === biroUmum).length).toBeGreaterThan(1);

    // Moved to the Biro Perekonomian (under Asisten II): the nodes keep their paths, and
    // the old unit and its parents keep counting them (as the nodes' openUnitPath does).
    const move = async (code: string) =>
      admin
        .patch(`/api/admin/positions/${moved}`)
        .send({ unitId: await unitId(code) })
        .expect(200);
    await move('B.PEREK');
    try {
      expect(await recomputed('B.UM')).toEqual(before);
      await expectNoDrift(units);
      // A disposition sent after the move carries the new unit's path.
      const letterId = await registerLetter(ctx, { subject: 'Drift jabatan dipindah 3' });
      const { asisten3: top } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
      await forwardAs(asisten3, top!.id, [{ key: 'karoumum' }]);
      expect((await recomputed('B.PEREK')).length).toBeGreaterThan(0);
      await expectNoDrift(units);
      // Hours later the items are kept (advanced, then rebuilt): still under both units.
      const restore = shiftClock(3 * HOUR);
      try {
        await expectNoDrift(units);
        await rebuildOpenItems(moved);
        await expectNoDrift(units);
      } finally {
        restore();
      }
    } finally {
      await move('B.UM');
    }
    await expectNoDrift(units);
  });

  it('forgets deleted nodes: the kept open items and open state are marked stale', async () => {
    const position = await pos('asisten3');
    const letterId = await registerLetter(ctx, { subject: 'Drift node dihapus' });
    await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const total = (state: OpenState) => Object.values(state.cells).reduce((a, b) => a + b, 0);
    // Hours later the node is kept in both documents (not a live change any more).
    const restore = shiftClock(2 * HOUR);
    try {
      const items = await loadOpenItems(position);
      const state = await loadOpenState(position);
      expect((await OpenItemsModel.findById(position).lean())?.stale).toBe(false);
      // Removed outright (as the practice seed removal and a dispatch rollback do).
      await DispositionModel.deleteMany({ letterId });
      expect((await OpenItemsModel.findById(position).lean())?.stale).toBe(true);
      expect((await DispositionOpenStateModel.findById(position).lean())?.stale).toBe(true);
      expect((await loadOpenItems(position)).size).toBe(items.size - 1);
      expect(total(await loadOpenState(position))).toBe(total(state) - 1);
      await expectNoDrift();
    } finally {
      restore();
    }
    // Kept for an hour ahead of the clock moved back: rebuilt (the open items on read).
    await rebuildOpenState(position);
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
