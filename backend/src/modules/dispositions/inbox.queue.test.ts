import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { jakartaDateString } from '../documents/format-id.ts';
import { dayOf, dispositionKeys } from './disposition.keys.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import { backfillDispositionKeys } from './dispositions.backfill.ts';
import { disposeAs, dispositionTestContext, loginAs, pos, registerLetter } from './test-support.ts';

/** Issue 15 point 1: an official's open tabs open with what is most urgent (sifat, then
 * deadline, then age), and filter and search within themselves without leaking. */
const ctx = await dispositionTestContext();

const inDays = (days: number) => jakartaDateString(new Date(Date.now() + days * 86_400_000));

describe('inbox as a work queue', () => {
  it('orders open tabs by sifat, deadline and age; filters and searches exactly', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const asisten = await loginAs(ctx, 'asisten1');
    const other = await loginAs(ctx, 'asisten2');
    // Sent in this order; the most urgent last.
    const plan = [
      { name: 'l1', urgency: 'biasa', due: 5, sender: 'Dinas Pendidikan', code: '400.3' },
      { name: 'l2', urgency: 'segera', due: 10, sender: 'Badan Pusat Statistik', code: '000.1' },
      { name: 'l4', urgency: 'biasa', due: 2, sender: 'Dinas Pendidikan', code: '000.1.2' },
      { name: 'l5', urgency: 'segera', due: 3, sender: 'Kementerian Dalam Negeri', code: '100' },
      { name: 'l3', urgency: 'sangat_segera', due: 7, sender: 'Dinas Kesehatan', code: '400.7' },
    ] as const;
    const ids: Record<string, string> = {};
    for (const p of plan) {
      const letter = await registerLetter(ctx, {
        subject: `Antrean ${p.name} ${p.name === 'l2' ? 'pemeliharaan jembatan' : 'umum'}`,
        senderName: p.sender,
        classificationCode: p.code,
        urgency: p.urgency,
      });
      const made = await disposeAs(sekda, letter, [{ key: 'asisten1' }], {
        urgency: p.urgency,
        dueDate: inDays(p.due),
      });
      ids[made.asisten1!.id] = p.name;
    }
    const names = async (query: Record<string, string>, agent = asisten) => {
      const res = await agent.get('/api/dispositions/inbox').query(query);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return {
        names: res.body.items.map((i: { id: string }) => ids[i.id] ?? 'foreign'),
        total: res.body.total as number,
        exact: res.body.totalExact as boolean,
        sort: res.body.sort as string,
      };
    };
    const tab = { status: 'not_followed_up' };
    expect(await names(tab)).toEqual({
      names: ['l3', 'l5', 'l2', 'l4', 'l1'],
      total: 5,
      exact: true,
      sort: 'priority',
    });
    // Pages of the same order, read bucket by bucket: none repeated, none skipped.
    const pages = [];
    for (const page of ['1', '2', '3'])
      pages.push(...(await names({ ...tab, pageSize: '2', page })).names);
    expect(pages).toEqual(['l3', 'l5', 'l2', 'l4', 'l1']);
    expect((await names({ ...tab, sort: 'deadline' })).names).toEqual([
      'l4',
      'l5',
      'l1',
      'l3',
      'l2',
    ]);
    expect(await names({ ...tab, urgency: 'segera' })).toMatchObject({
      names: ['l5', 'l2'],
      total: 2,
      exact: true,
    });
    expect((await names({ ...tab, urgency: 'sangat_segera,biasa' })).names).toEqual([
      'l3',
      'l4',
      'l1',
    ]);
    expect((await names({ ...tab, sender: 'dinas  PENDIDIKAN' })).names).toEqual(['l4', 'l1']);
    expect((await names({ ...tab, classificationCode: '000.1' })).names).toEqual(['l2', 'l4']);
    expect((await names({ ...tab, classificationCode: '400' })).names).toEqual(['l3', 'l1']);
    expect((await names({ ...tab, q: 'jembatan' })).names).toEqual(['l2']);
    expect((await names({ ...tab, dispositionStatus: 'dibaca' })).names).toEqual([]);

    // Read one: it leaves "unread" and the status filter finds it.
    const l5 = Object.keys(ids).find((id) => ids[id] === 'l5')!;
    await asisten.get(`/api/dispositions/${l5}`);
    expect((await names({ status: 'unread' })).names).toEqual(['l3', 'l2', 'l4', 'l1']);
    expect((await names({ ...tab, dispositionStatus: 'dibaca' })).names).toEqual(['l5']);

    // A history is newest first, and filters in memory.
    expect((await names({ status: 'all' })).names).toEqual(['l3', 'l5', 'l4', 'l2', 'l1']);
    expect((await names({ status: 'all', sort: 'priority' })).sort).toBe('newest');
    expect((await names({ status: 'all', urgency: 'biasa' })).names).toEqual(['l4', 'l1']);
    expect((await names({ status: 'all', sender: 'statistik' })).names).toEqual(['l2']);

    // Another position sees none of it, whatever it filters or searches for.
    const queries: Record<string, string>[] = [
      tab,
      { ...tab, q: 'jembatan' },
      { status: 'all', sender: 'dinas' },
    ];
    for (const query of queries) expect((await names(query, other)).names).toEqual([]);
    const foreign = await other
      .get('/api/dispositions/inbox')
      .query({ positionId: await pos('asisten1') });
    expect(foreign.status).toBe(403);
    expect((await asisten.get('/api/dispositions/inbox').query({ urgency: 'kilat' })).status).toBe(
      400,
    );
  });

  it('gives open nodes kept by version 2 (no sifat in openKey) their new key at start-up', async () => {
    const asisten = await loginAs(ctx, 'asisten1');
    const order = async () =>
      (
        await asisten.get('/api/dispositions/inbox').query({ status: 'not_followed_up' })
      ).body.items.map((i: { id: string }) => i.id);
    const before = await order();
    expect(before).toHaveLength(5);
    const position = new mongoose.Types.ObjectId(await pos('asisten1'));
    const open = await DispositionModel.find({ toPositionId: position }).lean<Disposition[]>();
    for (const node of open)
      if (node.openKey)
        await DispositionModel.collection.updateOne(
          { _id: node._id },
          { $set: { openKey: `${String(position)}:${node.status}:${dayOf(node.dueAt)}` } },
        );
    await mongoose.connection
      .collection('disposition_key_versions')
      .updateOne(
        { _id: 'disposition-keys' as never },
        { $set: { version: 2, finishedAt: new Date() } },
        { upsert: true },
      );
    await backfillDispositionKeys();
    for (const node of await DispositionModel.find({ toPositionId: position }).lean<
      Disposition[]
    >())
      expect(node.openKey).toBe(dispositionKeys(node).openKey);
    expect(await order()).toEqual(before);
  });
});
