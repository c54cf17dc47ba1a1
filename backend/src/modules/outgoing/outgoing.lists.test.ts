import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOrganisation, type LoggedInAgent } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { backfillOutgoingKeys } from './lists.backfill.ts';
import { OutgoingLetterModel } from './outgoing.model.ts';
import { loginMany, quickDraft } from './test-fixtures.ts';

/** The work lists read by top-level equalities (drafter, awaiting position, status), one
 * query per position, merged and sorted in memory; the keys survive older data. */
const ctx = await createTestContext();
let staftu: LoggedInAgent;
let asisten3: LoggedInAgent;
const ids: string[] = [];

beforeAll(async () => {
  await seedDemoOrganisation();
  await seedClassificationCodes();
  ({ staftu, asisten3 } = await loginMany(ctx, ['staftu', 'asisten3']));
  for (let i = 0; i < 4; i += 1) {
    const made = await staftu
      .post('/api/outgoing-letters')
      .send(await quickDraft({ subject: `Surat daftar kerja ${i}` }));
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    ids.push(made.body.id);
  }
  for (const id of ids.slice(0, 2)) {
    expect((await staftu.post(`/api/outgoing-letters/${id}/submit`)).status).toBe(200);
  }
});

const listed = async (agent: LoggedInAgent, query: Record<string, string | number>) => {
  const response = await agent.get('/api/outgoing-letters').query(query);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { items: Array<{ id: string }>; total: number };
};

describe('outgoing work lists', () => {
  it('lists my drafts newest first with paging, and what awaits my signature', async () => {
    const mine = await listed(staftu, { box: 'mine', pageSize: 3 });
    expect(mine.total).toBe(4);
    // The two submitted letters changed last.
    expect(mine.items.map((i) => i.id)).toEqual([ids[1], ids[0], ids[3]]);
    const second = await listed(staftu, { box: 'mine', pageSize: 3, page: 2 });
    expect(second.items.map((i) => i.id)).toEqual([ids[2]]);
    const sign = await listed(asisten3, { box: 'sign' });
    expect(sign.items.map((i) => i.id).sort()).toEqual(ids.slice(0, 2).sort());
    expect((await listed(staftu, { box: 'sign' })).total).toBe(0);
    const drafts = await listed(staftu, { box: 'mine', status: 'draft' });
    expect(drafts.items.map((i) => i.id).sort()).toEqual(ids.slice(2).sort());
  });

  it('reads the work lists by a top-level equality each', async () => {
    const filters: Array<Record<string, unknown>> = [];
    mongoose.set('debug', (collection: string, method: string, filter: unknown) => {
      if (collection === 'outgoing_letters' && method === 'find')
        filters.push(filter as Record<string, unknown>);
    });
    try {
      for (const box of ['mine', 'review', 'sign', 'dispatch']) await listed(asisten3, { box });
      await listed(staftu, { box: 'mine' });
    } finally {
      mongoose.set('debug', false);
    }
    expect(filters.length).toBeGreaterThan(0);
    const keys = ['drafterUserId', 'drafterPositionId', 'awaitingPositionId', 'status'];
    for (const filter of filters) {
      const equality = Object.entries(filter).filter(
        ([field, value]) =>
          keys.includes(field) &&
          (typeof value === 'string' || value instanceof mongoose.Types.ObjectId),
      );
      expect(equality.length, JSON.stringify(filter)).toBe(1);
    }
  });

  it('walks the "all" box by its list keys, one top-level equality per read', async () => {
    const filters: Array<Record<string, unknown>> = [];
    mongoose.set('debug', (collection: string, method: string, filter: unknown) => {
      if (collection === 'outgoing_letters' && method === 'find')
        filters.push(filter as Record<string, unknown>);
    });
    let all: Awaited<ReturnType<typeof listed>>;
    try {
      all = await listed(staftu, { box: 'all', pageSize: 3 });
    } finally {
      mongoose.set('debug', false);
    }
    expect(all.total).toBe(4);
    expect(all.items.map((i) => i.id)).toEqual([ids[1], ids[0], ids[3]]);
    expect((await listed(staftu, { box: 'all', pageSize: 3, page: 2 })).items).toHaveLength(1);
    expect((await listed(staftu, { box: 'all', status: 'draft' })).total).toBe(2);
    expect((await listed(staftu, { box: 'all', q: 'kerja 3' })).items.map((i) => i.id)).toEqual([
      ids[3],
    ]);
    // The signer (asisten3) is in every letter's chain from its first draft.
    const signer = await listed(asisten3, { box: 'all' });
    expect(signer.items.map((i) => i.id)).toEqual([ids[1], ids[0], ids[3], ids[2]]);
    expect(filters.length).toBeGreaterThan(0);
    for (const filter of filters) {
      expect(Object.keys(filter), JSON.stringify(filter)).toEqual(['listKeys']);
      expect(typeof filter.listKeys).toBe('string');
    }
  });

  it('gives letters written by an older version their keys at start-up', async () => {
    await OutgoingLetterModel.collection.updateMany(
      {},
      {
        $unset: {
          drafterUserId: '',
          drafterPositionId: '',
          replyToLetterId: '',
          listKeys: '',
          registerKeys: '',
        },
      },
    );
    expect((await listed(staftu, { box: 'mine' })).total).toBe(0);
    expect((await listed(staftu, { box: 'all' })).total).toBe(0);
    const result = await backfillOutgoingKeys({ force: true });
    expect(result.updated).toBe(4);
    expect((await listed(staftu, { box: 'mine' })).total).toBe(4);
    expect((await listed(staftu, { box: 'all' })).total).toBe(4);
    expect((await backfillOutgoingKeys({ force: true })).updated).toBe(0);
  });
});
