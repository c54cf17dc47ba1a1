// The private PostgreSQL cluster behind FerretDB's PostgreSQL handler (design.md §3).
//
// Layout of a cluster folder (data/postgres for `start`, a temp folder in tests):
//   pgdata/         PGDATA (initdb'd into pgdata.init first, so a cut-off initdb is redone)
//   run/            the unix socket (TCP on 127.0.0.1 is what FerretDB uses)
//   password        the superuser's password (mode 0600)
//   postgres.log    the server log
//   owner           PID and start time of the process that started it (see clearStaleServer)
// PostgreSQL refuses to run as root: when we are root the folder belongs to the `postgres`
// OS user and every PostgreSQL binary runs through `runuser -u postgres --`.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports.ts';

const exec = promisify(execFile);

export interface PostgresOptions {
  /** The cluster folder (see the layout above). */
  dir: string;
  /** A test cluster: fsync off, small buffers, the whole folder removed by stop(). */
  throwaway: boolean;
}

export interface PostgresCluster {
  /** postgres:// URL of the database FerretDB keeps its data in. */
  url: string;
  port: number;
  /** Clean shutdown (pg_ctl stop -m fast); removes the folder of a throwaway cluster. */
  stop(): Promise<void>;
}

const SUPERUSER = 'lontar';
const DATABASE = 'lontar';
/** A unix socket path longer than this (sun_path is 108 bytes) cannot be bound. */
const MAX_SOCKET_PATH = 100;

/** Settings for the embedded default on the reference box (24 GB RAM, 2 cores, shared with
 * FerretDB, the API and the OCR worker). Rewritten on every start, so a new version's
 * settings apply; an operator overrides them with ALTER SYSTEM (postgresql.auto.conf wins). */
function settings(throwaway: boolean): string[] {
  const common = [
    "listen_addresses = '127.0.0.1'",
    // FerretDB takes up to 80 (ferretdb.ts FERRETDB_POSTGRES_POOL); the rest is for the
    // index mirror's connection (backend lib/ferretdb-index-mirror.ts), psql and tests.
    'max_connections = 120',
    'effective_io_concurrency = 100',
    'random_page_cost = 1.1',
    // FerretDB sends the field name as a query parameter (`_jsonb->$1 @> $2`); a generic plan
    // cannot match that to the mirrored expression indexes, only a custom plan can.
    'plan_cache_mode = force_custom_plan',
    'max_worker_processes = 4',
    'max_parallel_workers = 2',
    'max_parallel_workers_per_gather = 1',
    'max_parallel_maintenance_workers = 1',
    "log_min_messages = 'warning'",
    "log_min_error_statement = 'panic'",
    "log_line_prefix = '%m [%p] '",
    "timezone = 'UTC'",
  ];
  if (throwaway)
    return [
      ...common,
      // A test cluster dies with the test run: durability buys nothing there.
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      'shared_buffers = 128MB',
      'work_mem = 16MB',
      'maintenance_work_mem = 128MB',
      'max_wal_size = 1GB',
    ];
  return [
    ...common,
    'shared_buffers = 2GB',
    'effective_cache_size = 12GB',
    'work_mem = 32MB',
    'maintenance_work_mem = 512MB',
    'wal_compression = on',
    'max_wal_size = 4GB',
    'min_wal_size = 256MB',
    'checkpoint_timeout = 15min',
    'checkpoint_completion_target = 0.9',
    // FerretDB never updates in place (no HOT updates): keep autovacuum brisk.
    'autovacuum_vacuum_scale_factor = 0.05',
    'autovacuum_analyze_scale_factor = 0.02',
  ];
}

/** The folder with initdb/pg_ctl: PG_BIN (set by infra/bootstrap.sh), else the newest
 * /usr/lib/postgresql/<major>/bin. An existing cluster needs its own major version. */
