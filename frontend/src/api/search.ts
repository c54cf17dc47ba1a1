import { http } from './http.ts';
import type { Page, SecurityClass } from './types.ts';

/** Full-text search over letters: mirrors backend/src/modules/search/search.schema.ts; keep
 * them in step. */

export type SearchDirection = 'incoming' | 'outgoing';

export interface SearchQuery {
  /** Words (all must match), "quoted phrases", prefixes (`kepeg*`). */
  q?: string;
  /** Inclusive letter dates, YYYY-MM-DD. */
  from?: string;
  to?: string;
  direction?: SearchDirection;
  /** Classification code prefix in the hierarchical sense: 800 matches 800.1.11.1. */
  classification?: string;
  sender?: string;
  securityClass?: SecurityClass;
  /** Incoming: registered, in_progress, done, void. Outgoing: the status label (Terkirim…). */
  status?: string;
  page?: number;
  pageSize?: number;
}

export interface SearchHit {
  letterId: string;
  direction: SearchDirection;
  agendaNumber?: string;
  letterNumber: string | null;
  subject: string | null;
  senderName?: string;
  recipientName?: string;
  /** Tanggal surat, YYYY-MM-DD. */
  date: string | null;
  classificationCode?: string;
  securityClass: SecurityClass;
  status?: string;
  /** HTML from the server: escaped text with <mark> around matched words. Render it only
   * through views/search/snippet.ts. */
  snippet: string;
  /** 1-based page of the scan holding the best match. */
  page?: number;
  fileId?: string;
}

export async function searchLetters(
  query: SearchQuery,
  signal?: AbortSignal,
): Promise<Page<SearchHit>> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const result = await http.get<{ total: number; items: SearchHit[] }>('/api/search', {
    query: { ...query, page, pageSize },
    signal,
  });
  return { ...result, page, pageSize };
}
