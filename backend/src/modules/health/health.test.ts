import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';

describe('GET /api/health', () => {
  it('reports ok when the database and the object store answer', async () => {
    // A busy CI machine can delay a ping past the 2 s default; "ok" must not depend on load.
    const { request, services } = await createTestContext({ HEALTH_TIMEOUT_MS: '60000' });
    const response = await request().get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ok',
      database: 'ok',
      storage: 'ok',
      mail: 'disabled',
      version: services.version,
    });
    expect(response.headers['x-request-id']).toMatch(/.+/);
  });
});

describe('API errors', () => {
  it('answers unknown API paths with the error vocabulary in Bahasa Indonesia', async () => {
    const { request } = await createTestContext();
    const response = await request().get('/api/tidak-ada');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
    expect(response.body.error.message).toMatch(/tidak dikenal/);
  });

  it('refuses malformed JSON with 400 VALIDATION_FAILED', async () => {
    const { request } = await createTestContext();
    const response = await request()
      .post('/api/health')
      .set('Content-Type', 'application/json')
      .send('{"a":');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('serves an OpenAPI 3.1 document that lists the health route', async () => {
    const { request } = await createTestContext();
    const response = await request().get('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(response.body.paths['/api/health'].get.summary).toMatch(/Status layanan/);
  });

  it('sets security headers on every answer', async () => {
    const { request } = await createTestContext();
    const response = await request().get('/api/health');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('same-origin');
  });
});
