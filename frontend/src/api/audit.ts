import { http } from './http.ts';
import type { Page } from './types.ts';

/** One audit event (backend audit.presenter.ts). Changed values arrive parsed (any JSON). */
export interface AuditEvent {
  id: string;
  seq: number;
  at: string;
  actor: {
    userId: string | null;
    username: string;
    name: string;
    positionId: string | null;
    /** As the actor signed: "Plh. Kepala Biro Umum" while acting. */
    positionTitle: string | null;
    acting: boolean;
    /** session | token | system */
    via: string;
  };
  action: string;
  recordType: string;
  recordId: string;
  changes: { field: string; before: unknown; after: unknown }[];
  ip: string | null;
  hash: string;
}

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

export interface ChainProblem {
  seq: number;
  kind: 'edited' | 'removed' | 'relinked' | 'tail_removed' | (string & {});
  message: string;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  lastSeq: number;
  lastHash: string;
  problems: ChainProblem[];
}

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
