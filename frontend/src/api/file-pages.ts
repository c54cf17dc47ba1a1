import type { ApiResponse } from './generated.ts';
import { http } from './http.ts';
import { filePageUrl } from './incoming.ts';

/**
 * Why a page image did not load. The page is an <img>, which shows nothing of the API's
 * answer, so the same URL is asked once more as data: a refusal (e.g. 422, a page over the
 * pixel limit, design.md §5) carries its message in Bahasa Indonesia. Null when the
 * answer has no message (the caller shows its own).
 */
export async function filePageProblem(
  fileId: string,
  page: number,
  width: number,
): Promise<string | null> {
  try {
    const response = await fetch(filePageUrl(fileId, page, width), {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    if (response.ok) return null;
    const body = (await response.json()) as { error?: { message?: unknown } };
    return typeof body.error?.message === 'string' ? body.error.message : null;
  } catch {
    return null;
  }
}

/** The page count the viewer needs when the file record has none yet (older uploads): it
 * travels in a header of a small render. */
export async function filePageCount(fileId: string): Promise<number | null> {
  try {
    const response = await fetch(filePageUrl(fileId, 1, 100), { credentials: 'same-origin' });
    const count = Number(response.headers.get('x-page-count'));
    return count > 0 ? count : null;
  } catch {
    return null;
  }
}

/** Where the words of a search query are on a file's pages (fractions of each page), from
 * the OCR word boxes, matched the way search matches them. */
export type FileWordHits = ApiResponse<'/api/files/{id}/words', 'get'>;

export function fileWordHits(
  fileId: string,
  q: string,
  signal?: AbortSignal,
): Promise<FileWordHits> {
  return http.get<FileWordHits>(`/api/files/${fileId}/words`, { query: { q }, signal });
}
