import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { backfillAuditKeys } from './audit.backfill.ts';
import { browseAudit, type AuditBrowseQuery } from './audit.browse.ts';
import { AUDIT_KEY_FIELDS, auditKeys, AuditEventModel, AuditHeadModel } from './audit.model.ts';

await createTestContext({ LOG_LEVEL: process.env.TEST_LOG ?? 'silent' });

/** A trail as the seed writes it (insertMany, keys from the model hook): one busy month for
 * one clerk (more events than a month read returns), then half a year of quieter days. */
const CLERK = '64b0000000000000000000a1';
const ADMIN = '64b0000000000000000000a2';
/** A month read returns at most this many here (1,000 in the product). */
const MONTH_READ = 100;
const BUSY = MONTH_READ + 50;
const TOTAL = BUSY + 300;
const march = Date.UTC(2026, 2, 1);
type Draft = {
  seq: number;
  at: Date;
  actorUserId: string | null;
  action: string;
  recordType: string;
};
const drafts: Draft[] = Array.from({ length: TOTAL }, (_, i) => {
  const seq = i + 1;
  const busy = seq <= BUSY;
  return {
    seq,
    at: new Date(
      busy ? march + seq * 4 * 3_600_000 : march + 30 * 86_400_000 + (seq - BUSY) * 12 * 3_600_000,
    ),
    actorUserId: busy || seq % 3 === 1 ? CLERK : seq % 3 === 2 ? ADMIN : null,
    action:
      seq % 2 === 0 ? 'incoming.register' : seq % 5 === 0 ? 'org.user.update' : 'incoming.correct',
    recordType: seq % 2 === 0 ? 'incoming-letter' : 'user',
  };
});
await AuditEventModel.insertMany(
  drafts.map((d) => ({
    ...d,
    actorUsername: d.actorUserId ? 'someone' : 'system',
    actorName: d.actorUserId ? 'Seseorang' : 'Sistem',
    via: d.actorUserId ? 'session' : 'system',
    recordId: `R${d.seq % 17}`,
    prevHash: 'x',
    hash: `h${d.seq}`,
  })),
);
await AuditHeadModel.create({ _id: 'head', seq: TOTAL, hash: `h${TOTAL}` });

async function allPages(query: Omit<AuditBrowseQuery, 'page' | 'pageSize'>, pageSize: number) {
  const seqs: number[] = [];
  let total = -1;
  for (let page = 1; page < 500; page++) {
    const result = await browseAudit({ ...query, page, pageSize }, { monthRead: MONTH_READ });
    total = result.total;
    if (result.items.length === 0) break;
    seqs.push(...result.items.map((e) => e.seq));
  }
  return { seqs, total };
}
const expected = (keep: (d: Draft) => boolean) =>
  drafts
    .filter(keep)
    .map((d) => d.seq)
    .reverse();

describe('audit screen by access keys', () => {
  it('gives appended events their keys through the model hook', async () => {
    const event = await AuditEventModel.findOne({ seq: 250 }).lean();
    expect(event).toMatchObject(auditKeys({ ...drafts[249]!, recordId: `R${250 % 17}` }));
    expect(event!.seqBucket).toBe(2);
  });

  it('pages the whole trail newest first by seq buckets: no repeats, no gaps', async () => {
    const { seqs, total } = await allPages({}, 70);
    expect(seqs).toEqual(expected(() => true));
    expect(total).toBe(TOTAL);
  });

  it('pages one actor through a busy month a day at a time and quiet months whole', async () => {
    const { seqs, total } = await allPages({ userId: CLERK }, 45);
    expect(seqs).toEqual(expected((d) => d.actorUserId === CLERK));
    expect(total).toBe(seqs.length);
  });

  it('pages one action and one action group', async () => {
    const exact = await allPages({ action: 'org.user.update' }, 13);
    expect(exact.seqs).toEqual(expected((d) => d.action === 'org.user.update'));
    const group = await allPages({ action: 'incoming.' }, 200);
    expect(group.seqs).toEqual(expected((d) => d.action.startsWith('incoming.')));
    expect(group.total).toBe(group.seqs.length);
  });

  it('turns a date range into a range of seq, and filters the rest on the buckets it reads', async () => {
    const from = new Date(Date.UTC(2026, 2, 10));
    const to = new Date(Date.UTC(2026, 7, 1));
    const inRange = (d: Draft) => d.at >= from && d.at < to;
    const range = await allPages({ from: from.toISOString(), to: to.toISOString() }, 33);
    expect(range.seqs).toEqual(expected(inRange));
    expect(range.total).toBe(range.seqs.length);
    const typed = await allPages(
      { recordType: 'user', from: from.toISOString(), to: to.toISOString() },
      33,
    );
    expect(typed.seqs).toEqual(expected((d) => inRange(d) && d.recordType === 'user'));
    const record = await allPages({ recordId: 'R5', recordType: 'user' }, 10);
    expect(record.seqs).toEqual(expected((d) => d.seq % 17 === 5 && d.recordType === 'user'));
  });
});

describe('start-up backfill of the audit keys', () => {
  it('gives events of older versions their keys once', async () => {
    const unset = Object.fromEntries(AUDIT_KEY_FIELDS.map((f) => [f, '']));
    await AuditEventModel.collection.updateMany({ seq: { $gt: TOTAL - 150 } }, { $unset: unset });
    expect((await browseAudit({ page: 1, pageSize: 10 })).items).toHaveLength(0);
    expect(await backfillAuditKeys({ force: true })).toEqual({ scanned: TOTAL, updated: 150 });
    expect((await browseAudit({ page: 1, pageSize: 10 })).items.map((e) => e.seq)).toEqual(
      expected(() => true).slice(0, 10),
    );
    expect((await backfillAuditKeys({ force: true })).updated).toBe(0);
    expect((await backfillAuditKeys()).scanned).toBe(0);
  });
});
