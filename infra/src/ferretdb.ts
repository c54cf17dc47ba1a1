import { mkdirSync } from 'node:fs';
import { startProcess, type ManagedProcess } from './child.ts';
import { freePort, waitForPort } from './ports.ts';

export interface DatabaseServer {
  uri: string;
  port: number;
  process: ManagedProcess;
}

/** What FerretDB keeps its data in: the PostgreSQL handler for everything we run; the
 * SQLite handler only to read a data/ folder of the old default once, to migrate it
 * (migrate-sqlite.ts). */
export type FerretBackend =
  { handler: 'postgresql'; url: string; stateDir: string } | { handler: 'sqlite'; dir: string };

/**
 * FerretDB's pool of PostgreSQL connections. Its own default is 50, and its findAndModify
 * keeps one connection while it waits for a second: once 50 of them wait at once, they wait
 * for each other for good (a CI run hung so; backend/test/database-pool.test.ts). Every
 * client process keeps to 16 connections (backend lib/db.ts DATABASE_POOL_SIZE); 80 leaves
 * room for five such processes at full load (a test run's workers and the racers they
 * spawn, or the API, the OCR worker and a CLI), below PostgreSQL's max_connections.
 */
export const FERRETDB_POSTGRES_POOL = 80;

function withPoolSize(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('pool_max_conns'))
    parsed.searchParams.set('pool_max_conns', String(FERRETDB_POSTGRES_POOL));
  return parsed.toString();
}

function ferretArgs(port: number, backend: FerretBackend): string[] {
  const storage =
    backend.handler === 'postgresql'
      ? [
          '--handler=postgresql',
          `--postgresql-url=${withPoolSize(backend.url)}`,
          `--state-dir=${backend.stateDir}`,
        ]
      : ['--handler=sqlite', `--sqlite-url=file:${backend.dir}/`, `--state-dir=${backend.dir}`];
  return [
    `--listen-addr=127.0.0.1:${port}`,
    ...storage,
    '--telemetry=disable',
    '--log-level=warn',
    '--debug-addr=-',
  ];
}

/** Starts FerretDB 1.x on a loopback port (design.md §3): the given port (a restart) or a
 * free one, retrying when another process grabbed it first. */
export async function startFerretDb(
  binary: string,
  backend: FerretBackend,
  logDir?: string,
  fixedPort?: number,
): Promise<DatabaseServer> {
  mkdirSync(backend.handler === 'postgresql' ? backend.stateDir : backend.dir, {
    recursive: true,
  });
  const name = backend.handler === 'postgresql' ? 'ferretdb' : 'ferretdb-sqlite';
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await freePort());
    const proc = startProcess(name, binary, ferretArgs(port, backend), { logDir });
    try {
      await waitForPort(port, 30_000, proc.alive);
      return { uri: `mongodb://127.0.0.1:${port}/`, port, process: proc };
    } catch (error) {
      await proc.stop();
      if (attempt >= 3)
        throw new Error(`FerretDB did not start: ${(error as Error).message}`, { cause: error });
    }
  }
}
