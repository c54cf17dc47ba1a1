import { http } from './http.ts';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: 'ok' | 'unavailable';
  storage: 'ok' | 'unavailable';
  mail: 'ok' | 'disabled';
  version: string;
}

/** GET /api/health: 200 when every part runs, 503 (same shape) when one does not. */
export function getHealth(signal?: AbortSignal): Promise<HealthReport> {
  return http.get<HealthReport>('/api/health', {
    acceptStatuses: [503],
    ...(signal ? { signal } : {}),
  });
}
