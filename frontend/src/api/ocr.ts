import { http } from './http.ts';
import type { Page } from './types.ts';

/** OCR of stored files: mirrors backend/src/modules/ocr/ocr.schema.ts; keep them in step. */

export type OcrStatus = 'queued' | 'processing' | 'done' | 'failed';

export interface OcrPage {
  /** 1-based. */
  number: number;
  text: string;
  /** 0..100. */
  confidence: number;
  lowConfidence: boolean;
  /** `text-layer`: the PDF carried its own text, no recognition was needed. */
  source: 'ocr' | 'text-layer';
  corrected: boolean;
}

export interface OcrView {
  status: OcrStatus;
  /** While processing: the page being read and the page count. */
  progress?: { page: number; pages: number };
  /** When failed: why, in Bahasa Indonesia. */
  error?: string;
  attempts?: number;
  searchablePdf: boolean;
  pages: OcrPage[];
}

export type OcrJobStatus = 'queued' | 'running' | 'done' | 'parked';

export interface OcrJob {
  id: string;
  fileId: string;
  fileName: string | null;
  ownerType: string | null;
  ownerId: string | null;
  status: OcrJobStatus;
  attempts: number;
  error: string | null;
  progress: { page: number; pages: number } | null;
  updatedAt: string | null;
}

export interface PrefillSuggestions {
  letterNumber?: string;
  /** YYYY-MM-DD. */
  letterDate?: string;
  subject?: string;
  senderName?: string;
}

export interface PrefillResult {
  suggestions: PrefillSuggestions;
  text: string;
  confidence: number;
  source: 'ocr' | 'text-layer';
}

export function getFileOcr(fileId: string, signal?: AbortSignal): Promise<OcrView> {
  return http.get<OcrView>(`/api/files/${fileId}/ocr`, { signal });
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

export const searchablePdfUrl = (fileId: string) => `/api/files/${fileId}/searchable.pdf`;
