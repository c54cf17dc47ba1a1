import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startProcess, type ManagedProcess } from '@lontar/infra/child';
import { freePort } from '@lontar/infra/ports';
import { repoRoot, startStack, type Stack } from '@lontar/infra/stack';
import { loadConfig, type Config } from '../src/config.ts';
import { createLogger } from '../src/lib/logger.ts';
import { ObjectStore } from '../src/lib/storage.ts';
import type { Services } from '../src/services.ts';

/**
 * The real system as separate processes, for the fault and hostile-input suites: a
 * throwaway FerretDB + s3rver (a stack of its own, so killing things never disturbs other
 * test files), API processes started from backend/src/server.ts and OCR workers from
 * worker.ts, each on its own port and log file. The test process itself connects to the
 * same database to check invariants after the fact.
 */
export interface RunningProcess {
  name: string;
  url: string;
  port: number;
  managed: ManagedProcess;
  /** SIGKILL: no shutdown handler runs, in-flight requests die mid-way. */
  kill(): Promise<void>;
}

export interface System {
  stack: Stack;
  dataDir: string;
  logDir: string;
  env: Record<string, string>;
  config: Config;
  startApi(
    name: string,
    options?: { port?: number; env?: Record<string, string> },
  ): Promise<RunningProcess>;
  startWorker(name: string, env?: Record<string, string>): RunningProcess;
  /** Connects this (test) process to the system's database for checks. */
  connect(): Promise<Services>;
  log(name: string): string;
  stop(): Promise<void>;
}

export async function startSystem(extraEnv: Record<string, string> = {}): Promise<System> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lontar-system-'));
  const logDir = path.join(dataDir, 'logs');
  const stack = await startStack({ dataDir, logDir, throwaway: true });
  const env: Record<string, string> = {
    ...stack.env,
    LONTAR_MODE: 'embedded',
    MONGODB_DB: 'lontar',
    S3_BUCKET: 'lontar',
    HOST: '127.0.0.1',
    LONTAR_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    SEARCH_POLL_MS: '200',
    ...extraEnv,
  };
  const config = loadConfig(env);
  const processes: RunningProcess[] = [];

  const track = (name: string, managed: ManagedProcess, port: number): RunningProcess => {
    const running: RunningProcess = {
      name,
      url: `http://127.0.0.1:${port}`,
      port,
      managed,
      async kill() {
        if (!managed.alive()) return;
        const exited = new Promise((resolve) => managed.child.once('exit', resolve));
        managed.child.kill('SIGKILL');
        await exited;
      },
    };
    processes.push(running);
    return running;
  };

  return {
    stack,
    dataDir,
    logDir,
    env,
    config,
    async startApi(name, options = {}) {
      const port = options.port ?? (await freePort());
      const managed = startProcess(
        name,
        process.execPath,
        [path.join(repoRoot, 'backend/src/server.ts')],
        {
          env: { ...process.env, ...env, PORT: String(port), ...options.env },
          logDir,
        },
      );
      const running = track(name, managed, port);
      await waitForHealthy(running, logDir);
      return running;
    },
    startWorker(name, workerEnv = {}) {
      const managed = startProcess(
        name,
        process.execPath,
        [path.join(repoRoot, 'backend/src/worker.ts')],
        {
          env: { ...process.env, ...env, ...workerEnv },
          logDir,
        },
      );
      return track(name, managed, 0);
    },
    async connect() {
      if (mongoose.connection.readyState !== 1) {
        await mongoose.connect(config.MONGODB_URI, {
          dbName: config.MONGODB_DB,
          serverSelectionTimeoutMS: 5000,
        });
      }
      const storage = new ObjectStore({
        endpoint: config.S3_ENDPOINT,
        accessKey: config.S3_ACCESS_KEY,
        secretKey: config.S3_SECRET_KEY,
        bucket: config.S3_BUCKET,
        region: config.S3_REGION,
      });
      return { config, logger: createLogger('silent'), storage, version: 'test' };
    },
    log(name) {
      try {
        return readFileSync(path.join(logDir, `${name}.log`), 'utf8');
      } catch {
        return '';
      }
    },
    async stop() {
      await Promise.all(processes.map((p) => p.managed.stop(3000)));
      await mongoose.disconnect().catch(() => undefined);
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function waitForHealthy(
  api: Pick<RunningProcess, 'url' | 'managed' | 'name'>,
  logDir: string,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 100; Date.now() < deadline; delay = Math.min(delay * 2, 500)) {
    if (!api.managed.alive())
      throw new Error(`${api.name} exited during start; see ${logDir}/${api.name}.log`);
    try {
      const response = await fetch(`${api.url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  throw new Error(`${api.name} did not become healthy; see ${logDir}/${api.name}.log`);
}

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** A browser-like client over fetch: keeps the session cookie, sends the CSRF token. A
 * request the server never answered (killed, refused) rejects with a NetworkError. */
export class Client {
  baseUrl: string;
  cookie = '';
  csrf = '';

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  async login(username: string, password = 'lontar-demo'): Promise<this> {
    const answer = await this.send('POST', '/api/auth/login', { json: { username, password } });
    if (answer.status !== 200)
      throw new Error(`login ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
    this.csrf = answer.body.csrfToken;
    return this;
  }

  async send(
    method: string,
    url: string,
    options: {
      json?: unknown;
      form?: FormData;
      raw?: { body: BodyInit; type?: string };
      headers?: Record<string, string>;
      timeoutMs?: number;
    } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    } else if (options.form) {
      body = options.form;
    } else if (options.raw) {
      body = options.raw.body;
      if (options.raw.type) headers['content-type'] = options.raw.type;
    }
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${url}`, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      throw new NetworkError(`${method} ${url}: ${(error as Error).message}`, { cause: error });
    }
    const setCookie = response.headers.getSetCookie();
    for (const line of setCookie) {
      const match = /^lontar_session=([^;]*)/.exec(line);
      if (match) this.cookie = match[1] ? `lontar_session=${match[1]}` : '';
    }
    const text = await response.text().catch(() => '');
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }
}

export class NetworkError extends Error {}

/** A multipart form with a `data` JSON part and file parts (as the registration form sends). */
export function letterForm(
  data: Record<string, unknown> | string,
  files: Array<{ body: Buffer; name: string; type?: string }>,
): FormData {
  const form = new FormData();
  form.append('data', typeof data === 'string' ? data : JSON.stringify(data));
  for (const file of files)
    form.append(
      'files',
      new Blob([new Uint8Array(file.body)], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    );
  return form;
}
