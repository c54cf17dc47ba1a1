import { http } from './http.ts';
import type { ApiResponse } from './generated.ts';
import type { Page, SecurityClass } from './types.ts';

/** Full-text search over letters. Hits come from the API's OpenAPI document (generated.ts). */

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

export type SearchHit = ApiResponse<'/api/search', 'get'>['items'][number];

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
