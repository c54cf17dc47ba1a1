import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Config } from '../src/config.ts';

/**
 * Races `processes` separate Node processes (test/race-child.ts), each making `perProcess`
 * attempts at once, all released together once every one is connected. Returns how many
 * attempts each process won. Separate processes are what separate API replicas are: no
 * in-process queue or cache can hide a race between them.
 */
export async function raceProcesses(
  config: Config,
  order: { kind: 'lease' | 'import' | 'throttle'; id: string },
  processes: number,
  perProcess: number,
): Promise<number[]> {
  const script = path.join(import.meta.dirname, 'race-child.ts');
  const children: ChildProcess[] = [];
  const ready: Promise<void>[] = [];
  const results: Promise<number>[] = [];
  for (let i = 0; i < processes; i++) {
    const child = spawn(
      process.execPath,
      [
        script,
        JSON.stringify({
          uri: config.MONGODB_URI,
          db: config.MONGODB_DB,
          ...order,
          count: perProcess,
        }),
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    children.push(child);
    const lines = createInterface({ input: child.stdout! });
    const exited = (what: string) =>
      new Promise<never>((_, reject) =>
        child.once('close', (code) => reject(new Error(`racer ${i} exited (${code}) ${what}`))),
      );
    ready.push(
      Promise.race([
        new Promise<void>((resolve) => lines.on('line', (l) => l === 'ready' && resolve())),
        exited('before it was ready'),
      ]),
    );
    const result = Promise.race([
      new Promise<number>((resolve) =>
        lines.on('line', (l) => {
          if (l.startsWith('{')) resolve((JSON.parse(l) as { won: number }).won);
        }),
      ),
      exited('before it reported'),
    ]);
    result.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    results.push(result);
  }
  try {
    await Promise.all(ready);
    for (const child of children) child.stdin!.write('go\n');
    return await Promise.all(results);
  } finally {
    for (const child of children) if (child.exitCode === null) child.stdin!.end();
  }
}
