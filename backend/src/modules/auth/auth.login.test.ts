import { beforeAll, describe, expect, it } from 'vitest';
import { actorFor, loginAs, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { AuditEventModel } from '../audit/audit.model.ts';
import { UserModel } from '../org/org.model.ts';
import { LoginThrottleModel, SessionModel } from './auth.model.ts';

describe('login, session and me', async () => {
  const ctx = await createTestContext();
  beforeAll(async () => {
    await seedDemoOrganisation();
  });

  it('logs in with the demo password and answers with user, positions, csrf token and an httpOnly cookie', async () => {
    const agent = ctx.request();
    const response = await agent
      .post('/api/auth/login')
      .send({ username: 'kabagtu', password: 'lontar-demo' });
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ username: 'kabagtu', roles: ['pejabat'] });
    expect(response.body.user.positions).toEqual([
      expect.objectContaining({
        key: 'kabagtu',
        title: 'Kepala Bagian Tata Usaha',
        acting: false,
        unitCode: 'B.UM.1',
      }),
    ]);
    expect(response.body.user).not.toHaveProperty('passwordHash');
    expect(response.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/lontar_session=[A-Za-z0-9_-]{30,}/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);

    const me = await agent.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('kabagtu');
    expect(me.body.csrfToken).toBe(response.body.csrfToken);
    const login = await AuditEventModel.findOne({ action: 'auth.login', actorUsername: 'kabagtu' });
    expect(login?.actorPositionTitle).toBe('Kepala Bagian Tata Usaha');
  });

  it('ends the previous session of the same browser when logging in again', async () => {
    const agent = await loginAs(ctx, 'asisten1');
    const before = await SessionModel.countDocuments();
    const again = await agent
      .post('/api/auth/login')
      .send({ username: 'asisten1', password: 'lontar-demo' });
    expect(again.status).toBe(200);
    expect(await SessionModel.countDocuments()).toBe(before);
  });

  it('answers 401 on /me without a session', async () => {
    const response = await ctx.request().get('/api/auth/me');
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a wrong password and an unknown user with the same answer and similar work', async () => {
    const wrong = await ctx
      .request()
      .post('/api/auth/login')
      .send({ username: 'sekda', password: 'salah-sekali' });
    const unknown = await ctx
      .request()
      .post('/api/auth/login')
      .send({ username: 'tidak-ada', password: 'salah-sekali' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    // Both paths run one argon2 verification: compare the median of a few timings.
    const time = async (username: string) => {
      const started = performance.now();
      await ctx.request().post('/api/auth/login').send({ username, password: 'salah-lagi-ya' });
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    await LoginThrottleModel.deleteMany({});
    const known = median([await time('asisten1'), await time('asisten1'), await time('asisten1')]);
    await LoginThrottleModel.deleteMany({});
    const missing = median([await time('nobody1'), await time('nobody1'), await time('nobody1')]);
    await LoginThrottleModel.deleteMany({});
    // Without the dummy hash an unknown name answers in ~1 ms against ~30–60 ms; the bounds
    // are wide because the test machine's CPUs are shared.
    expect(missing).toBeGreaterThan(known * 0.25);
    expect(missing).toBeLessThan(known * 4);
  });

  it('refuses a deactivated user like a wrong password', async () => {
    await UserModel.updateOne({ username: 'asisten3' }, { $set: { active: false } });
    const response = await ctx
      .request()
      .post('/api/auth/login')
      .send({ username: 'asisten3', password: 'lontar-demo' });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('INVALID_CREDENTIALS');
    await UserModel.updateOne({ username: 'asisten3' }, { $set: { active: true } });
  });

  it('validates the login body in Bahasa Indonesia', async () => {
    const response = await ctx.request().post('/api/auth/login').send({ username: '' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('logs out: the session stops working and the cookie is cleared', async () => {
    const agent = await loginAs(ctx, 'karoumum');
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    const out = await agent.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/lontar_session=;/);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });

  it('lets users change their own e-mail and phone, and nothing else', async () => {
    const agent = await loginAs(ctx, 'staftu');
    const changed = await agent
      .patch('/api/auth/me')
      .send({ email: 'staf.tu@lampungprov.example', phone: '0812 3456 7890', roles: ['admin'] });
    expect(changed.status).toBe(200);
    expect(changed.body.user).toMatchObject({
      email: 'staf.tu@lampungprov.example',
      phone: '0812 3456 7890',
      roles: ['pejabat'],
    });
    expect((await agent.patch('/api/auth/me').send({ email: 'bukan-email' })).status).toBe(400);
    const history = await agent.get(`/api/audit/records/user/${agent.user.id}`);
    expect(history.body.items.map((e: { action: string }) => e.action)).toContain(
      'auth.profile_update',
    );
  });

  it('builds actors for service-level tests', async () => {
    const actor = await actorFor('arsiparis');
    expect(actor.roles).toEqual(['arsiparis']);
    expect(actor.clearance).toBe('R');
  });
});
