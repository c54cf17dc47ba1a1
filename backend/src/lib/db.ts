import mongoose from 'mongoose';
import { mirrorIndexesToPostgres } from './ferretdb-index-mirror.ts';
import type { Logger } from './logger.ts';

// Fail fast instead of queueing operations while the database is away: a request that
// cannot reach it gets a 503 now, not a hang (and the health check tells why).
mongoose.set('bufferCommands', false);
mongoose.set('strictQuery', true);
// Indexes are built explicitly at start (ensureIndexes), not lazily per model.
mongoose.set('autoIndex', false);

/**
 * Operations one process has at FerretDB at once (the driver's default is 100). FerretDB 1.24
 * serves them from a pool of 50 PostgreSQL connections (our stack raises it to 80:
 * infra/src/ferretdb.ts), and an operation can hold one connection while it waits for a
 * second: 60 upserts racing from one test process took all 50 and waited for each other for
 * good (a CI run under load; every later request of every process then hung). At 16, one
 * process can never take the whole pool, and the API, the OCR worker, a CLI and a test run's
 * racers together stay under it. More would not be faster on the database's cores anyway;
 * the rest wait in the driver's queue.
 */
export const DATABASE_POOL_SIZE = 16;

export async function connectDatabase(uri: string, dbName: string): Promise<typeof mongoose> {
  return mongoose.connect(uri, {
    dbName,
    serverSelectionTimeoutMS: 5000,
    heartbeatFrequencyMS: 2000,
    maxPoolSize: DATABASE_POOL_SIZE,
  });
}

/** Builds every registered model's indexes; idempotent. Unique indexes carry invariants
 * (one counter per register and year, one user per username), so this runs before serving.
 * With `ferretPostgresUrl` (FERRETDB_POSTGRESQL_URL: the PostgreSQL database behind FerretDB)
 * the same declared indexes are then mirrored as the GIN expression indexes that FerretDB's
 * pushed-down filters can use (lib/ferretdb-index-mirror.ts). */
export async function ensureIndexes(
  options: { ferretPostgresUrl?: string; logger?: Logger } = {},
): Promise<void> {
  for (const model of Object.values(mongoose.models)) {
    await model.createIndexes();
  }
  if (options.ferretPostgresUrl) {
    await mirrorIndexesToPostgres({
      postgresUrl: options.ferretPostgresUrl,
      logger: options.logger,
    });
  }
}

export async function pingDatabase(timeoutMs = 2000): Promise<void> {
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== 1) throw new Error('database not connected');
  await withTimeout(db.command({ ping: 1 }), timeoutMs, 'database ping timed out');
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
