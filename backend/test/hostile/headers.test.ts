import { PassThrough } from 'node:stream';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoOrganisation } from '../auth-helpers.ts';
import { createTestContext } from '../harness.ts';
import { buildApp } from '../../src/app.ts';
import { createLogger } from '../../src/lib/logger.ts';

/** Security headers on every kind of answer, session cookie flags, and no secret in the
 * logs. Production mode (HSTS, Secure cookies) with a logger whose output the test reads. */
const ctx = await createTestContext({ LONTAR_MODE: 'production' });
await seedDemoOrganisation();
const lines: string[] = [];
const sink = new PassThrough();
sink.on('data', (chunk: Buffer) =>
  lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)),
);
const services = { ...ctx.services, logger: createLogger('trace', { process: 'test' }, sink) };
const app = buildApp(services).callback();
const request = () => supertest.agent(app);
const embedded = buildApp({
  ...ctx.services,
  config: { ...ctx.config, LONTAR_MODE: 'embedded' },
}).callback();

function expectSecurityHeaders(headers: Record<string, string>, production = true) {
  const csp = headers['content-security-policy'] ?? '';
  const script =
    csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('script-src')) ?? '';
  expect(script).toBe("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['x-frame-options']).toBe('DENY');
  if (production) expect(headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
  else expect(headers['strict-transport-security']).toBeUndefined();
}

describe('security headers and cookies', () => {
  it('sends CSP without inline scripts, nosniff, referrer policy, frame-ancestors and HSTS on every kind of answer', async () => {
    for (const response of [
      await request().get('/api/health'),
      await request().get('/api/openapi.json'),
      await request().get('/api/tidak-ada'),
      await request().get('/api/incoming-letters'),
      await request()
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"rusak":'),
    ]) {
      expectSecurityHeaders(response.headers as Record<string, string>);
    }
    // HSTS only where TLS is promised (production); the embedded box serves plain HTTP.
    expectSecurityHeaders(
      (await supertest(embedded).get('/api/health')).headers as Record<string, string>,
      false,
    );
  });

  it('sets the session cookie HttpOnly, Secure and SameSite, and clears it the same way', async () => {
    const agent = request();
    const login = await agent
      .post('/api/auth/login')
      .send({ username: 'agendaris', password: DEMO_PASSWORD });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/^lontar_session=[^;]{20,};/);
    for (const flag of ['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/'])
      expect(cookie).toContain(flag);
    expect(cookie).not.toMatch(/Expires|Max-Age/); // a browser-session cookie
    // Over plain HTTP the client keeps a Secure cookie to itself, so it is sent by hand.
    const session = /lontar_session=[^;]+/.exec(cookie)![0];
    const logout = await agent
      .post('/api/auth/logout')
      .set('Cookie', session)
      .set('X-CSRF-Token', login.body.csrfToken);
    expect(logout.status).toBeLessThan(300);
    const cleared = String(logout.headers['set-cookie']);
    for (const flag of ['HttpOnly', 'Secure', 'SameSite=Lax']) expect(cleared).toContain(flag);
  });
});

describe('logs', () => {
  it('never contain passwords, session tokens, CSRF tokens, API tokens or storage keys', async () => {
    lines.length = 0;
    const secrets: string[] = [
      DEMO_PASSWORD,
      'Salah-Sandi-Rahasia-77',
      'Sandi-Baru-Yang-Panjang-2026',
      ctx.config.S3_SECRET_KEY,
    ];
    const agent = request();
    await agent
      .post('/api/auth/login')
      .send({ username: 'agendaris', password: 'Salah-Sandi-Rahasia-77' });
    const login = await agent
      .post('/api/auth/login')
      .send({ username: 'agendaris', password: DEMO_PASSWORD });
    const session = /lontar_session=([^;]+)/.exec(String(login.headers['set-cookie']))![1]!;
    secrets.push(session, login.body.csrfToken);
    // Over plain HTTP the client keeps a Secure cookie to itself, so it is sent by hand.
    agent.set('X-CSRF-Token', login.body.csrfToken).set('Cookie', `lontar_session=${session}`);
    await agent.post('/api/auth/password').send({
      currentPassword: 'Salah-Sandi-Rahasia-77',
      newPassword: 'Sandi-Baru-Yang-Panjang-2026',
    });
    const token = await agent.post('/api/auth/tokens').send({ name: 'uji log', expiresAt: null });
    expect(token.status, JSON.stringify(token.body)).toBeLessThan(300);
    secrets.push(token.body.secret);
    await request().get('/api/auth/me').set('Authorization', `Bearer ${token.body.secret}`);
    await request()
      .get('/api/auth/me')
      .set('Authorization', 'Bearer lontar_tebakan_token_yang_salah_123456');
    await request().get('/api/auth/me').set('Cookie', `lontar_session=${session}`);

    expect(lines.length).toBeGreaterThan(5);
    const log = lines.join('\n');
    for (const secret of secrets)
      expect(log.includes(secret), `a secret (${secret.slice(0, 4)}…) reached the log`).toBe(false);
    expect(log).not.toContain('lontar_tebakan_token_yang_salah');
    // Every line is JSON with a request id (for tracing without secrets).
    for (const line of lines.filter((l) => l.includes('"msg":"request"')))
      expect(JSON.parse(line).requestId).toBeTruthy();
  });
});