export function postgresBinDir(clusterMajor?: string): string {
  const base = '/usr/lib/postgresql';
  if (clusterMajor) {
    const own = path.join(base, clusterMajor, 'bin');
    if (existsSync(path.join(own, 'pg_ctl'))) return own;
    throw new Error(
      `the PostgreSQL cluster was made by PostgreSQL ${clusterMajor}, whose binaries (${own}) are missing: ` +
        'install that version, or upgrade the cluster with pg_upgrade (docs/operations.md)',
    );
  }
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(path.join(fromEnv, 'initdb'))) return fromEnv;
  const majors = existsSync(base)
    ? readdirSync(base)
        .filter((name) => existsSync(path.join(base, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length === 0)
    throw new Error(
      "no PostgreSQL server binaries: run through infra/lontar.sh, which installs Debian's postgresql",
    );
  return path.join(base, majors[0]!, 'bin');
}

const asRoot = process.getuid?.() === 0;
let postgresIds: { uid: number; gid: number } | undefined;

/** uid/gid of the `postgres` OS user (Debian's package creates it). */
async function ownerIds(): Promise<{ uid: number; gid: number }> {
  if (!postgresIds) {
    const { stdout } = await exec('getent', ['passwd', 'postgres']).catch(() => {
      throw new Error(
        'running as root, but there is no `postgres` OS user to run PostgreSQL as (apt-get install postgresql creates it)',
      );
    });
    const fields = stdout.trim().split(':');
    postgresIds = { uid: Number(fields[2]), gid: Number(fields[3]) };
  }
  return postgresIds;
}

/** Runs a PostgreSQL binary as the cluster's owner. */
async function pg(
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ stdout: string; stderr: string }> {
  const options = { env: { ...process.env, ...env }, cwd: '/', timeout: 120_000 };
  return asRoot
    ? exec('runuser', ['-u', 'postgres', '--', bin, ...args], options)
    : exec(bin, args, options);
}

/** Makes a file or folder belong to the cluster's owner (a no-op unless we are root). */
async function own(target: string): Promise<void> {
  if (!asRoot) return;
  const { uid, gid } = await ownerIds();
  chownSync(target, uid, gid);
}

/** When root, the `postgres` user must be able to reach the cluster folder: the temp folder
 * of a test run is 0700, so it gets the search (x) bit for others; any other obstacle is
 * reported rather than changed. */
async function ensureReachable(dir: string): Promise<void> {
  if (!asRoot) return;
  const parent = path.dirname(dir);
  const mode = statSync(parent).mode;
  if ((mode & 0o001) === 0) chmodSync(parent, (mode & 0o7777) | 0o001);
  try {
    await exec('runuser', ['-u', 'postgres', '--', 'test', '-x', parent]);
  } catch {
    throw new Error(
      `the postgres OS user cannot reach ${parent}: give its parent folders the x bit for others`,
    );
  }
}

function writeOwned(file: string, text: string, mode: number): void {
  writeFileSync(file, text, { mode });
  chmodSync(file, mode);
}

async function initCluster(dir: string, throwaway: boolean): Promise<void> {
  const pgdata = path.join(dir, 'pgdata');
  const staging = path.join(dir, 'pgdata.init');
  rmSync(staging, { recursive: true, force: true });
  const passwordFile = path.join(dir, 'password');
  writeOwned(passwordFile, `${randomBytes(24).toString('hex')}\n`, 0o600);
  await own(passwordFile);
  const bin = postgresBinDir();
  await pg(path.join(bin, 'initdb'), [
    '-D',
    staging,
    '-U',
    SUPERUSER,
    `--pwfile=${passwordFile}`,
    '--auth-local=scram-sha-256',
    '--auth-host=scram-sha-256',
    '--encoding=UTF8',
    // Byte order and no locale data to depend on: FerretDB sorts in Go anyway.
    '--locale=C',
    ...(throwaway ? ['--no-sync'] : []),
  ]);
  const conf = path.join(staging, 'postgresql.conf');
  writeFileSync(
    conf,
    `${readFileSync(conf, 'utf8')}\n# Lontar's settings (infra/src/postgres.ts), rewritten on every start.\ninclude_if_exists = 'lontar.conf'\n`,
  );
  renameSync(staging, pgdata);
}

/** The start time of a process (field 22 of /proc/<pid>/stat), to tell a live process
 * from a later one that reuses its PID; null when there is no such process. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** `<dir>/owner` names the process that started the cluster (PID and start time). */
function ownerAlive(dir: string): number | null {
  try {
    const [pid, started] = readFileSync(path.join(dir, 'owner'), 'utf8').trim().split(' ');
    return processStart(Number(pid)) === started ? Number(pid) : null;
  } catch {
    return null;
  }
}

/** A postmaster.pid left by a crash must not block the start. When its process is a live
 * postgres whose starter is gone (an orphan of a killed `start`), it is stopped cleanly;
 * when the starter still runs (a second `start` or `seed` on the same data/), we refuse;
 * when the postgres is gone (or its PID now belongs to something else), the file goes. */
async function clearStaleServer(bin: string, dir: string): Promise<void> {
  const pgdata = path.join(dir, 'pgdata');
  const pidFile = path.join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  let comm = '';
  try {
    comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    // no such process
  }
  if (comm === 'postgres') {
    const owner = ownerAlive(dir);
    if (owner !== null)
      throw new Error(
        `the PostgreSQL cluster in ${dir} is in use by process ${owner} (another \`start\` or \`seed\` on the same data folder?)`,
      );
    try {
      await pg(path.join(bin, 'pg_ctl'), ['-D', pgdata, '-m', 'fast', '-w', '-t', '60', 'stop']);
      return;
    } catch {
      // not ours after all (a reused PID): the file is stale
    }
  }
  rmSync(pidFile, { force: true });
}

/** Starts (initdb'ing when missing) the cluster in options.dir on a free loopback port and
 * makes sure FerretDB's database exists. */
export async function startPostgres(options: PostgresOptions): Promise<PostgresCluster> {
  const { dir, throwaway } = options;
  mkdirSync(path.dirname(dir), { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  await own(dir);
  await ensureReachable(dir);
  const pgdata = path.join(dir, 'pgdata');
  if (!existsSync(path.join(pgdata, 'PG_VERSION'))) await initCluster(dir, throwaway);
  const bin = postgresBinDir(readFileSync(path.join(pgdata, 'PG_VERSION'), 'utf8').trim());

  const lontarConf = path.join(pgdata, 'lontar.conf');
  writeOwned(lontarConf, `${settings(throwaway).join('\n')}\n`, 0o600);
  await own(lontarConf);
  const socketDir = path.join(dir, 'run');
  mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  await own(socketDir);
  await clearStaleServer(bin, dir);
  writeFileSync(path.join(dir, 'owner'), `${process.pid} ${processStart(process.pid)}\n`);

  const password = readFileSync(path.join(dir, 'password'), 'utf8').trim();
  const logFile = path.join(dir, 'postgres.log');
  let port: number;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const socket =
      path.join(socketDir, `.s.PGSQL.${port}`).length <= MAX_SOCKET_PATH ? socketDir : '';
    try {
      await pg(path.join(bin, 'pg_ctl'), [
        '-D',
        pgdata,
        '-l',
        logFile,
        '-w',
        '-t',
        '120',
        'start',
        '-o',
        `-p ${port} -c unix_socket_directories='${socket}'`,
      ]);
      break;
    } catch (error) {
      // Most likely another process took the port between freePort() and the bind.
      if (attempt >= 3)
        throw new Error(
          `PostgreSQL did not start (see ${logFile}): ${(error as { stderr?: string }).stderr ?? (error as Error).message}`,
          { cause: error },
        );
    }
  }

  const client = { PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' };
  const connection = ['-h', '127.0.0.1', '-p', String(port), '-U', SUPERUSER];
  const { stdout } = await pg(
    path.join(bin, 'psql'),
    [
      ...connection,
      '-d',
      'postgres',
      '-tAc',
      `SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'`,
    ],
    client,
  );
  if (stdout.trim() !== '1')
    await pg(path.join(bin, 'createdb'), [...connection, DATABASE], client);

  const watchdog = startWatchdog(bin, dir, throwaway);
  let stopped = false;
  return {
    url: `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/${DATABASE}`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      watchdog.kill();
      try {
        await pg(path.join(bin, 'pg_ctl'), ['-D', pgdata, '-m', 'fast', '-w', '-t', '60', 'stop']);
      } finally {
        if (throwaway) rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** pg_ctl starts PostgreSQL as a daemon, so a `start` or test run killed with SIGKILL would
 * leave it running. A small detached shell waits for this process to end and then stops the
 * cluster (and removes a throwaway one); stop() ends the watchdog first. */
function startWatchdog(bin: string, dir: string, throwaway: boolean): ChildProcess {
  const pgCtl = asRoot ? `runuser -u postgres -- "$1/pg_ctl"` : `"$1/pg_ctl"`;
  const script = [
    'while kill -0 "$3" 2>/dev/null; do sleep 2; done',
    `${pgCtl} -D "$2/pgdata" -m ${throwaway ? 'immediate' : 'fast'} -w -t 60 stop >/dev/null 2>&1`,
    ...(throwaway ? ['rm -rf "$2"'] : []),
  ].join('\n');
  const child = spawn('sh', ['-c', script, 'lontar-pg-watchdog', bin, dir, String(process.pid)], {
    detached: true,
    stdio: 'ignore',
    cwd: '/',
  });
  child.unref();
  return child;
}

/** True when the folder holds an initialised cluster. */
export function isCluster(dir: string): boolean {
  return existsSync(path.join(dir, 'pgdata', 'PG_VERSION'));
}
