import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { now } from '../../lib/clock.ts';
import {
  DISPOSITION_KEYS_VERSION,
  afterBulkLoad,
  backfillDispositionKeys,
} from './dispositions.backfill.ts';
import { dayOf, dispositionKeys } from './disposition.keys.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import { loadSeries, rebuildSeries, touchSeries } from './series.ts';
import {
  disposeAs,
  dispositionTestContext,
  forwardAs,
  loginAs,
  pos,
  registerLetter,
  reportAs,
} from './test-support.ts';

const ctx = await dispositionTestContext();
const sekda = await loginAs(ctx, 'sekda');
const asisten3 = await loginAs(ctx, 'asisten3');
const karoumum = await loginAs(ctx, 'karoumum');
const kabagtu = await loginAs(ctx, 'kabagtu');

type Agent = typeof sekda;
const DAY = 86_400_000;

async function stored(id: string): Promise<Disposition> {
  const node = await DispositionModel.findById(id).lean<Disposition>();
  if (!node) throw new Error(`no node ${id}`);
  return node;
}

/** The keys a node carries are the keys its fields give (none stale, none missing). */
async function expectKeysRight(id: string) {
  const node = await stored(id);
  const keys = dispositionKeys(node);
  const want = JSON.parse(JSON.stringify(keys));
  const have = JSON.parse(
    JSON.stringify(
      Object.fromEntries(Object.keys(keys).map((f) => [f, (node as Record<string, unknown>)[f]])),
    ),
  );
  expect(have).toEqual(want);
  return node;
}

async function inboxOf(agent: Agent, query: Record<string, string | number> = {}) {
  const response = await agent.get('/api/dispositions/inbox').query({ pageSize: 100, ...query });
  expect(response.status).toBe(200);
  return response.body as {
    items: Array<{ id: string; status: string }>;
    total: number;
    counters: { unreadDispositions: number; inProgress: number; done: number };
  };
}

async function tabsOf(agent: Agent, id: string): Promise<string[]> {
  const tabs = ['unread', 'not_followed_up', 'in_progress', 'overdue', 'done', 'closed', 'all'];
  const found: string[] = [];
  for (const status of tabs) {
    const page = await inboxOf(agent, { status });
    expect(page.total).toBe(page.items.length);
    if (page.items.some((item) => item.id === id)) found.push(status);
  }
  return found;
}

