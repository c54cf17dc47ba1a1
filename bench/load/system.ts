// The system under load: the embedded stack (PostgreSQL + FerretDB + s3rver, as `start`)
// over one practice data folder, and the API as its own process. No OCR worker: the load
// scenarios do not wait for OCR, and a worker reading the registrations' 1 MB scans would
// bill its CPU to the scenarios after them (the OCR pipeline has its own bench).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../infra/src/ports.ts';
import { repoRoot, startStack, type Stack } from '../../infra/src/stack.ts';

export interface RunningSystem {
  url: string;
  apiPid: number;
  env: Record<string, string>;
  /** Seconds from spawning the API to its first healthy answer (start-up tasks included). */
  startSeconds: number;
  /** Server-side durations (the API's request log `ms`) logged since `mark`. */
  serverMs(mark: number): number[];
  logMark(): number;
  /** CPU seconds so far of the API, FerretDB and the PostgreSQL processes of this data folder. */
  cpu(): Record<string, number>;
  stop(): Promise<void>;
}

/** `apiRoot`: the tree whose API is started (another version of the code, for a before/after
 * run on the same data); the stack (PostgreSQL, FerretDB, object storage) is this checkout's. */
export async function startSystem(
  dataDir: string,
  apiRoot: string = repoRoot,
): Promise<RunningSystem> {
  const logDir = path.join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const stack: Stack = await startStack({ dataDir, logDir });
  const port = await freePort();
  const env = {
    ...(process.env as Record<string, string>),
    ...stack.env,
    LONTAR_MODE: 'embedded',
    LONTAR_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
  };
  const logFile = path.join(logDir, `api-bench-${Date.now()}.log`);
  const out = createWriteStream(logFile);
  const api: ChildProcess = spawn(process.execPath, [path.join(apiRoot, 'backend/src/server.ts')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logText = '';
  for (const stream of [api.stdout!, api.stderr!])
    stream.on('data', (chunk: Buffer) => {
      out.write(chunk);
      logText += chunk.toString('utf8');
    });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  try {
    for (;;) {
      if (api.exitCode !== null)
        throw new Error(`API exited during start (${api.exitCode}); see ${logFile}`);
      try {
        const answer = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
        if (answer.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() - started > 30 * 60_000) throw new Error('API did not start in 30 minutes');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } catch (error) {
    // Leave nothing running behind a failed start (the API, PostgreSQL, FerretDB, storage).
    api.kill('SIGTERM');
    out.end();
    await stack.stop();
    throw error;
  }
  const startSeconds = (Date.now() - started) / 1000;
  const ferretPid = findPid(dataDir, 'ferretdb');
  return {
    url,
    apiPid: api.pid!,
    env,
    startSeconds,
    logMark: () => logText.length,
    serverMs(mark) {
      const values: number[] = [];
      for (const line of logText.slice(mark).split('\n')) {
        if (!line.includes('"msg":"request"')) continue;
        try {
          values.push((JSON.parse(line) as { ms: number }).ms);
        } catch {
          // a partial line
        }
      }
      return values;
    },
    cpu() {
      return {
        api: cpuOf(api.pid!),
        ferretdb: ferretPid ? cpuOf(ferretPid) : 0,
        postgres: postgresCpu(dataDir),
      };
    },
    async stop() {
      api.kill('SIGTERM');
      await new Promise((resolve) =>
        api.exitCode !== null ? resolve(null) : api.once('exit', resolve),
      );
      out.end();
      await stack.stop();
    },
  };
}

function cmdlines(): Array<{ pid: number; cmd: string }> {
  const out: Array<{ pid: number; cmd: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      out.push({
        pid: Number(entry),
        cmd: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' '),
      });
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

function findPid(dataDir: string, name: string): number | undefined {
  return cmdlines().find((p) => p.cmd.includes(name) && p.cmd.includes(dataDir))?.pid;
}

export function cpuOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The postmaster of this data folder and its backends (children). */
function postgresCpu(dataDir: string): number {
  const master = cmdlines().find(
    (p) => p.cmd.includes('postgres') && p.cmd.includes(path.join(dataDir, 'postgres')),
  );
  if (!master) return 0;
  let total = cpuOf(master.pid);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(stat[1]) === master.pid) total += (Number(stat[11]) + Number(stat[12])) / 100;
    } catch {
      // ended meanwhile
    }
  }
  return total;
}
