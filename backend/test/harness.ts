import { randomBytes } from 'node:crypto';
import type Koa from 'koa';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { afterAll, inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { startServices } from '../src/bootstrap.ts';
import { loadConfig, type Config } from '../src/config.ts';
import type { Services } from '../src/services.ts';

export interface TestContext {
  services: Services;
  app: Koa;
  /** A fresh client without cookies. */
  request: () => supertest.Agent;
  config: Config;
}

/** Connects this test file to its own database and bucket on the shared test servers, and
 * drops the database afterwards. Real servers, no mocks (design.md §3). */
export async function createTestContext(
  overrides: Partial<Record<string, string>> = {},
): Promise<TestContext> {
  const suffix = randomBytes(5).toString('hex');
  const config = loadConfig({
    ...inject('stackEnv'),
    LONTAR_MODE: 'test',
    LOG_LEVEL: 'silent',
    MONGODB_DB: `t_${suffix}`,
    S3_BUCKET: `t-${suffix}`,
    ...overrides,
  });
  const services = await startServices('test', config);
  const app = buildApp(services);
  const callback = app.callback();
  afterAll(async () => {
    await mongoose.connection.db?.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
  });
  return { services, app, config, request: () => supertest.agent(callback) };
}
