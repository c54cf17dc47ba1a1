import { pingDatabase } from '../../lib/db.ts';
import type { Services } from '../../services.ts';

export type PartStatus = 'ok' | 'unavailable';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: PartStatus;
  storage: PartStatus;
  mail: 'ok' | 'disabled';
  version: string;
}

/** Pings both servers on every call, so health recovers by itself when they come back. */
export async function checkHealth(services: Services): Promise<HealthReport> {
  const [database, storage] = await Promise.all([
    pingDatabase(services.config.HEALTH_TIMEOUT_MS).then(
      () => 'ok' as const,
      () => 'unavailable' as const,
    ),
    services.storage.ping(services.config.HEALTH_TIMEOUT_MS).then(
      () => 'ok' as const,
      () => 'unavailable' as const,
    ),
  ]);
  return {
    status: database === 'ok' && storage === 'ok' ? 'ok' : 'degraded',
    database,
    storage,
    mail: services.config.SMTP_URL ? 'ok' : 'disabled',
    version: services.version,
  };
}
