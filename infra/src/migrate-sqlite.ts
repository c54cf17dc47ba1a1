// Moves a data/ folder of the old embedded default (FerretDB's SQLite handler, database
// files in data/ferretdb) onto the PostgreSQL engine, once, on the first `start`.
//
//   1. a new cluster is built in data/postgres.migrating (any earlier half-done one is
//      removed first: a cut-off migration is redone from the start);
//   2. FerretDB is started on the old SQLite files and on the new cluster, and
//      backend/src/cli/migrate-engine.ts copies every database through the backup/restore
//      module, checking each collection's count and content;
//   3. data/postgres.migrating/MIGRATED_FROM_SQLITE is written, the folder renamed to
//      data/postgres (the commit point), and data/ferretdb moved aside to
//      data/ferretdb-sqlite.migrated. The old files are never deleted.
// The object store (data/s3) is the same for both engines and stays where it is.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFerretDb, type DatabaseServer } from './ferretdb.ts';
import { isCluster, startPostgres } from './postgres.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface MigrationOptions {
  dataDir: string;
  ferretBinary: string;
  logDir?: string;
  /** Progress lines (the console for `start`). */
  log?: (line: string) => void;
}

const MARKER = 'MIGRATED_FROM_SQLITE';

/** True when the folder holds SQLite database files of FerretDB's SQLite handler. */
export function holdsSqliteData(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some(
    (name) => name.endsWith('.sqlite') && statSync(path.join(dir, name)).size > 0,
  );
}

/** Migrates when data/ferretdb holds SQLite data; returns whether anything was done. */
export async function migrateSqliteData(options: MigrationOptions): Promise<boolean> {
  const { dataDir, ferretBinary, logDir } = options;
  const log = options.log ?? ((line: string) => console.log(`[lontar] ${line}`));
  const legacy = path.join(dataDir, 'ferretdb');
  if (!holdsSqliteData(legacy)) return false;
  const cluster = path.join(dataDir, 'postgres');
  if (isCluster(cluster)) {
    if (!existsSync(path.join(cluster, MARKER)))
      throw new Error(
        `${dataDir} holds both a PostgreSQL cluster (postgres/) and SQLite data of the old default ` +
          '(ferretdb/) that was not migrated into it: move one of them out of the folder (docs/operations.md)',
      );
    // Cut off after the commit point: only the move aside is left to do.
    moveAside(legacy, dataDir, log);
    return true;
  }

  const staging = path.join(dataDir, 'postgres.migrating');
  const work = path.join(dataDir, 'migration-sqlite.work');
  rmSync(staging, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
  log(`migrating the SQLite database in ${legacy} to PostgreSQL (once; the old files are kept)`);
  const postgres = await startPostgres({ dir: staging, throwaway: false });
  const servers: DatabaseServer[] = [];
  try {
    const target = await startFerretDb(
      ferretBinary,
      { handler: 'postgresql', url: postgres.url, stateDir: path.join(dataDir, 'ferretdb-state') },
      logDir,
    );
    servers.push(target);
    const source = await startFerretDb(ferretBinary, { handler: 'sqlite', dir: legacy }, logDir);
    servers.push(source);
    await runMigrationCommand(source.uri, target.uri, work, log);
  } finally {
    await Promise.all(servers.map((server) => server.process.stop()));
    await postgres.stop();
  }
  writeFileSync(
    path.join(staging, MARKER),
    `${JSON.stringify({ from: legacy, at: new Date().toISOString() })}\n`,
  );
  renameSync(staging, cluster);
  moveAside(legacy, dataDir, log);
  rmSync(work, { recursive: true, force: true });
  return true;
}

function moveAside(legacy: string, dataDir: string, log: (line: string) => void): void {
  let target = path.join(dataDir, 'ferretdb-sqlite.migrated');
  for (let n = 2; existsSync(target); n++)
    target = path.join(dataDir, `ferretdb-sqlite.migrated-${n}`);
  renameSync(legacy, target);
  log(`migration done; the old SQLite files are kept in ${target} (delete them when satisfied)`);
}

function runMigrationCommand(
  from: string,
  to: string,
  work: string,
  log: (line: string) => void,
): Promise<void> {
  const script = path.join(repoRoot, 'backend/src/cli/migrate-engine.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, '--from', from, '--to', to, '--work', work], {
      cwd: path.join(repoRoot, 'backend'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      for (const line of text.split('\n')) if (line.trim()) log(line);
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => (errors += text));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`migrating the SQLite data failed (exit ${code}): ${errors.trim()}`)),
    );
  });
}
