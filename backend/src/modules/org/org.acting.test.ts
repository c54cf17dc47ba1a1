import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type supertest from 'supertest';
import { bearerFor, loginAs, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { shiftClock } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { buildActor } from '../auth/actor.service.ts';
import { findPositionByKey, findUserByUsername } from './org.service.ts';

const DAY = 24 * 3_600_000;

describe('acting officials (Plt/Plh)', async () => {
  const ctx = await createTestContext();
  // A bearer token, not a session: the tests move the clock days ahead.
  let admin: supertest.Agent;
  const restores: Array<() => void> = [];
  beforeAll(async () => {
    await seedDemoOrganisation();
    admin = ctx.request().set('Authorization', await bearerFor('admin'));
  });
  afterEach(() => {
    while (restores.length) restores.pop()!();
  });

  it('gives the acting user the second position only between its dates, and audits as "Plh."', async () => {
    const kabagtu = await findUserByUsername('kabagtu');
    const karoumum = await findPositionByKey('karoumum');
    const startsAt = new Date(Date.now() + 1 * DAY);
    const endsAt = new Date(Date.now() + 4 * DAY);
    const created = await admin.post('/api/admin/assignments').send({
      userId: String(kabagtu!._id),
      positionId: String(karoumum!._id),
      kind: 'plh',
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      note: 'Kepala Biro Umum cuti tahunan',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      acting: true,
      actingKind: 'plh',
      status: 'upcoming',
      positionTitle: 'Kepala Biro Umum',
    });

    const keys = async () =>
      (await loginAs(ctx, 'kabagtu')).user.positions.map((p) => `${p.key}${p.acting ? '*' : ''}`);
    expect(await keys()).toEqual(['kabagtu']);
    restores.push(shiftClock(2 * DAY));
    expect(await keys()).toEqual(['kabagtu', 'karoumum*']);
    const me = await (await loginAs(ctx, 'kabagtu')).get('/api/auth/me');
    expect(me.body.user.positions[1]).toMatchObject({
      displayTitle: 'Plh. Kepala Biro Umum',
      actingKind: 'plh',
    });

    const actor = await buildActor(kabagtu!._id, 'session');
    const event = await recordAudit({
      actor,
      action: 'disposition.create',
      recordType: 'disposition',
      recordId: 'd-1',
      positionId: String(karoumum!._id),
    });
    expect(event.actorPositionTitle).toBe('Plh. Kepala Biro Umum');

    // The position's holders list shows both while the Plh lasts.
    const position = await admin.get(`/api/org/positions/${karoumum!._id}`);
    expect(position.body.holders.map((h: { acting: boolean }) => h.acting)).toEqual([false, true]);

    restores.push(shiftClock(3 * DAY)); // day 5: past endsAt
    expect(await keys()).toEqual(['kabagtu']);
  });

  it('refuses overlapping or reversed ranges and a position the user already holds', async () => {
    const kabagtu = await findUserByUsername('kabagtu');
    const karoumum = await findPositionByKey('karoumum');
    const kabagtuPosition = await findPositionByKey('kabagtu');
    const base = { userId: String(kabagtu!._id), positionId: String(karoumum!._id), kind: 'plh' };
    const overlap = await admin.post('/api/admin/assignments').send({
      ...base,
      startsAt: new Date(Date.now() + 2 * DAY).toISOString(),
      endsAt: new Date(Date.now() + 10 * DAY).toISOString(),
    });
    expect(overlap.status).toBe(409);
    const reversed = await admin.post('/api/admin/assignments').send({
      ...base,
      startsAt: new Date(Date.now() + 20 * DAY).toISOString(),
      endsAt: new Date(Date.now() + 19 * DAY).toISOString(),
    });
    expect(reversed.status).toBe(400);
    const own = await admin.post('/api/admin/assignments').send({
      ...base,
      positionId: String(kabagtuPosition!._id),
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + DAY).toISOString(),
    });
    expect(own.status).toBe(409);
  });

  it('ends a running assignment now and cancels one that has not started', async () => {
    const staftu = await findUserByUsername('staftu');
    const kabagrt = await findPositionByKey('kabagrt');
    const running = await admin.post('/api/admin/assignments').send({
      userId: String(staftu!._id),
      positionId: String(kabagrt!._id),
      kind: 'plt',
      startsAt: new Date(Date.now() - DAY).toISOString(),
      endsAt: new Date(Date.now() + 30 * DAY).toISOString(),
    });
    expect(running.body.status).toBe('current');
    const staf = await loginAs(ctx, 'staftu');
    expect(staf.user.positions.map((p) => p.key)).toEqual(['staftu-1', 'kabagrt']);
    expect((await admin.delete(`/api/admin/assignments/${running.body.id}`)).status).toBe(204);
    expect((await loginAs(ctx, 'staftu')).user.positions.map((p) => p.key)).toEqual(['staftu-1']);
    const listed = await admin
      .get('/api/admin/assignments')
      .query({ acting: 'true', userId: String(staftu!._id) });
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: running.body.id, status: 'past' }),
    ]);

    const future = await admin.post('/api/admin/assignments').send({
      userId: String(staftu!._id),
      positionId: String(kabagrt!._id),
      kind: 'plh',
      startsAt: new Date(Date.now() + 40 * DAY).toISOString(),
      endsAt: new Date(Date.now() + 41 * DAY).toISOString(),
    });
    expect((await admin.delete(`/api/admin/assignments/${future.body.id}`)).status).toBe(204);
    const after = await admin
      .get('/api/admin/assignments')
      .query({ userId: String(staftu!._id), status: 'upcoming' });
    expect(after.body.items).toEqual([]);
  });
});
