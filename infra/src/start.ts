// The embedded default: database + object store + API + OCR worker + built frontend on one
// machine, data under data/. Run through `bash infra/lontar.sh start`.
import path from 'node:path';
import { startProcess, type ManagedProcess } from './child.ts';
import { repoRoot, startStack } from './stack.ts';

const dataDir = path.resolve(process.env.LONTAR_DATA_DIR ?? path.join(repoRoot, 'data'));
const port = process.env.PORT ?? '8080';
const host = process.env.HOST ?? '127.0.0.1';

const stack = await startStack({ dataDir, logDir: path.join(dataDir, 'logs') }).catch(
  (error: Error) => {
    // A refusal (cluster in use, migration failed) is for the operator, not a stack trace.
    console.error(`[lontar] cannot start: ${error.message}`);
    process.exit(1);
  },
);
const env = {
  ...process.env,
  ...stack.env,
  LONTAR_MODE: process.env.LONTAR_MODE ?? 'embedded',
  PORT: port,
  HOST: host,
  FRONTEND_DIST: path.join(repoRoot, 'frontend/dist'),
  LONTAR_DATA_DIR: dataDir,
};

const children: ManagedProcess[] = [
  startProcess('api', process.execPath, [path.join(repoRoot, 'backend/src/server.ts')], { env }),
  startProcess('worker', process.execPath, [path.join(repoRoot, 'backend/src/worker.ts')], { env }),
];

for (const line of stack.describe()) console.log(`[lontar] ${line}`);
console.log(`[lontar] data: ${dataDir}`);
console.log(`[lontar] Lontar: http://${host}:${port}  (Ctrl+C to stop)`);

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('[lontar] stopping…');
  await Promise.all(children.map((child) => child.stop(15_000)));
  await stack.stop();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
for (const child of children) {
  child.child.once('exit', (code) => {
    if (!stopping) {
      console.error(`[lontar] ${child.name} exited (code ${code}); stopping the system`);
      void shutdown(1);
    }
  });
}
