import { http } from './http.ts';
import type { ApiQuery, ApiResponse } from './generated.ts';
import type { Page } from './types.ts';

/** Full-text search over letters. Hits come from the API's OpenAPI document (generated.ts). */

/** The API's query: `q` words (all must match), "quoted phrases", prefixes (`kepeg*`);
 * `from`/`to` inclusive YYYY-MM-DD of the letter or of its receipt (`dateField`);
 * `register` a buku agenda code; `classification` a code prefix in the hierarchical sense
 * (800 matches 800.1.11.1); `status` incoming: registered, in_progress, done, void,
 * outgoing: the status label (Terkirim…). */
export type SearchQuery = NonNullable<ApiQuery<'/api/search', 'get'>>;
export type SearchDirection = NonNullable<SearchQuery['direction']>;

export type SearchResult = ApiResponse<'/api/search', 'get'>;
export type SearchHit = SearchResult['items'][number];
/** "Maksud Anda": a spelling that finds more letters (`q`, how many). */
export type SearchSuggestion = NonNullable<SearchResult['suggestion']>;
/** The typed words found nothing; the results are those of `to`. */
export type SearchCorrection = NonNullable<SearchResult['corrected']>;
export type SearchOptions = ApiResponse<'/api/search/options', 'get'>;

export async function searchLetters(
  query: SearchQuery,
  signal?: AbortSignal,
): Promise<Page<SearchHit> & Pick<SearchResult, 'suggestion' | 'corrected'>> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const result = await http.get<SearchResult>('/api/search', {
    query: { ...query, page, pageSize },
    signal,
  });
  return { ...result, page, pageSize };
}

/** The filter choices this user has: the security classes they may see, the registers. */
export async function searchOptions(): Promise<SearchOptions> {
  return http.get<SearchOptions>('/api/search/options');
}