describe('access keys follow every change of a node', () => {
  it('read → report → done: tabs, counters and keys move with the status', async () => {
    const before = (await inboxOf(asisten3)).counters;
    const letterId = await registerLetter(ctx, { subject: 'Kunci akses ikut status' });
    const { asisten3: sent } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const id = sent!.id;
    let node = await expectKeysRight(id);
    expect(node.inboxKey).toBe(`${await pos('asisten3')}:open`);
    expect(node.openUnitPath?.length).toBeGreaterThan(0);
    expect(await tabsOf(asisten3, id)).toEqual(['unread', 'not_followed_up', 'all']);
    expect((await inboxOf(sekda, { status: 'sent' })).items.map((i) => i.id)).toContain(id);
    expect((await inboxOf(asisten3)).counters.unreadDispositions).toBe(
      before.unreadDispositions + 1,
    );

    await asisten3.get(`/api/dispositions/${id}`).expect(200);
    await expectKeysRight(id);
    expect(await tabsOf(asisten3, id)).toEqual(['not_followed_up', 'in_progress', 'all']);

    await reportAs(asisten3, id, { text: 'Sudah ditindaklanjuti.' }).expect(201);
    await expectKeysRight(id);
    expect(await tabsOf(asisten3, id)).toEqual(['in_progress', 'all']);

    await asisten3.post(`/api/dispositions/${id}/complete`).expect(200);
    node = await expectKeysRight(id);
    expect(node.inboxKey).toBe(`${await pos('asisten3')}:selesai`);
    expect(node.openUnitPath).toEqual([]);
    expect(await tabsOf(asisten3, id)).toEqual(['done', 'all']);
    // The letter as the list shows it (copied onto the node) follows the letter's status.
    const listed = (await asisten3.get('/api/dispositions/inbox').query({ status: 'done' })).body
      .items as Array<{ id: string; letter: { status: string; subject: string } }>;
    expect(listed.find((i) => i.id === id)?.letter).toMatchObject({
      status: 'done',
      subject: 'Kunci akses ikut status',
    });
    const after = (await inboxOf(asisten3)).counters;
    expect(after.done).toBe(before.done + 1);
    expect(after.unreadDispositions).toBe(before.unreadDispositions);
    expect(after.inProgress).toBe(before.inProgress);
  });

  it('shows the letter as corrected and voided in the inbox, copied onto its nodes', async () => {
    const letterId = await registerLetter(ctx, { subject: 'Perihal sebelum koreksi' });
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const listed = async () =>
      (
        (await asisten3.get('/api/dispositions/inbox').query({ status: 'unread' })).body
          .items as Array<{ id: string; letter: { subject: string; status: string } }>
      ).find((i) => i.id === node!.id)?.letter;
    expect(await listed()).toMatchObject({ subject: 'Perihal sebelum koreksi' });
    const clerk = await loginAs(ctx, 'agendaris');
    await clerk
      .patch(`/api/incoming-letters/${letterId}`)
      .send({ subject: 'Perihal sesudah koreksi', reason: 'Salah ketik' })
      .expect(200);
    expect(await listed()).toMatchObject({ subject: 'Perihal sesudah koreksi' });
    await clerk
      .post(`/api/incoming-letters/${letterId}/void`)
      .send({ reason: 'Terdaftar ganda' })
      .expect(200);
    expect(await listed()).toMatchObject({ status: 'void' });
  });

  it('cancelled leaves every tab but "closed"; returned shows in "closed" and "all"', async () => {
    const cancelledLetter = await registerLetter(ctx);
    const { asisten3: toCancel } = await disposeAs(sekda, cancelledLetter, [{ key: 'asisten3' }]);
    await sekda.post(`/api/dispositions/${toCancel!.id}/cancel`).expect(200);
    await expectKeysRight(toCancel!.id);
    expect(await tabsOf(asisten3, toCancel!.id)).toEqual(['closed']);

    const returnedLetter = await registerLetter(ctx);
    const { asisten3: toReturn } = await disposeAs(sekda, returnedLetter, [{ key: 'asisten3' }]);
    await asisten3
      .post(`/api/dispositions/${toReturn!.id}/return`)
      .send({ reason: 'Bukan bidang kami.' })
      .expect(200);
    const returned = await expectKeysRight(toReturn!.id);
    expect(returned.inboxKey).toBe(`${await pos('asisten3')}:dikembalikan`);
    expect(await tabsOf(asisten3, toReturn!.id)).toEqual(['closed', 'all']);
  });

  it('a forward moves the parent to in progress and lists the child for both ends', async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: parent } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const { karoumum: child } = await forwardAs(asisten3, parent!.id, [{ key: 'karoumum' }]);
    await expectKeysRight(parent!.id);
    await expectKeysRight(child!.id);
    expect(await tabsOf(asisten3, parent!.id)).toEqual(['in_progress', 'all']);
    expect(await tabsOf(karoumum, child!.id)).toEqual(['unread', 'not_followed_up', 'all']);
    expect((await inboxOf(asisten3, { status: 'sent' })).items.map((i) => i.id)).toContain(
      child!.id,
    );
  });
});

