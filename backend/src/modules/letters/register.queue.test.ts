import { describe, expect, it } from 'vitest';
import { loginAs } from '../../../test/auth-helpers.ts';
import { dispositionTestContext, pos, registerLetter } from '../dispositions/test-support.ts';
import { IncomingLetterModel } from './letters.model.ts';
import { backfillUrgencyBuckets } from './letters.urgency.ts';

/** Issue 15 point 1 on the buku agenda: filtered by sifat and sorted most urgent first over
 * the whole register (urgencyBucket), exactly, without showing an official what is not
 * theirs. */
const ctx = await dispositionTestContext();

type Row = { id: string; agendaNumber: number; urgency: string };

describe('the register as a work queue', () => {
  it('filters by sifat and sorts most urgent first through the sifat buckets', async () => {
    const plan = [
      'biasa',
      'sangat_segera',
      'segera',
      'biasa',
      'segera',
      'sangat_segera',
      'biasa',
    ] as const;
    const ids: string[] = [];
    for (const [i, urgency] of plan.entries())
      ids.push(await registerLetter(ctx, { urgency, subject: `Antrean buku agenda ${i}` }));
    const toAsisten = await registerLetter(ctx, {
      urgency: 'sangat_segera',
      subject: 'Surat untuk Asisten I',
      addresseePositionId: await pos('asisten1'),
    });
    // Letters stored before the key (an older version): the start-up pass gives it to them.
    await IncomingLetterModel.updateMany({}, { $set: { urgencyBucket: null } });
    expect((await backfillUrgencyBuckets({ force: true })).updated).toBe(5);

    const clerk = await loginAs(ctx, 'agendaris');
    const list = async (query: Record<string, string>, agent = clerk) => {
      const res = await agent.get('/api/incoming-letters').query(query);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as { items: Row[]; total: number };
    };
    const numbers = (rows: Row[]) => rows.map((r) => r.agendaNumber);
    const all = (await list({ pageSize: '100' })).items;
    const sorted = (urgency: string) =>
      numbers(all.filter((r) => r.urgency === urgency)).sort((a, b) => b - a);

    const urgent = await list({ urgency: 'sangat_segera' });
    expect(numbers(urgent.items)).toEqual(sorted('sangat_segera'));
    expect(urgent.total).toBe(3);
    expect(numbers((await list({ urgency: 'segera,sangat_segera' })).items)).toEqual(
      numbers(all.filter((r) => r.urgency !== 'biasa')).sort((a, b) => b - a),
    );

    const mostUrgent = [...sorted('sangat_segera'), ...sorted('segera'), ...sorted('biasa')];
    const first = await list({ sort: 'urgency', order: 'desc' });
    expect(numbers(first.items)).toEqual(mostUrgent);
    expect(first.total).toBe(all.length);
    // Page by page: the same order, nothing repeated or skipped.
    const paged: number[] = [];
    for (let page = 1; page <= 4; page++)
      paged.push(
        ...numbers(
          (await list({ sort: 'urgency', order: 'desc', pageSize: '3', page: String(page) })).items,
        ),
      );
    expect(paged).toEqual(mostUrgent);
    // Other filters apply on top.
    const searched = await list({ sort: 'urgency', order: 'desc', q: 'antrean buku agenda 4' });
    expect(searched.items.map((r) => r.id)).toEqual([ids[4]]);

    // The filter reads the sifat buckets: a letter that lost its key is not found.
    await IncomingLetterModel.updateOne({ _id: ids[1] }, { $set: { urgencyBucket: null } });
    expect((await list({ urgency: 'sangat_segera' })).total).toBe(2);
    await backfillUrgencyBuckets({ force: true });
    expect((await list({ urgency: 'sangat_segera' })).total).toBe(3);

    // An official sees only what is theirs, whatever the order or filter.
    const asisten = await loginAs(ctx, 'asisten1');
    const queries: Record<string, string>[] = [
      { sort: 'urgency', order: 'desc' },
      { urgency: 'sangat_segera' },
      { box: 'inbox', sort: 'urgency', order: 'desc' },
    ];
    for (const query of queries)
      expect((await list(query, asisten)).items.map((r) => r.id)).toEqual([toAsisten]);
  });
});
