import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { loginAs, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { shiftClock } from '../../lib/clock.ts';
import { lettersStartupTask } from '../letters/letters.maintenance.ts';
import { archiveStartupTask } from './archive.startup.ts';
import { addYears, today } from './dates.ts';
import { resolveRetention, scheduleFrom, type RuleTable } from './retention.service.ts';
import { registerLetters, YEAR_MS } from './test-fixtures.ts';

const ctx = await createTestContext();
await seedDemoOrganisation();
await lettersStartupTask(ctx.services);
await archiveStartupTask(ctx.services);
// Sessions expire when the clock moves, so every shifted step logs in afresh.
const login = (username = 'arsiparis') => loginAs(ctx, username);
let arsiparis = await login();
const clerk = await login('agendaris');

const rule = (
  code: string,
  activeYears: number,
  inactiveYears: number,
  finalDisposition: 'musnah' | 'permanen' | 'dinilai_kembali',
) => [code, { code, activeYears, inactiveYears, finalDisposition, note: '' }] as const;

describe('retention arithmetic', () => {
  const rules: RuleTable = new Map([
    rule('100', 2, 3, 'musnah'),
    rule('100.3', 2, 5, 'dinilai_kembali'),
    rule('100.3.3.1', 2, 3, 'permanen'),
    rule('090', 5, 3, 'musnah'),
  ]);

  it('uses the code’s own row when it has one', () => {
    expect(resolveRetention('100.3.3.1', rules)).toMatchObject({
      sourceCode: '100.3.3.1',
      inherited: false,
      activeYears: 2,
      inactiveYears: 3,
      finalDisposition: 'permanen',
    });
  });

  it('inherits the nearest ancestor’s row down the tree', () => {
    expect(resolveRetention('100.3.3', rules)).toMatchObject({
      sourceCode: '100.3',
      inherited: true,
      finalDisposition: 'dinilai_kembali',
    });
    expect(resolveRetention('100.3.3.2', rules)).toMatchObject({
      sourceCode: '100.3',
      inherited: true,
    });
    expect(resolveRetention('100.2.1', rules)).toMatchObject({
      sourceCode: '100',
      activeYears: 2,
      inactiveYears: 3,
      finalDisposition: 'musnah',
    });
  });

  it('follows the mapping of an old-scheme code without a row of its own', () => {
    const mappings = new Map([['821', ['100.3.3.1']]]);
    expect(resolveRetention('821.2', rules, mappings)).toMatchObject({
      sourceCode: '100.3.3.1',
      inherited: true,
      finalDisposition: 'permanen',
    });
    expect(resolveRetention('090.1', rules, mappings)).toMatchObject({
      sourceCode: '090',
      activeYears: 5,
    });
    expect(resolveRetention('999.1', rules, mappings)).toBeNull();
  });

  it('counts active then inactive years from the closing date, keeping 29 February sane', () => {
    expect(scheduleFrom('2025-12-31', { activeYears: 2, inactiveYears: 3 })).toEqual({
      activeUntil: '2027-12-31',
      inactiveUntil: '2030-12-31',
    });
    expect(scheduleFrom('2024-02-29', { activeYears: 1, inactiveYears: 0 })).toEqual({
      activeUntil: '2025-02-28',
      inactiveUntil: '2025-02-28',
    });
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
  });
});

describe('JRA on the live system', () => {
  it('seeds the JRA samples of the domain and shows inherited rows', async () => {
    const buku = await arsiparis.get('/api/archive/retention/000.5.3.1');
    expect(buku.body.effective).toMatchObject({
      sourceCode: '000.5.3.1',
      inherited: false,
      activeYears: 2,
      inactiveYears: 3,
      finalDisposition: 'musnah',
    });
    const sk = await arsiparis.get('/api/archive/retention/100.3.3.1');
    expect(sk.body.effective).toMatchObject({
      activeYears: 2,
      inactiveYears: 3,
      finalDisposition: 'permanen',
    });
    const deeper = await arsiparis.get('/api/archive/retention/400.7.2');
    expect(deeper.body.effective).toMatchObject({ sourceCode: '400.7', inherited: true });
    const legacy = await arsiparis.get('/api/archive/retention/821.2');
    expect(legacy.body.effective).toMatchObject({ sourceCode: '800.1', inherited: true });
    const list = await arsiparis.get('/api/archive/retention?q=400.7');
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({
      code: '400.7',
      own: { activeYears: 2 },
      effective: { sourceCode: '400.7' },
    });
  });

  it('starts the clock when the berkas is closed, not at the letter date, and moves due dates when the JRA changes', async () => {
    const [a, b] = await registerLetters(clerk, 2, { classificationCode: '400.7' }, 1);
    const created = await arsiparis
      .post('/api/archive/berkas')
      .send({ classificationCode: '400.7', title: 'Koordinasi pelayanan kesehatan' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    const filed = await arsiparis.post(`/api/archive/berkas/${id}/items`).send({
      letters: [
        { type: 'incoming', id: a },
        { type: 'incoming', id: b },
      ],
    });
    expect(filed.body.filed).toHaveLength(2);

    // Close it 30 days from now: the due dates count from that day.
    const restore = shiftClock(30 * 86_400_000);
    let closed;
    try {
      closed = await (await login()).post(`/api/archive/berkas/${id}/close`).send({});
      expect(closed.status, JSON.stringify(closed.body)).toBe(200);
      expect(closed.body.closedOn).toBe(today());
      expect(closed.body.activeUntil).toBe(addYears(today(), 2));
      expect(closed.body.inactiveUntil).toBe(addYears(today(), 5));
      expect(closed.body.retention).toMatchObject({
        sourceCode: '400.7',
        activeYears: 2,
        inactiveYears: 3,
        finalDisposition: 'musnah',
      });
    } finally {
      restore();
    }

    // An override on 400.7 moves the berkas under it.
    arsiparis = await login();
    const override = await arsiparis
      .put('/api/archive/retention/400.7')
      .send({ activeYears: 1, inactiveYears: 9, finalDisposition: 'permanen', note: 'Uji' });
    expect(override.status).toBe(200);
    expect(override.body.recomputed).toBe(1);
    const after = await arsiparis.get(`/api/archive/berkas/${id}`);
    expect(after.body.activeUntil).toBe(addYears(closed.body.closedOn, 1));
    expect(after.body.inactiveUntil).toBe(addYears(closed.body.closedOn, 10));
    expect(after.body.finalDisposition).toBe('permanen');

    // Removing the override makes it inherit 400 again.
    const removed = await arsiparis.delete('/api/archive/retention/400.7');
    expect(removed.body.effective).toMatchObject({ sourceCode: '400', inherited: true });
    const inherited = await arsiparis.get(`/api/archive/berkas/${id}`);
    expect(inherited.body.retention.sourceCode).toBe('400');

    // The dashboard shows it due for transfer only once active retention has run out.
    const now = await arsiparis.get('/api/archive/dashboard');
    expect(now.body.counts.transfer).toBe(0);
    const later = shiftClock(3 * YEAR_MS);
    try {
      const due = await (await login()).get('/api/archive/dashboard');
      expect(due.body.counts.transfer).toBe(1);
      expect(due.body.byUnit[0]).toMatchObject({ counts: { transfer: 1 } });
    } finally {
      later();
    }
    arsiparis = await login();
    const ahead = await arsiparis.get(
      `/api/archive/dashboard?asOf=${addYears(closed.body.closedOn, 6)}`,
    );
    expect(ahead.body.counts).toMatchObject({ transfer: 0, disposal: 1 });
  });

  it('refuses to remove the only row a code can inherit from', async () => {
    const response = await arsiparis.delete('/api/archive/retention/400');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/tidak mempunyai induk/);
  });

  it('lets only archivists change the JRA', async () => {
    const kabag = await loginAs(ctx, 'kabagtu');
    const response = await kabag
      .put('/api/archive/retention/400.3')
      .send({ activeYears: 1, inactiveYears: 1, finalDisposition: 'musnah' });
    expect(response.status).toBe(403);
    const invalid = await arsiparis
      .put('/api/archive/retention/400.3')
      .send({ activeYears: -1, inactiveYears: 1, finalDisposition: 'hapus' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_FAILED');
  });
});
