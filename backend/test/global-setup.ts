import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStack, type Stack } from '@lontar/infra/stack';

declare module 'vitest' {
  export interface ProvidedContext {
    stackEnv: Record<string, string>;
  }
}

/** One throwaway database server (FerretDB's PostgreSQL handler over a throwaway
 * PostgreSQL cluster, the embedded engine) and object store for the whole run, unless the
 * caller already started them and passed MONGODB_URI / S3_ENDPOINT; each test file then
 * takes its own database and bucket (test/harness.ts). stackEnv carries MONGODB_URI,
 * FERRETDB_POSTGRESQL_URL and S3_*. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lontar-test-'));
  let stack: Stack | undefined;
  try {
    stack = await startStack({ dataDir, logDir: path.join(dataDir, 'logs'), throwaway: true });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('stackEnv', stack.env);
  return async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
