import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startProcess, type ManagedProcess } from '@lontar/infra/child';
import { freePort } from '@lontar/infra/ports';
import { repoRoot, startStack, type Stack } from '@lontar/infra/stack';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    artifactsDir: string;
  }
}

/** The whole system as a user meets it: throwaway database and object store, the API in
 * embedded mode (demo organisation and users seeded) serving the built frontend, and the
 * OCR worker. Each e2e run starts from an empty database. */
export default async function setup(project: TestProject) {
  // E2E_FRONTEND_DIST: a build of one's own (`vite build --outDir <dir>`), so that another
  // engineer's build into frontend/dist cannot swap the SPA's files under a running e2e file.
  const distDir = process.env.E2E_FRONTEND_DIST ?? path.join(repoRoot, 'frontend/dist');
  const dist = path.join(distDir, 'index.html');
  if (!existsSync(dist))
    throw new Error(`${distDir} is missing: run \`pnpm --filter @lontar/frontend build\` first`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lontar-e2e-'));
  const logDir = path.join(dataDir, 'logs');
  let stack: Stack | undefined;
  const processes: ManagedProcess[] = [];

  // Whatever was started is stopped again on every way out: the teardown vitest calls, a
  // failed start (an API that does not come up left an orphaned s3rver behind once), and
  // SIGINT/SIGTERM, on which vitest exits within a millisecond, so nothing async can run
  // then: the children are killed synchronously (the PostgreSQL watchdog, infra/src/
  // postgres.ts, stops the cluster once this process is gone).
  const killNow = () => {
    for (const p of processes) if (p.alive()) p.child.kill('SIGKILL');
    stack?.killNow();
    // The cluster's folder is the watchdog's to remove, after it stopped PostgreSQL.
    for (const entry of readdirSync(dataDir))
      if (entry !== 'postgres') rmSync(path.join(dataDir, entry), { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    killNow();
    // No one else listening (vitest not yet or no longer): die of the signal as usual.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', killNow);
  const stopAll = async () => {
    try {
      await Promise.allSettled(processes.map((p) => p.stop(10_000)));
      await stack?.stop();
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('exit', killNow);
    }
  };
  let finished: Promise<void> | undefined;
  const teardown = () =>
    (finished ??= stopAll().then(() => rmSync(dataDir, { recursive: true, force: true })));

  try {
    stack = await startStack({ dataDir, logDir, throwaway: true });
    const port = await freePort();
    const env = {
      ...process.env,
      ...stack.env,
      LONTAR_MODE: 'embedded',
      MONGODB_DB: 'lontar_e2e',
      PORT: String(port),
      HOST: '127.0.0.1',
      FRONTEND_DIST: distDir,
      LONTAR_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    };
    processes.push(
      startProcess('api', process.execPath, [path.join(repoRoot, 'backend/src/server.ts')], {
        env,
        logDir,
      }),
    );
    const workerEntry = path.join(repoRoot, 'backend/src/worker.ts');
    if (existsSync(workerEntry)) {
      processes.push(startProcess('worker', process.execPath, [workerEntry], { env, logDir }));
    }
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHealthy(baseUrl, processes[0]!, logDir);
    const artifactsDir = path.join(repoRoot, 'frontend/e2e/screenshots');
    project.provide('baseUrl', baseUrl);
    project.provide('artifactsDir', artifactsDir);
  } catch (error) {
    // The servers stop; dataDir stays, with the logs the error message points at.
    await stopAll().catch(() => undefined);
    throw error;
  }
  return teardown;
}

async function waitForHealthy(baseUrl: string, api: ManagedProcess, logDir: string): Promise<void> {
  // A fresh API creates every collection's indexes and their PostgreSQL mirrors before it
  // answers: seconds on a quiet machine, past 90 s at load 25 (seen twice). The loop returns
  // as soon as it is healthy and fails at once if the API exits, so the margin costs nothing.
  const deadline = Date.now() + 300_000;
  for (let delay = 100; Date.now() < deadline; delay = Math.min(delay * 2, 1000)) {
    if (!api.alive()) throw new Error(`the API exited during start; see ${logDir}/api.log`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  throw new Error(`the API did not become healthy; see ${logDir}/api.log`);
}
