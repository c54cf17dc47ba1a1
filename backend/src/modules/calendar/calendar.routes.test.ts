import { describe, expect, it } from 'vitest';
import { loginAs, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { seedHolidays } from './calendar.seed.ts';

const ctx = await createTestContext();
await seedDemoOrganisation();
await seedHolidays();

describe('holiday calendar API', () => {
  it('lists a year for any logged-in user', async () => {
    const staff = await loginAs(ctx, 'staftu');
    const response = await staff.get('/api/calendar/holidays').query({ year: 2026 });
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(25);
    expect(response.body.items[0]).toEqual({
      date: '2026-01-01',
      name: 'Tahun Baru 2026 Masehi',
      kind: 'libur_nasional',
      estimated: false,
      source: 'seed',
    });
    expect((await ctx.request().get('/api/calendar/holidays').query({ year: 2026 })).status).toBe(
      401,
    );
  });

  it('lets only admins add, correct and remove days', async () => {
    const admin = await loginAs(ctx, 'admin');
    const staff = await loginAs(ctx, 'staftu');
    const day = {
      date: '2026-09-01',
      name: 'Hari Jadi Provinsi Lampung (uji)',
      kind: 'libur_daerah',
    };
    expect((await staff.post('/api/calendar/holidays').send(day)).status).toBe(403);
    const created = await admin.post('/api/calendar/holidays').send(day);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...day, source: 'admin', estimated: false });
    expect((await admin.post('/api/calendar/holidays').send(day)).status).toBe(409);

    const estimate = await admin
      .patch('/api/calendar/holidays/2027-03-10')
      .send({ name: 'Idulfitri 1448 Hijriah (SKB)' });
    expect(estimate.body).toMatchObject({ estimated: false, name: 'Idulfitri 1448 Hijriah (SKB)' });
    expect((await staff.delete('/api/calendar/holidays/2026-09-01')).status).toBe(403);
    expect((await admin.delete('/api/calendar/holidays/2026-09-01')).status).toBe(204);
    expect((await admin.delete('/api/calendar/holidays/2026-09-01')).status).toBe(404);
  });

  it('refuses impossible dates and short names with 400', async () => {
    const admin = await loginAs(ctx, 'admin');
    const bad = await admin
      .post('/api/calendar/holidays')
      .send({ date: '2026-02-30', name: 'Tidak ada', kind: 'libur_nasional' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].message).toMatch(/TTTT-BB-HH/);
    expect(
      (
        await admin
          .post('/api/calendar/holidays')
          .send({ date: '2026-10-02', name: 'x', kind: 'libur_nasional' })
      ).status,
    ).toBe(400);
  });
});
