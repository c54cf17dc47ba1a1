import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { now } from '../../lib/clock.ts';
import { afterBulkLoad, backfillDispositionKeys } from './dispositions.backfill.ts';
import { dayOf, dispositionKeys, hourOf } from './disposition.keys.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import {
  DispositionOpenStateModel,
  loadOpenState,
  rebuildOpenState,
  touchOpenState,
} from './open-state.ts';
import {
  disposeAs,
  dispositionTestContext,
  forwardAs,
  loginAs,
  pos,
  registerLetter,
} from './test-support.ts';

const ctx = await dispositionTestContext();
const kabagtu = await loginAs(ctx, 'kabagtu');
const DAY = 86_400_000;
const HOUR = 3_600_000;

type Agent = typeof kabagtu;
type Counters = {
  unreadDispositions: number;
  notFollowedUp: number;
  inProgress: number;
  overdue: number;
};

async function inboxOf(agent: Agent, query: Record<string, string | number> = {}) {
  const response = await agent.get('/api/dispositions/inbox').query({ pageSize: 100, ...query });
  expect(response.status).toBe(200);
  return response.body as { items: Array<{ id: string }>; total: number; counters: Counters };
}

/** Open and closed nodes for a position as a bulk load writes them, with consistent
 * timestamps: deadlines from three weeks ago to three weeks ahead, several per day. */
async function openSet(to: mongoose.Types.ObjectId, count: number): Promise<void> {
  const unitId = new mongoose.Types.ObjectId();
  const base = now().getTime();
  const docs = [];
  for (let i = 0; i < count; i++) {
    const sentAt = new Date(base - (30 - (i % 25)) * DAY - i * 60_000);
    const dueDay = new Date(base + ((i * 7) % 43) * DAY - 21 * DAY);
    const dueDate = new Date(dueDay.getTime() + 7 * HOUR).toISOString().slice(0, 10);
    const status = (['terkirim', 'dibaca', 'diproses', 'diproses', 'selesai'] as const)[i % 5]!;
    docs.push({
      letterId: new mongoose.Types.ObjectId(),
      batchId: new mongoose.Types.ObjectId(),
      from: { positionId: new mongoose.Types.ObjectId(), positionTitle: 'Pengirim', unitId },
      toPositionId: to,
      toPositionTitle: 'Penerima',
      toUnitId: unitId,
      toUnitPath: [unitId],
      role: 'primary',
      urgency: i % 3 === 0 ? 'segera' : 'biasa',
      dueDate,
      // The end of the deadline day in Jakarta (calendar/dates.ts endOfJakartaDay).
      dueAt: new Date(`${dueDate}T17:00:00.000Z`),
      sentAt,
      status,
      readAt: status === 'terkirim' ? null : new Date(sentAt.getTime() + HOUR),
      processingAt: ['diproses', 'selesai'].includes(status)
        ? new Date(sentAt.getTime() + 2 * HOUR)
        : null,
      closedAt: status === 'selesai' ? new Date(sentAt.getTime() + 3 * HOUR) : null,
    });
  }
  await DispositionModel.insertMany(docs);
}

const TABS: Record<string, (n: Disposition, at: number) => boolean> = {
  unread: (n) => n.status === 'terkirim',
  not_followed_up: (n) => n.status === 'terkirim' || n.status === 'dibaca',
  in_progress: (n) => n.status === 'dibaca' || n.status === 'diproses',
  overdue: (n, at) =>
    ['terkirim', 'dibaca', 'diproses'].includes(n.status) && new Date(n.dueAt).getTime() <= at,
};
const RANK: Record<string, number> = { sangat_segera: 0, segera: 1, biasa: 2 };
const deadline = (a: Disposition, b: Disposition) =>
  new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime();
const urgency = (a: Disposition, b: Disposition) => RANK[a.urgency]! - RANK[b.urgency]!;
const age = (a: Disposition, b: Disposition) =>
  new Date(a.sentAt).getTime() - new Date(b.sentAt).getTime() ||
  String(a._id).localeCompare(String(b._id));
