import { http } from './http.ts';
import type { ApiResponse } from './generated.ts';

export type HealthReport = ApiResponse<'/api/health', 'get'>;

/** GET /api/health: 200 when every part runs, 503 (same shape) when one does not. */
export function getHealth(signal?: AbortSignal): Promise<HealthReport> {
  return http.get<HealthReport>('/api/health', {
    acceptStatuses: [503],
    // The connection store polls this itself while the server is away.
    retry: false,
    ...(signal ? { signal } : {}),
  });
}
