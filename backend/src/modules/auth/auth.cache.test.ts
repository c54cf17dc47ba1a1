import mongoose from 'mongoose';
import supertest from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, DEMO_PASSWORD, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';
import { AssignmentModel } from '../org/org.model.ts';
import { findPositionByKey, findUserByUsername } from '../org/org.service.ts';
import { ActorCache } from './actor-cache.ts';

/** The actor cache of each API process must never outlive a revocation or an org change.
 * Two apps built on the same database stand for two API replicas: each has its own cache. */
describe('actor cache across API processes', async () => {
  const ctx = await createTestContext();
  const other = buildApp(ctx.services).callback();
  const apps = { a: () => ctx.request(), b: () => supertest.agent(other) };
  let admin: string;
  beforeAll(async () => {
    await seedDemoOrganisation();
    admin = await bearerFor('admin');
  });

  /** Logs in on app A; returns a caller that sends the cookie to either app. */
  async function session(username: string, password = DEMO_PASSWORD) {
    const login = await apps.a().post('/api/auth/login').send({ username, password });
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']![0]).split(';')[0]!;
    const csrf = login.body.csrfToken as string;
    return {
      get: (app: 'a' | 'b', path: string) => apps[app]().get(path).set('Cookie', cookie),
      post: (app: 'a' | 'b', path: string) =>
        apps[app]().post(path).set('Cookie', cookie).set('X-CSRF-Token', csrf),
    };
  }
  const positionKeys = (body: { user: { positions: Array<{ key: string; acting: boolean }> } }) =>
    body.user.positions.map((p) => `${p.key}${p.acting ? '*' : ''}`);

  it('ends a logged-out session at once in the other process', async () => {
    const s = await session('staftu');
    // Both processes have the actor cached now.
    expect((await s.get('a', '/api/auth/me')).status).toBe(200);
    expect((await s.get('b', '/api/auth/me')).status).toBe(200);
    expect((await s.get('b', '/api/auth/me')).status).toBe(200);
    expect((await s.post('a', '/api/auth/logout')).status).toBe(204);
    expect((await s.get('b', '/api/auth/me')).status).toBe(401);
    expect((await s.get('a', '/api/auth/me')).status).toBe(401);
  });

  it('ends the sessions of a deactivated user at once in every process', async () => {
    const s = await session('asisten3');
    expect((await s.get('a', '/api/auth/me')).status).toBe(200);
    expect((await s.get('b', '/api/auth/me')).status).toBe(200);
    const user = await findUserByUsername('asisten3');
    const off = await apps
      .a()
      .patch(`/api/admin/users/${user!._id}`)
      .set('Authorization', admin)
      .send({ active: false });
    expect(off.status).toBe(200);
    expect((await s.get('b', '/api/auth/me')).status).toBe(401);
    expect((await s.get('a', '/api/auth/me')).status).toBe(401);
    await apps
      .a()
      .patch(`/api/admin/users/${user!._id}`)
      .set('Authorization', admin)
      .send({ active: true })
      .expect(200);
  });

  it('ends other sessions on a password change made in the other process', async () => {
    const first = await session('karohukum');
    const second = await session('karohukum');
    expect((await first.get('a', '/api/auth/me')).status).toBe(200);
    expect((await second.get('a', '/api/auth/me')).status).toBe(200);
    const changed = await second
      .post('b', '/api/auth/password')
      .send({ currentPassword: DEMO_PASSWORD, newPassword: 'Rahasia-Biro-Hukum-2026' });
    expect(changed.status).toBe(200);
    expect((await first.get('a', '/api/auth/me')).status).toBe(401);
    expect((await second.get('a', '/api/auth/me')).status).toBe(401);
  });

  it('shows a new acting (Plh) assignment, a role change and an ended assignment on the next request of either process', async () => {
    const s = await session('kabagtu');
    const user = await findUserByUsername('kabagtu');
    const karoumum = await findPositionByKey('karoumum');
    expect(positionKeys((await s.get('a', '/api/auth/me')).body)).toEqual(['kabagtu']);
    expect(positionKeys((await s.get('b', '/api/auth/me')).body)).toEqual(['kabagtu']);

    const created = await apps
      .b()
      .post('/api/admin/assignments')
      .set('Authorization', admin)
      .send({
        userId: String(user!._id),
        positionId: String(karoumum!._id),
        kind: 'plh',
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
    expect(created.status).toBe(201);
    expect(positionKeys((await s.get('a', '/api/auth/me')).body)).toEqual(['kabagtu', 'karoumum*']);
    expect(positionKeys((await s.get('b', '/api/auth/me')).body)).toEqual(['kabagtu', 'karoumum*']);

    const roles = await apps
      .a()
      .patch(`/api/admin/users/${user!._id}`)
      .set('Authorization', admin)
      .send({ roles: ['pejabat', 'arsiparis'] });
    expect(roles.status).toBe(200);
    expect((await s.get('b', '/api/auth/me')).body.user.roles).toEqual(['pejabat', 'arsiparis']);

    await apps
      .a()
      .delete(`/api/admin/assignments/${created.body.id}`)
      .set('Authorization', admin)
      .expect(204);
    expect(positionKeys((await s.get('b', '/api/auth/me')).body)).toEqual(['kabagtu']);
    expect(positionKeys((await s.get('a', '/api/auth/me')).body)).toEqual(['kabagtu']);
  });

  it('sees an assignment written straight through the model (seeds, repairs) on the next request', async () => {
    const s = await session('staftu');
    expect(positionKeys((await s.get('b', '/api/auth/me')).body)).toEqual(['staftu-1']);
    const user = await findUserByUsername('staftu');
    const kabagtu = await findPositionByKey('kabagtu');
    const created = await AssignmentModel.create({
      userId: user!._id,
      positionId: kabagtu!._id,
      acting: true,
      actingKind: 'plt',
      startsAt: new Date(Date.now() - 60_000),
      endsAt: new Date(Date.now() + 86_400_000),
    });
    expect(positionKeys((await s.get('b', '/api/auth/me')).body)).toEqual(['staftu-1', 'kabagtu*']);
    await AssignmentModel.deleteOne({ _id: created._id });
    expect(positionKeys((await s.get('b', '/api/auth/me')).body)).toEqual(['staftu-1']);
  });

  it('stops a revoked API token at once in the other process', async () => {
    const s = await session('asisten1');
    const made = await s.post('a', '/api/auth/tokens').send({ name: 'replika' });
    expect(made.status).toBe(201);
    const bearer = `Bearer ${made.body.secret}`;
    expect((await apps.b().get('/api/auth/me').set('Authorization', bearer)).status).toBe(200);
    expect((await apps.b().get('/api/auth/me').set('Authorization', bearer)).status).toBe(200);
    const revoked = await apps
      .a()
      .delete(`/api/auth/tokens/${made.body.token.id}`)
      .set('Authorization', bearer);
    expect(revoked.status).toBe(200);
    expect((await apps.b().get('/api/auth/me').set('Authorization', bearer)).status).toBe(401);
  });

  it('answers GET /api/auth/me from a cached actor with two indexed reads', async () => {
    const s = await session('sekda');
    expect((await s.get('a', '/api/auth/me')).status).toBe(200);
    const commands: Array<{ collection: string; method: string; filter: unknown }> = [];
    mongoose.set('debug', (collection: string, method: string, filter: unknown) => {
      commands.push({ collection, method, filter });
    });
    try {
      expect((await s.get('a', '/api/auth/me')).status).toBe(200);
    } finally {
      mongoose.set('debug', false);
    }
    expect(commands.map((c) => `${c.collection}.${c.method}`).sort()).toEqual([
      'auth_epochs.findOne',
      'auth_sessions.findOne',
    ]);
    expect(commands.map((c) => Object.keys(c.filter as object))).toEqual(
      expect.arrayContaining([['_id'], ['tokenHash']]),
    );
  });
});

describe('ActorCache', () => {
  const entry = (epoch: string, builtAt: number, expiresAt: number) => ({
    base: {
      userId: 'u',
      username: 'u',
      name: 'U',
      roles: [],
      clearance: 'B' as const,
      positions: [],
    },
    user: {} as never,
    epoch,
    builtAt,
    expiresAt,
  });

  it('stays bounded, evicting the least recently used entry', () => {
    const cache = new ActorCache({ maxEntries: 3, ttlMs: 5_000 });
    for (let i = 0; i < 10; i += 1) cache.set(`s:${i}`, entry('e', 1_000, 6_000));
    expect(cache.size).toBe(3);
    expect(cache.get('s:7', 'e', 2_000)).not.toBeNull();
    cache.set('s:10', entry('e', 1_000, 6_000));
    expect(cache.size).toBe(3);
    expect(cache.get('s:7', 'e', 2_000)).not.toBeNull(); // used recently: kept
    expect(cache.get('s:8', 'e', 2_000)).toBeNull(); // least recently used: evicted
  });

  it('never returns an entry of another epoch, past its end, or from a clock moved back', () => {
    const cache = new ActorCache();
    cache.set('k', entry('e1', 1_000, 6_000));
    expect(cache.get('k', 'e2', 2_000)).toBeNull();
    expect(cache.size).toBe(0);
    cache.set('k', entry('e1', 1_000, 6_000));
    expect(cache.get('k', 'e1', 6_000)).toBeNull();
    cache.set('k', entry('e1', 1_000, 6_000));
    expect(cache.get('k', 'e1', 999)).toBeNull();
  });
});