/** Nodes as the practice seed writes them: insertMany, the keys left to the model. */
async function history(
  to: mongoose.Types.ObjectId,
  from: mongoose.Types.ObjectId,
  days: number,
): Promise<Disposition[]> {
  const unitId = new mongoose.Types.ObjectId();
  const base = now().getTime();
  const docs = [];
  for (let d = 2; d < days + 2; d++) {
    for (let i = 0; i < 3; i++) {
      const sentAt = new Date(base - d * DAY - i * 3_600_000);
      const status = (['selesai', 'selesai', 'dikembalikan', 'diproses', 'dibatalkan'] as const)[
        (d + i) % 5
      ];
      docs.push({
        letterId: new mongoose.Types.ObjectId(),
        batchId: new mongoose.Types.ObjectId(),
        from: { positionId: from, positionTitle: 'Pengirim', unitId },
        toPositionId: to,
        toPositionTitle: 'Penerima',
        toUnitId: unitId,
        toUnitPath: [unitId],
        role: 'primary',
        urgency: i === 0 ? 'segera' : 'biasa',
        dueDate: '2030-01-01',
        dueAt: new Date('2030-01-01T16:59:59Z'),
        sentAt,
        status,
        closedAt: status === 'diproses' ? null : new Date(sentAt.getTime() + DAY / 2),
      });
    }
  }
  await DispositionModel.insertMany(docs);
  return DispositionModel.find({ toPositionId: to }).lean<Disposition[]>();
}

const byTime = (field: 'sentAt' | 'closedAt') => (a: Disposition, b: Disposition) =>
  new Date(b[field]!).getTime() - new Date(a[field]!).getTime() ||
  String(b._id).localeCompare(String(a._id));

async function allPages(agent: Agent, status: string, extra: Record<string, string> = {}) {
  const ids: string[] = [];
  const totals = new Set<number>();
  for (let page = 1; page < 50; page++) {
    const body = await inboxOf(agent, { status, page, pageSize: 7, ...extra });
    totals.add(body.total);
    ids.push(...body.items.map((i) => i.id));
    if (body.items.length < 7) break;
  }
  return { ids, totals: [...totals] };
}

describe('long histories', () => {
  it('are paged newest first by day, without repeats, with exact totals', async () => {
    const position = new mongoose.Types.ObjectId(await pos('kabagtu'));
    const elsewhere = new mongoose.Types.ObjectId();
    const received = await history(position, elsewhere, 20);
    const sentByIt = await history(elsewhere, position, 6);
    // A bulk load: the day counts and the open states are rebuilt from the nodes.
    await afterBulkLoad();

    const ids = (nodes: Disposition[]) => nodes.map((n) => String(n._id));
    const done = received.filter((n) => n.status === 'selesai').sort(byTime('closedAt'));
    expect(await allPages(kabagtu, 'done')).toEqual({ ids: ids(done), totals: [done.length] });
    const closed = received
      .filter((n) => n.status === 'dibatalkan' || n.status === 'dikembalikan')
      .sort(byTime('closedAt'));
    expect(await allPages(kabagtu, 'closed')).toEqual({
      ids: ids(closed),
      totals: [closed.length],
    });
    const all = received.filter((n) => n.status !== 'dibatalkan').sort(byTime('sentAt'));
    expect(await allPages(kabagtu, 'all')).toEqual({ ids: ids(all), totals: [all.length] });
    const sent = [...sentByIt].sort(byTime('sentAt'));
    expect(await allPages(kabagtu, 'sent')).toEqual({ ids: ids(sent), totals: [sent.length] });
    // A deep page skips whole days by their kept counts and still lands right.
    const third = await inboxOf(kabagtu, { status: 'done', page: 3, pageSize: 5 });
    expect(third.items.map((i) => i.id)).toEqual(ids(done).slice(10, 15));
    // Filtered: read to the end, so the total is exact.
    const urgent = done.filter((n) => n.urgency === 'segera');
    const filtered = await allPages(kabagtu, 'done', { urgency: 'segera' });
    expect(filtered.ids).toEqual(ids(urgent));
    expect(filtered.totals.at(-1)).toBe(urgent.length);
    expect((await inboxOf(kabagtu)).counters.done).toBe(done.length);
  });

  it('counts a node written late for a day already kept, once its series is touched', async () => {
    const position = new mongoose.Types.ObjectId();
    const from = new mongoose.Types.ObjectId();
    await history(position, from, 5);
    await rebuildSeries();
    const before = (await loadSeries(String(position))).pastTotal('selesai');
    // A completion rolled forward after a crash carries the day it was made, days ago.
    const closedAt = new Date(now().getTime() - 3 * DAY);
    const [late] = await DispositionModel.insertMany([
      {
        letterId: new mongoose.Types.ObjectId(),
        batchId: new mongoose.Types.ObjectId(),
        from: { positionId: from, positionTitle: 'Pengirim', unitId: from },
        toPositionId: position,
        toPositionTitle: 'Penerima',
        toUnitId: from,
        role: 'primary',
        urgency: 'biasa',
        dueDate: '2030-01-01',
        dueAt: new Date('2030-01-01T16:59:59Z'),
        sentAt: new Date(closedAt.getTime() - DAY),
        status: 'selesai',
        closedAt,
      },
    ]);
    expect((await loadSeries(String(position))).pastTotal('selesai')).toBe(before);
    await touchSeries(late!.dayKeys ?? []);
    const series = await loadSeries(String(position));
    expect(series.pastTotal('selesai')).toBe(before + 1);
    expect(series.past('selesai').some(([day]) => day === dayOf(closedAt))).toBe(true);
  });
});

