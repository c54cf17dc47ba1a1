// FerretDB on its PostgreSQL handler, for the load benchmark (design.md §3: where the engine
// is the bottleneck, measure the PostgreSQL handler as well). Starts a throwaway cluster of
// Debian's PostgreSQL (`apt-get install -y postgresql`) in a temporary folder on a free
// loopback port, and FerretDB in front of it; `stop()` removes both.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitForPort } from '../../infra/src/ports.ts';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgresFerret {
  uri: string;
  ferretPid: number;
  stop(): Promise<void>;
}

export async function startPostgresFerret(ferretBinary: string): Promise<PostgresFerret> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lontar-pg-'));
  const data = path.join(dir, 'data');
  // PostgreSQL refuses to run as root: the cluster belongs to the `postgres` user then.
  const asRoot = process.getuid?.() === 0;
  const run = (binary: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : binary,
      asRoot ? ['-u', 'postgres', '--', binary, ...args] : args,
      {
        stdio: 'pipe',
      },
    );
  if (asRoot) {
    const { uid, gid } = userIds('postgres');
    chownSync(dir, uid, gid);
  }
  run(path.join(PG_BIN, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync']);
  const pgPort = await freePort();
  run(path.join(PG_BIN, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    path.join(dir, 'postgres.log'),
    '-w',
    'start',
    '-o',
    `-p ${pgPort} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=256MB`,
  ]);
  run(path.join(PG_BIN, 'createdb'), [
    '-h',
    '127.0.0.1',
    '-p',
    String(pgPort),
    '-U',
    'postgres',
    'ferretdb',
  ]);

  const port = await freePort();
  const ferret = spawn(
    ferretBinary,
    [
      `--listen-addr=127.0.0.1:${port}`,
      '--handler=postgresql',
      `--postgresql-url=postgres://postgres@127.0.0.1:${pgPort}/ferretdb`,
      `--state-dir=${dir}`,
      '--telemetry=disable',
      '--log-level=warn',
      '--debug-addr=-',
    ],
    { stdio: 'ignore' },
  );
  await waitForPort(port, 30_000, () => ferret.exitCode === null);
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    ferretPid: ferret.pid!,
    async stop() {
      ferret.kill('SIGTERM');
      try {
        run(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function userIds(name: string): { uid: number; gid: number } {
  const line = execFileSync('getent', ['passwd', name], { encoding: 'utf8' }).split(':');
  return { uid: Number(line[2]), gid: Number(line[3]) };
}
