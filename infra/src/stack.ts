import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess, type ManagedProcess } from './child.ts';
import { startFerretDb } from './ferretdb.ts';
import { migrateSqliteData } from './migrate-sqlite.ts';
import { freePort, waitForPort } from './ports.ts';
import { startPostgres, type PostgresCluster } from './postgres.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface StackOptions {
  /** Where the database and object files live (data/ for the embedded default, a temp dir in tests). */
  dataDir: string;
  /** Where server logs go; inherited stdio when absent. */
  logDir?: string;
  /** A test run's stack: the PostgreSQL cluster runs without fsync and is removed by stop(). */
  throwaway?: boolean;
}

export interface Stack {
  /** Environment for the API and the OCR worker: MONGODB_URI, FERRETDB_POSTGRESQL_URL
   * (embedded engine only) and S3_*. */
  env: Record<string, string>;
  describe(): string[];
  /** Stops the database (FerretDB; PostgreSQL behind it keeps running) so health must turn
   * 503; restartDatabase() brings it back on the same port. */
  stopDatabase(): Promise<void>;
  restartDatabase(): Promise<void>;
  stop(): Promise<void>;
  /** Last resort when no async work can run any more (process exit, a signal the runner
   * exits on at once): SIGKILLs the stack's own children (FerretDB, s3rver) synchronously;
   * the PostgreSQL watchdog stops the cluster once this process is gone. */
  killNow(): void;
}

const S3_KEY = 'S3RVER';

/** Node arguments that run s3-server.ts. s3rver makes the continuation token of every
 * truncated listing (more than 1,000 keys) with single DES, which OpenSSL 3 keeps in its
 * legacy provider: without this flag such listings answer HTTP 500 (orphan sweeps, backups,
 * sign repair failed once a bucket held many thousand objects). s3-server.ts refuses to start
 * without it. */
export function s3ServerArgs(directory: string, port: number): string[] {
  return [
    '--openssl-legacy-provider',
    path.join(repoRoot, 'infra/src/s3-server.ts'),
    directory,
    String(port),
  ];
}

/** Starts the MongoDB-wire and S3-wire servers the system needs, unless the environment
 * already points at real ones (MONGODB_URI, S3_ENDPOINT). The embedded database is
 * FerretDB's PostgreSQL handler over a private cluster in <dataDir>/postgres; a data/
 * folder of the old SQLite default is migrated into it first (migrate-sqlite.ts). */
export async function startStack(options: StackOptions): Promise<Stack> {
  const env: Record<string, string> = {};
  const lines: string[] = [];
  let database: ManagedProcess | undefined;
  let postgres: PostgresCluster | undefined;
  let restartDb: (() => Promise<ManagedProcess>) | undefined;

  if (process.env.MONGODB_URI) {
    env.MONGODB_URI = process.env.MONGODB_URI;
    if (process.env.FERRETDB_POSTGRESQL_URL)
      env.FERRETDB_POSTGRESQL_URL = process.env.FERRETDB_POSTGRESQL_URL;
    lines.push(`database: ${redact(process.env.MONGODB_URI)} (from MONGODB_URI)`);
  } else if (process.env.FERRETDB_BIN) {
    const binary = process.env.FERRETDB_BIN;
    if (!options.throwaway)
      await migrateSqliteData({
        dataDir: options.dataDir,
        ferretBinary: binary,
        logDir: options.logDir,
      });
    const clusterDir = path.join(options.dataDir, 'postgres');
    postgres = await startPostgres({ dir: clusterDir, throwaway: options.throwaway ?? false });
    const backend = {
      handler: 'postgresql' as const,
      url: postgres.url,
      stateDir: path.join(options.dataDir, 'ferretdb-state'),
    };
    try {
      const db = await startFerretDb(binary, backend, options.logDir);
      database = db.process;
      env.MONGODB_URI = db.uri;
      restartDb = async () =>
        (await startFerretDb(binary, backend, options.logDir, db.port)).process;
      lines.push(`database: FerretDB (PostgreSQL ${clusterDir}) on ${db.uri}`);
    } catch (error) {
      await postgres.stop();
      throw error;
    }
    env.FERRETDB_POSTGRESQL_URL = postgres.url;
  } else {
    throw new Error(
      'no database: set MONGODB_URI or run through infra/lontar.sh, which builds FerretDB',
    );
  }

  let objects: ManagedProcess | undefined;
  if (process.env.S3_ENDPOINT) {
    for (const key of ['S3_ENDPOINT', 'S3_ACCESS_KEY', 'S3_SECRET_KEY', 'S3_BUCKET', 'S3_REGION']) {
      const value = process.env[key];
      if (value) env[key] = value;
    }
    lines.push(`objects: ${process.env.S3_ENDPOINT} (from S3_ENDPOINT)`);
  } else {
    const dir = path.join(options.dataDir, 's3');
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      objects = startProcess('s3rver', process.execPath, s3ServerArgs(dir, port), {
        logDir: options.logDir,
      });
      try {
        await waitForPort(port, 20_000, objects.alive);
        env.S3_ENDPOINT = `http://127.0.0.1:${port}`;
        break;
      } catch (error) {
        await objects.stop();
        if (attempt >= 3) {
          // Leave nothing running behind a failed start (the cluster most of all).
          await database?.stop();
          await postgres?.stop();
          throw new Error(`s3rver did not start: ${(error as Error).message}`, { cause: error });
        }
      }
    }
    env.S3_ACCESS_KEY = S3_KEY;
    env.S3_SECRET_KEY = S3_KEY;
    lines.push(`objects: s3rver on ${env.S3_ENDPOINT} (${dir})`);
  }

  return {
    env,
    describe: () => lines,
    async stopDatabase() {
      await database?.stop();
    },
    async restartDatabase() {
      if (!restartDb) throw new Error('database is external; cannot restart it');
      database = await restartDb();
    },
    async stop() {
      // FerretDB first: PostgreSQL's fast shutdown would cut its connections anyway.
      await Promise.all([database?.stop(), objects?.stop()]);
      await postgres?.stop();
    },
    killNow() {
      for (const child of [database, objects]) if (child?.alive()) child.child.kill('SIGKILL');
    },
  };
}

function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}
