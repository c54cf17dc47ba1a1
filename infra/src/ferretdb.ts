import { mkdirSync } from 'node:fs';
import { startProcess, type ManagedProcess } from './child.ts';
import { freePort, waitForPort } from './ports.ts';

export interface DatabaseServer {
  uri: string;
  port: number;
  process: ManagedProcess;
}

function ferretArgs(port: number, dataDir: string): string[] {
  return [
    `--listen-addr=127.0.0.1:${port}`,
    '--handler=sqlite',
    `--sqlite-url=file:${dataDir}/`,
    `--state-dir=${dataDir}`,
    '--telemetry=disable',
    '--log-level=warn',
    '--debug-addr=-',
  ];
}

/** Starts FerretDB 1.x with its SQLite backend on a loopback port (design.md §3): the given
 * port (a restart) or a free one, retrying when another process grabbed it first. */
export async function startFerretDb(
  binary: string,
  dataDir: string,
  logDir?: string,
  fixedPort?: number,
): Promise<DatabaseServer> {
  mkdirSync(dataDir, { recursive: true });
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await freePort());
    const proc = startProcess('ferretdb', binary, ferretArgs(port, dataDir), { logDir });
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
