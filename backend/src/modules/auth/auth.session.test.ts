import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, loginAs, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { shiftClock } from '../../lib/clock.ts';
import { LoginThrottleModel } from './auth.model.ts';

describe('throttling, CSRF, expiry and revocation', async () => {
  const ctx = await createTestContext({ SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '8' });
  const restores: Array<() => void> = [];
  const shift = (ms: number) => restores.push(shiftClock(ms));
  beforeAll(async () => {
    await seedDemoOrganisation();
  });
  afterEach(async () => {
    while (restores.length) restores.pop()!();
    await LoginThrottleModel.deleteMany({});
  });

  const attempt = (username: string, password: string) =>
    ctx.request().post('/api/auth/login').send({ username, password });

  it('throttles a username after repeated failures with 429 and a retry time, then lets it in after the wait', async () => {
    for (let i = 0; i < 4; i += 1)
      expect((await attempt('sekda', 'bukan-sandinya')).status).toBe(401);
    const blocked = await attempt('sekda', 'lontar-demo');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(blocked.body.error.message).toMatch(/Coba lagi dalam \d+ detik .*WIB/);
    expect(blocked.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked.headers['retry-after']).toBeDefined();
    // The delay grows with each further failure.
    shift(16_000);
    expect((await attempt('sekda', 'bukan-sandinya')).status).toBe(401);
    const longer = await attempt('sekda', 'lontar-demo');
    expect(longer.body.error.details.retryAfterSeconds).toBeGreaterThan(15);
    shift(31_000);
    expect((await attempt('sekda', 'lontar-demo')).status).toBe(200);
    // Success reset the counter: three failures are free again.
    for (let i = 0; i < 3; i += 1)
      expect((await attempt('sekda', 'bukan-sandinya')).status).toBe(401);
    expect((await attempt('sekda', 'lontar-demo')).status).toBe(200);
  });

  it('throttles unknown usernames exactly like known ones', async () => {
    for (let i = 0; i < 4; i += 1)
      expect((await attempt('siapa-saja', 'x-salah-123')).status).toBe(401);
    expect((await attempt('siapa-saja', 'x-salah-123')).status).toBe(429);
  });

  it('throttles one client address that tries many usernames', async () => {
    for (let i = 0; i < 21; i += 1) await attempt(`tamu${i}`, 'x-salah-123');
    const blocked = await attempt('kabagtu', 'lontar-demo');
    expect(blocked.status).toBe(429);
  });

  it('requires the CSRF token on state-changing cookie requests', async () => {
    const agent = await loginAs(ctx, 'staftu');
    const plain = ctx.request();
    const without = await agent
      .post('/api/auth/tokens')
      .set('X-CSRF-Token', '')
      .send({ name: 'tanpa csrf' });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('CSRF_REJECTED');
    const wrong = await agent
      .post('/api/auth/tokens')
      .set('X-CSRF-Token', 'x'.repeat(32))
      .send({ name: 'salah' });
    expect(wrong.status).toBe(403);
    const right = await agent.post('/api/auth/tokens').send({ name: 'dengan csrf' });
    expect(right.status).toBe(201);
    expect((await plain.post('/api/auth/tokens').send({ name: 'anonim' })).status).toBe(401);
  });

  it('accepts bearer tokens without CSRF and scopes them to the owner', async () => {
    const bearer = await bearerFor('karohukum');
    const me = await ctx.request().get('/api/auth/me').set('Authorization', bearer);
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('karohukum');
    expect(me.body.csrfToken).toBeNull();
    const created = await ctx
      .request()
      .post('/api/auth/tokens')
      .set('Authorization', bearer)
      .send({ name: 'integrasi' });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^lontar_/);
    // Non-admins cannot create tokens for others.
    const other = await ctx
      .request()
      .post('/api/auth/tokens')
      .set('Authorization', bearer)
      .send({
        name: 'x',
        userId: me.body.user.id.replace(/.$/, (c: string) => (c === '0' ? '1' : '0')),
      });
    expect([403, 404]).toContain(other.status);
    const bad = await ctx
      .request()
      .get('/api/auth/me')
      .set('Authorization', 'Bearer lontar_tidakada');
    expect(bad.status).toBe(401);
  });

  it('stops a revoked or expired token', async () => {
    const agent = await loginAs(ctx, 'asisten1');
    const created = await agent
      .post('/api/auth/tokens')
      .send({ name: 'sebentar', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    const bearer = `Bearer ${created.body.secret}`;
    expect((await ctx.request().get('/api/auth/me').set('Authorization', bearer)).status).toBe(200);
    shift(2 * 3_600_000);
    expect((await ctx.request().get('/api/auth/me').set('Authorization', bearer)).status).toBe(401);
    restores.pop()!();
    const list = await agent.get('/api/auth/tokens');
    expect(list.body.items.map((t: { name: string }) => t.name)).toContain('sebentar');
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
    const revoked = await agent.delete(`/api/auth/tokens/${created.body.token.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.active).toBe(false);
    expect((await ctx.request().get('/api/auth/me').set('Authorization', bearer)).status).toBe(401);
  });

  it('ends a session after the idle limit, and keeps it alive while used', async () => {
    const agent = await loginAs(ctx, 'kabagtu');
    shift(20 * 60_000);
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    shift(20 * 60_000); // 40 minutes since login, 20 since last use
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    shift(31 * 60_000);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });

  it('answers the session probe with 200 whether or not anyone is logged in (no 401 noise)', async () => {
    const visitor = await ctx.request().get('/api/auth/session');
    expect(visitor.status).toBe(200);
    expect(visitor.body).toEqual({ current: null });
    const agent = await loginAs(ctx, 'kabagtu');
    const probe = await agent.get('/api/auth/session');
    expect(probe.status).toBe(200);
    expect(probe.body.current.user.username).toBe('kabagtu');
    expect(probe.body.current.csrfToken).toBe(agent.csrfToken);
    shift(31 * 60_000); // idle limit passed: the session is gone, still no 401
    const expired = await agent.get('/api/auth/session');
    expect(expired.status).toBe(200);
    expect(expired.body.current).toBeNull();
  });

  it('ends a session at the absolute limit however active it is', async () => {
    const agent = await loginAs(ctx, 'kabagtu');
    // Used every 25 minutes (inside the 30-minute idle limit) for 7 h 55 min...
    for (let step = 0; step < 19; step += 1) {
      shift(25 * 60_000);
      expect((await agent.get('/api/auth/me')).status).toBe(200);
    }
    // ...and refused once 8 hours have passed since login.
    shift(25 * 60_000);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });

  it('ends every other session on password change and keeps the caller logged in with a new cookie', async () => {
    const first = await loginAs(ctx, 'karoumum');
    const second = await loginAs(ctx, 'karoumum');
    const weak = await first
      .post('/api/auth/password')
      .send({ currentPassword: 'lontar-demo', newPassword: 'pendek' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/minimal 10 karakter/);
    const wrongCurrent = await first
      .post('/api/auth/password')
      .send({ currentPassword: 'salah-salah', newPassword: 'Rahasia-Biro-Umum-2026' });
    expect(wrongCurrent.status).toBe(400);
    const changed = await first
      .post('/api/auth/password')
      .send({ currentPassword: 'lontar-demo', newPassword: 'Rahasia-Biro-Umum-2026' });
    expect(changed.status).toBe(200);
    expect(changed.body.csrfToken).not.toBe(first.csrfToken);
    first.set('X-CSRF-Token', changed.body.csrfToken);
    expect((await first.get('/api/auth/me')).status).toBe(200);
    expect((await second.get('/api/auth/me')).status).toBe(401);
    expect((await attempt('karoumum', 'lontar-demo')).status).toBe(401);
    expect((await attempt('karoumum', 'Rahasia-Biro-Umum-2026')).status).toBe(200);
  });
});