describe('start-up backfill', () => {
  it('gives nodes stored without keys their keys and day counts, once', async () => {
    const position = new mongoose.Types.ObjectId();
    const from = new mongoose.Types.ObjectId();
    const unitId = new mongoose.Types.ObjectId();
    const sentAt = new Date(now().getTime() - 4 * DAY);
    // As an older version stored them: straight into the collection, no keys.
    const raw = [0, 1, 2].map((i) => ({
      _id: new mongoose.Types.ObjectId(),
      letterId: new mongoose.Types.ObjectId(),
      batchId: new mongoose.Types.ObjectId(),
      parentId: null,
      from: { positionId: from, positionTitle: 'Pengirim', unitId },
      toPositionId: position,
      toPositionTitle: 'Penerima',
      toUnitId: unitId,
      toUnitPath: [unitId],
      role: 'primary',
      instructions: [],
      urgency: 'biasa',
      dueDate: '2030-01-01',
      dueAt: new Date('2030-01-01T16:59:59Z'),
      securityClass: 'B',
      version: 1,
      sentAt,
      status: i === 0 ? 'dibaca' : 'selesai',
      closedAt: i === 0 ? null : new Date(sentAt.getTime() + DAY),
    }));
    await DispositionModel.collection.insertMany(raw);
    // Data of a version before the keys has no marker either.
    await mongoose.connection.collection('disposition_key_versions').deleteMany({});

    const first = await backfillDispositionKeys();
    expect(first.updated).toBeGreaterThanOrEqual(3);
    for (const doc of raw) await expectKeysRight(String(doc._id));
    const series = await loadSeries(String(position));
    expect(series.pastTotal('r')).toBe(3);
    expect(series.pastTotal('selesai')).toBe(2);
    expect((await loadSeries(String(from))).pastTotal('s')).toBe(3);

    // Marked done for this version: the next start does not read the collection again.
    expect(DISPOSITION_KEYS_VERSION).toBeGreaterThanOrEqual(1);
    expect(await backfillDispositionKeys()).toEqual({ scanned: 0, updated: 0 });
    // Forced, it rewrites nothing that is already right.
    expect((await backfillDispositionKeys({ force: true })).updated).toBe(0);
  });

  it('after a bulk load, counts the loaded days and leaves nothing for the next start', async () => {
    const position = new mongoose.Types.ObjectId();
    const loaded = await history(position, new mongoose.Types.ObjectId(), 4);
    expect((await loadSeries(String(position))).pastTotal('r')).toBe(0);
    await afterBulkLoad();
    expect((await loadSeries(String(position))).pastTotal('r')).toBe(loaded.length);
    expect(await backfillDispositionKeys()).toEqual({ scanned: 0, updated: 0 });
  });
});
