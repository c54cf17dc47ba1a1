import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../lib/db.ts';

/** Runs an operator command against the database named by the same environment the API
 * uses (MONGODB_URI, MONGODB_DB, ...). Exits 0 on success, 1 on a refused or failed run,
 * 2 on bad usage; messages are for the operator, in Bahasa Indonesia. */
export async function runCommand(body: (config: Config) => Promise<number>): Promise<never> {
  let code = 1;
  try {
    const config = loadConfig();
    await connectDatabase(config.MONGODB_URI, config.MONGODB_DB);
    try {
      await ensureIndexes({ ferretPostgresUrl: config.FERRETDB_POSTGRESQL_URL });
      code = await body(config);
    } finally {
      await disconnectDatabase();
    }
  } catch (error) {
    if (error instanceof ConfigError)
      console.error(`Konfigurasi tidak valid:\n${error.problems.join('\n')}`);
    else if (error instanceof UsageError) {
      console.error(error.message);
      code = 2;
    } else console.error(`Gagal: ${(error as Error).message}`);
  }
  process.exit(code);
}

export class UsageError extends Error {}

export function parseOptions<T extends Record<string, { type: 'string' | 'boolean' }>>(
  options: T,
  usage: string,
) {
  try {
    return parseArgs({ options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
  }
}

/** Reads a secret: from an environment variable, else typed twice without echo on a
 * terminal, else the first line of standard input (for scripts). */
export async function readSecret(envName: string, prompt: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) {
    const first = await promptHidden(`${prompt}: `);
    const second = await promptHidden('Ulangi: ');
    if (first !== second) throw new UsageError('Kedua isian kata sandi tidak sama.');
    return first;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(value);
          return;
        }
        if (char === '\u0003') process.exit(130);
        if (char === '\u007f') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}
