import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startStack } from '@lontar/infra/stack';
import { createTestContext } from './harness.ts';

// A stack of its own, so stopping its database does not disturb other test files.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lontar-outage-'));
const stack = await startStack({ dataDir, logDir: path.join(dataDir, 'logs'), throwaway: true });
afterAll(async () => {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

describe('health through a database outage', () => {
  it('turns 503 naming the database while it is down and returns to 200 by itself', async () => {
    // A ping slower than the 2 s default on a busy machine is not an outage: 15 s here.
    const { request } = await createTestContext({ ...stack.env, HEALTH_TIMEOUT_MS: '15000' });
    expect((await request().get('/api/health')).status).toBe(200);

    await stack.stopDatabase();
    const down = await request().get('/api/health');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'degraded', database: 'unavailable', storage: 'ok' });

    await stack.restartDatabase();
    const recovered = await eventually(
      async () => (await request().get('/api/health')).status === 200,
      90_000,
    );
    expect(recovered).toBe(true);
  });
});