/** The open tabs' default order (issue 15): sifat, then deadline, then age. */
const byPriority = (a: Disposition, b: Disposition) => urgency(a, b) || deadline(a, b) || age(a, b);
const byDeadline = (a: Disposition, b: Disposition) => deadline(a, b) || urgency(a, b) || age(a, b);

async function expected(position: mongoose.Types.ObjectId) {
  const nodes = await DispositionModel.find({ toPositionId: position }).lean<Disposition[]>();
  const at = now().getTime();
  const tab = (name: string, order = byPriority) =>
    nodes
      .filter((n) => TABS[name]!(n, at))
      .sort(order)
      .map((n) => String(n._id));
  return {
    tab,
    counters: {
      unreadDispositions: tab('unread').length,
      notFollowedUp: tab('not_followed_up').length,
      inProgress: tab('in_progress').length,
      overdue: tab('overdue').length,
    },
  };
}

async function allPages(agent: Agent, status: string, extra: Record<string, string> = {}) {
  const ids: string[] = [];
  const totals = new Set<number>();
  for (let page = 1; page < 60; page++) {
    const body = await inboxOf(agent, { status, page, pageSize: 7, ...extra });
    totals.add(body.total);
    ids.push(...body.items.map((i) => i.id));
    if (body.items.length < 7) break;
  }
  return { ids, totals: [...totals] };
}

const countersOf = (c: Counters) => ({
  unreadDispositions: c.unreadDispositions,
  notFollowedUp: c.notFollowedUp,
  inProgress: c.inProgress,
  overdue: c.overdue,
});

