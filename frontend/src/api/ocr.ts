import { http } from './http.ts';
import type { ApiResponse } from './generated.ts';
import type { Page } from './types.ts';

/** OCR of stored files. Answers come from the API's OpenAPI document (generated.ts). */

export type OcrStatus = 'queued' | 'processing' | 'done' | 'failed';

export type OcrPage = ApiResponse<'/api/files/{id}/ocr/pages/{n}', 'put'>;

export type OcrView = ApiResponse<'/api/files/{id}/ocr', 'get'>;

export type OcrJobStatus = 'queued' | 'running' | 'done' | 'parked';

export type OcrJob = ApiResponse<'/api/ocr/jobs', 'get'>['items'][number];

export type PrefillSuggestions = PrefillResult['suggestions'];

export type PrefillResult = ApiResponse<'/api/ocr/prefill', 'post'>;

export function getFileOcr(fileId: string, signal?: AbortSignal): Promise<OcrView> {
  // The OCR status polls with its own backoff: no client-level retry on top of it.
  return http.get<OcrView>(`/api/files/${fileId}/ocr`, { signal, retry: false });
}

/** Queues another try (agendaris, arsiparis, admin). */
export function retryFileOcr(fileId: string): Promise<OcrView> {
  return http.post<OcrView>(`/api/files/${fileId}/ocr/retry`);
}

/** A reviewer's text for one page; it replaces the page's text in search at once. */
export function correctOcrPage(fileId: string, page: number, text: string): Promise<OcrPage> {
  return http.put<OcrPage>(`/api/files/${fileId}/ocr/pages/${page}`, { text });
}

export async function listOcrJobs(query: {
  status?: OcrJobStatus;
  page?: number;
  pageSize?: number;
}): Promise<Page<OcrJob>> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const result = await http.get<{ total: number; items: OcrJob[] }>('/api/ocr/jobs', {
    query: { status: query.status, page, pageSize },
  });
  return { ...result, page, pageSize };
}

/** Reads the first page of a scan before it is registered and suggests the registration
 * fields (agendaris). Interactive: the server reads one page, synchronously. */
export function prefillFromScan(file: File, signal?: AbortSignal): Promise<PrefillResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return http.upload<PrefillResult>('/api/ocr/prefill', form, { signal });
}

/** Starts the server's scan reader before the first scan, so it does not wait for it. */
export function warmPrefill(): Promise<void> {
  return http.post<void>('/api/ocr/prefill/warm');
}

export type ClassificationSuggestion = ApiResponse<
  '/api/classification-suggestions',
  'get'
>['items'][number];

/** Classification codes suggested from what clerks chose before for this sender and these
 * subject words (rules while nothing was chosen yet), best first, each with its reason. */
export async function suggestClassification(input: {
  senderName?: string;
  subject?: string;
  letterNumber?: string;
}): Promise<ClassificationSuggestion[]> {
  return (
    await http.get<{ items: ClassificationSuggestion[] }>('/api/classification-suggestions', {
      query: input,
    })
  ).items;
}

export const searchablePdfUrl = (fileId: string) => `/api/files/${fileId}/searchable.pdf`;
