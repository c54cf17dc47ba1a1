import { http } from './http.ts';
import type { ApiResponse } from './generated.ts';
import type { Page } from './types.ts';

/** One audit event (backend audit.presenter.ts). Changed values arrive parsed (any JSON). */
export type AuditEvent = ApiResponse<'/api/admin/audit', 'get'>['items'][number];

/** Empty or null filters are left out of the request. */
export interface AuditQuery {
  page?: number;
  pageSize?: number;
  /** Exact action (`org.user.update`) or a prefix ending in a dot (`org.`). */
  action?: string | null;
  recordType?: string | null;
  recordId?: string | null;
  /** The acting user's id. */
  userId?: string | null;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string | null;
  to?: string | null;
}

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

/** GET /api/audit/records/:recordType/:recordId: one record's history, oldest first, for
 * whoever may see that record (e.g. a letter's history tab). */
export async function recordHistory(recordType: string, recordId: string): Promise<AuditEvent[]> {
  const answer = await http.get<{ items: AuditEvent[] }>(
    `/api/audit/records/${encodeURIComponent(recordType)}/${encodeURIComponent(recordId)}`,
  );
  return answer.items;
}