describe('open tabs and counters from the kept open state', () => {
  it('pages every open tab most urgent first and by deadline, without repeats, with exact totals and counters', async () => {
    const position = new mongoose.Types.ObjectId(await pos('kabagtu'));
    await openSet(position, 60);
    await afterBulkLoad();
    const want = await expected(position);
    expect(countersOf((await inboxOf(kabagtu)).counters)).toEqual(want.counters);
    expect(want.counters.overdue).toBeGreaterThan(0);
    for (const tab of Object.keys(TABS))
      expect(await allPages(kabagtu, tab)).toEqual({
        ids: want.tab(tab),
        totals: [want.tab(tab).length],
      });
    for (const tab of Object.keys(TABS))
      expect(await allPages(kabagtu, tab, { sort: 'deadline' })).toEqual({
        ids: want.tab(tab, byDeadline),
        totals: [want.tab(tab).length],
      });
    // A deep page skips whole (sifat, deadline day) buckets by their counts and lands right.
    const third = await inboxOf(kabagtu, { status: 'in_progress', page: 3, pageSize: 5 });
    expect(third.items.map((i) => i.id)).toEqual(want.tab('in_progress').slice(10, 15));
    // The sifat filter, served by the kept counts: exact.
    const urgent = (await DispositionModel.find({ toPositionId: position }).lean<Disposition[]>())
      .filter((n) => n.urgency === 'segera')
      .map((n) => String(n._id));
    const filtered = await allPages(kabagtu, 'not_followed_up', { urgency: 'segera' });
    expect(filtered.ids).toEqual(want.tab('not_followed_up').filter((id) => urgent.includes(id)));
    expect(filtered.totals.at(-1)).toBe(filtered.ids.length);
  });

  it('follows live changes at once, and an advance of the kept hours gives what a rebuild gives', async () => {
    const position = new mongoose.Types.ObjectId(await pos('kabagtu'));
    const sekda = await loginAs(ctx, 'sekda');
    const asisten3 = await loginAs(ctx, 'asisten3');
    const karoumum = await loginAs(ctx, 'karoumum');
    const letterId = await registerLetter(ctx, { subject: 'Perubahan hidup' });
    const { asisten3: top } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const { karoumum: mid } = await forwardAs(asisten3, top!.id, [{ key: 'karoumum' }]);
    const { kabagtu: node } = await forwardAs(karoumum, mid!.id, [{ key: 'kabagtu' }]);
    const child = node!.id;
    expect((await inboxOf(kabagtu, { status: 'unread' })).items.map((i) => i.id)).toContain(child);
    expect(countersOf((await inboxOf(kabagtu)).counters)).toEqual(
      (await expected(position)).counters,
    );
    await kabagtu.get(`/api/dispositions/${child}`).expect(200);
    const read = await inboxOf(kabagtu, { status: 'in_progress' });
    expect(read.items.map((i) => i.id)).toContain(child);
    expect(countersOf(read.counters)).toEqual((await expected(position)).counters);

    // Kept as of three hours ago, then advanced over the hours since: the same cells as a
    // rebuild now (the changes above lie in those hours).
    const earlier = new Date(now().getTime() - 3 * HOUR);
    await rebuildOpenState(String(position), earlier);
    const advanced = await loadOpenState(String(position));
    await rebuildOpenState(String(position));
    expect(advanced.cells).toEqual((await loadOpenState(String(position))).cells);
  });

  it('rebuilds a state that a late change made stale', async () => {
    const position = new mongoose.Types.ObjectId(await pos('kabagtu'));
    const before = (await inboxOf(kabagtu)).counters;
    // A node written hours after its time (as a claim rolled forward after a crash is).
    const sentAt = new Date(now().getTime() - 5 * HOUR);
    const [late] = await DispositionModel.insertMany([
      {
        letterId: new mongoose.Types.ObjectId(),
        batchId: new mongoose.Types.ObjectId(),
        from: {
          positionId: new mongoose.Types.ObjectId(),
          positionTitle: 'Pengirim',
          unitId: position,
        },
        toPositionId: position,
        toPositionTitle: 'Penerima',
        toUnitId: position,
        role: 'primary',
        urgency: 'biasa',
        dueDate: '2030-01-01',
        dueAt: new Date('2030-01-01T17:00:00.000Z'),
        sentAt,
        status: 'terkirim',
      },
    ]);
    const stateHour = (await DispositionOpenStateModel.findById(String(position)).lean())!
      .throughHour as number;
    expect(stateHour).toBeGreaterThanOrEqual(hourOf(sentAt));
    expect((await inboxOf(kabagtu)).counters.unreadDispositions).toBe(before.unreadDispositions);
    await touchOpenState(position, sentAt);
    const after = await inboxOf(kabagtu, { status: 'unread' });
    expect(after.counters.unreadDispositions).toBe(before.unreadDispositions + 1);
    expect(after.items.map((i) => i.id)).toContain(String(late!._id));
  });
});

describe('upgrade from the first version of the keys', () => {
  it('gives the open set its new keys by position, and the counters stay right', async () => {
    const position = new mongoose.Types.ObjectId(await pos('kabagtu'));
    const want = await expected(position);
    // As version 1 left them: no openKey or hourKeys, no open state.
    await DispositionModel.collection.updateMany({}, { $unset: { openKey: '', hourKeys: '' } });
    await DispositionOpenStateModel.deleteMany({});
    await mongoose.connection
      .collection('disposition_key_versions')
      .updateOne({ _id: 'disposition-keys' as never }, { $set: { version: 1 } }, { upsert: true });
    const result = await backfillDispositionKeys();
    expect(result.updated).toBeGreaterThanOrEqual(want.tab('not_followed_up').length);
    const open = await DispositionModel.find({
      toPositionId: position,
      status: { $in: ['terkirim', 'dibaca', 'diproses'] },
    }).lean<Disposition[]>();
    for (const node of open) expect(node.openKey).toBe(dispositionKeys(node).openKey);
    expect(countersOf((await inboxOf(kabagtu)).counters)).toEqual(want.counters);
    expect(await allPages(kabagtu, 'overdue')).toEqual({
      ids: want.tab('overdue'),
      totals: [want.tab('overdue').length],
    });
    expect(dayOf(now())).toBeGreaterThan(0);
    expect(await backfillDispositionKeys()).toEqual({ scanned: 0, updated: 0 });
  });
});
