import { http } from './http.ts';
import type { ApiQuery, ApiResponse } from './generated.ts';
import type { Page } from './types.ts';

/** One audit event (backend audit.presenter.ts). Changed values arrive parsed (any JSON). */
export type AuditEvent = ApiResponse<'/api/admin/audit', 'get'>['items'][number];

type AuditListQuery = NonNullable<ApiQuery<'/api/admin/audit', 'get'>>;
/** The API's filters (`action`: exact, or a prefix ending in a dot such as `org.`; `userId`:
 * the acting user; `from`/`to`: ISO instants, from inclusive, to exclusive). A screen may hold
 * an empty filter as null: empty or null filters are left out of the request. */
export type AuditQuery = { [K in keyof AuditListQuery]?: AuditListQuery[K] | null };

export type ChainProblem = ChainReport['problems'][number];

export type ChainReport = ApiResponse<'/api/admin/audit/verify', 'get'>;

/** GET /api/admin/audit: newest first (admin). */
export function listAuditEvents(query: AuditQuery): Promise<Page<AuditEvent>> {
  return http.get<Page<AuditEvent>>('/api/admin/audit', { query: { ...query } });
}

/** GET /api/admin/audit/verify: walks the whole hash chain (admin). */
export function verifyAuditChain(): Promise<ChainReport> {
  return http.get<ChainReport>('/api/admin/audit/verify');
}
