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

/** One throwaway database server and object store for the whole run (unless the caller
 * already started them and passed MONGODB_URI / S3_ENDPOINT); each test file then takes
 * its own database and bucket (test/harness.ts). */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lontar-test-'));
  let stack: Stack | undefined;
  try {
    stack = await startStack({ dataDir, logDir: path.join(dataDir, 'logs') });
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
