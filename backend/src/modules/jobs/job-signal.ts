import pg from 'pg';
import type { Logger } from '../../lib/logger.ts';

/**
 * Wakes workers in other processes the moment a job is queued, on the embedded engine:
 * the API sends a PostgreSQL NOTIFY on the database behind FerretDB
 * (FERRETDB_POSTGRESQL_URL) and OCR workers LISTEN to it. Without that database (MongoDB)
 * nothing is sent and workers find new jobs on their short poll. A lost signal only costs
 * that poll's delay: the queue in the database stays the truth.
 */
const CHANNEL = 'lontar_jobs';

let notifier: pg.Pool | null | undefined;

/** The database to signal through; by default the process's FERRETDB_POSTGRESQL_URL (the
 * API and the worker get it from the embedded stack). `null` turns signals off. */
export function useJobSignal(postgresUrl: string | null): void {
  const previous = notifier;
  notifier = postgresUrl
    ? new pg.Pool({ connectionString: postgresUrl, max: 1, idleTimeoutMillis: 30_000 })
    : null;
  // An idle connection dropped by a database restart is reported here; without a listener
  // it would end the process. The next signal opens a new connection.
  notifier?.on('error', () => undefined);
  void previous?.end().catch(() => undefined);
}

/** Tells listening workers that a job of `type` was queued. Never throws, never waits long:
 * a failed signal is covered by the workers' poll. */
export async function signalQueued(type: string): Promise<void> {
  if (notifier === undefined) useJobSignal(process.env.FERRETDB_POSTGRESQL_URL ?? null);
  if (!notifier) return;
  try {
    await notifier.query('SELECT pg_notify($1, $2)', [CHANNEL, type]);
  } catch {
    // The poll finds the job anyway.
  }
}

/**
 * Calls `onQueued(type)` for every job queued anywhere, until the returned stop function is
 * called. Reconnects after a lost connection (database restart), with a growing pause.
 */
export async function listenForJobs(
  postgresUrl: string,
  onQueued: (type: string) => void,
  logger: Logger,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retryMs = 500;
  const connect = async (): Promise<void> => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: postgresUrl });
    let failed = false;
    const retry = (error: unknown, message: string) => {
      if (failed) return;
      failed = true;
      logger.warn({ err: error }, message);
      if (client === next) client = null;
      void next.end().catch(() => undefined);
      setTimeout(() => void connect(), retryMs).unref();
      retryMs = Math.min(retryMs * 2, 30_000);
    };
    next.on('notification', (message) => onQueued(message.payload ?? ''));
    next.on('error', (error) => retry(error, 'job signal connection lost; polling meanwhile'));
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      if (stopped) {
        await next.end();
        return;
      }
      client = next;
      retryMs = 500;
    } catch (error) {
      retry(error, 'job signal unavailable; polling meanwhile');
    }
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => undefined);
  };
}
