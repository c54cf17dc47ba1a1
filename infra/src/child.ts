import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  alive(): boolean;
  /** SIGTERM, then SIGKILL after graceMs; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** Spawns a long-running child whose output goes to logDir/<name>.log (or is inherited). */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; logDir?: string; cwd?: string },
): ManagedProcess {
  let stdio: 'inherit' | ['ignore', 'pipe', 'pipe'] = 'inherit';
  if (options.logDir) stdio = ['ignore', 'pipe', 'pipe'];
  const child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd, stdio });
  if (options.logDir) {
    mkdirSync(options.logDir, { recursive: true });
    const log = createWriteStream(path.join(options.logDir, `${name}.log`), { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  return {
    name,
    child,
    alive: () => !exited,
    async stop(graceMs = 5000) {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}
