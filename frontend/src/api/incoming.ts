import { buildUrl, http } from './http.ts';
import type { ApiResponse, Schemas } from './generated.ts';
import type { Page, SecurityClass } from './types.ts';

/** Incoming letters (surat masuk). Answers come from the API's OpenAPI document
 * (generated.ts); the form's input types mirror backend letters.schema.ts. */

export const URGENCIES = ['biasa', 'segera', 'sangat_segera'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const LETTER_STATUSES = ['registered', 'in_progress', 'done', 'void'] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];
export const LETTER_KINDS = [
  'Surat Dinas',
  'Nota Dinas',
  'Memo',
  'Surat Undangan',
  'Surat Edaran',
  'Surat Perintah',
  'Surat Tugas',
  'Keputusan',
  'Instruksi',
  'Berita Acara',
  'Surat Keterangan',
  'Surat Pengantar',
  'Pengumuman',
  'Laporan',
  'Telaahan Staf',
  'Notula',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];
/** Accepted scans (the server sniffs the bytes; this only guides the file chooser). */
export const ACCEPTED_FILE_TYPES =
  'application/pdf,image/jpeg,image/png,image/tiff,.pdf,.jpg,.jpeg,.png,.tif,.tiff';

export interface RegistrationData {
  senderName: string;
  letterNumber: string;
  letterDate: string;
  receivedDate?: string;
  subject: string;
  summary?: string;
  attachmentCount?: number;
  attachmentDescription?: string;
  classificationCode: string;
  securityClass: SecurityClass;
  urgency: Urgency;
  kind?: LetterKind;
  register?: string;
  addresseePositionId?: string;
  copyPositionIds?: string[];
  notes?: string;
  confirmDuplicate?: boolean;
}

export type RegisteredFile = RegistrationResult['files'][number];

export type RegistrationResult = ApiResponse<'/api/incoming-letters', 'post'>;

export type PositionRef = IncomingListItem['addressee'];

export type IncomingListItem = ApiResponse<'/api/incoming-letters', 'get'>['items'][number];

export type StoredFileInfo = IncomingDetail['files'][number];

export type IncomingDetail = ApiResponse<'/api/incoming-letters/{id}', 'get'>;

export type HistoryEntry = ApiResponse<
  '/api/incoming-letters/{id}/history',
  'get'
>['items'][number];

export type DuplicateHit = Schemas['DuplicateHit'];

export type ClassificationCode = ApiResponse<'/api/classification-codes', 'get'>['items'][number];

export type IncomingRegister = ApiResponse<'/api/incoming-registers', 'get'>['items'][number];

export interface IncomingQuery {
  q?: string;
  from?: string;
  to?: string;
  sender?: string;
  classification?: string;
  urgency?: Urgency[];
  securityClass?: SecurityClass[];
  status?: LetterStatus[];
  register?: string;
  year?: number;
  box?: 'inbox' | 'tembusan';
  unread?: boolean;
  sort?: 'agenda' | 'receivedDate' | 'letterDate' | 'sender' | 'urgency';
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export interface CorrectionInput extends Partial<Omit<RegistrationData, 'register'>> {
  reason: string;
}

function listQuery(query: IncomingQuery): Record<string, string | number | undefined> {
  const join = (values?: readonly string[]) =>
    values && values.length ? values.join(',') : undefined;
  return {
    q: query.q || undefined,
    from: query.from || undefined,
    to: query.to || undefined,
    sender: query.sender || undefined,
    classification: query.classification || undefined,
    urgency: join(query.urgency),
    securityClass: join(query.securityClass),
    status: join(query.status),
    register: query.register || undefined,
    year: query.year,
    box: query.box,
    unread: query.unread ? 'true' : undefined,
    sort: query.sort,
    order: query.order,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** POST /api/incoming-letters: `data` first so the server can refuse bad metadata early. */
export function registerIncoming(
  data: RegistrationData,
  files: File[],
  onProgress?: (progress: { fraction: number; loaded: number; total: number }) => void,
  signal?: AbortSignal,
): Promise<RegistrationResult> {
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  for (const file of files) form.append('files', file, file.name);
  return http.upload<RegistrationResult>('/api/incoming-letters', form, { onProgress, signal });
}

export async function listIncoming(query: IncomingQuery): Promise<Page<IncomingListItem>> {
  const result = await http.get<{ items: IncomingListItem[]; total: number }>(
    '/api/incoming-letters',
    { query: listQuery(query) },
  );
  return { ...result, page: query.page ?? 1, pageSize: query.pageSize ?? 25 };
}

export function getIncoming(id: string): Promise<IncomingDetail> {
  return http.get<IncomingDetail>(`/api/incoming-letters/${id}`);
}

export function correctIncoming(id: string, input: CorrectionInput): Promise<IncomingDetail> {
  return http.request<IncomingDetail>('PATCH', `/api/incoming-letters/${id}`, { body: input });
}

export function voidIncoming(id: string, reason: string): Promise<IncomingDetail> {
  return http.request<IncomingDetail>('POST', `/api/incoming-letters/${id}/void`, {
    body: { reason },
  });
}

export function markIncomingRead(id: string): Promise<void> {
  return http.request<void>('POST', `/api/incoming-letters/${id}/read`);
}

export async function incomingHistory(id: string): Promise<HistoryEntry[]> {
  return (await http.get<{ items: HistoryEntry[] }>(`/api/incoming-letters/${id}/history`)).items;
}

export async function checkDuplicates(input: {
  senderName?: string;
  letterNumber?: string;
  sha256?: string[];
}): Promise<DuplicateHit[]> {
  return (
    await http.request<{ duplicates: DuplicateHit[] }>(
      'POST',
      '/api/incoming-letters/check-duplicates',
      { body: input },
    )
  ).duplicates;
}

export async function searchSenders(q: string): Promise<Array<{ name: string; useCount: number }>> {
  return (
    await http.get<{ items: Array<{ name: string; useCount: number }> }>('/api/incoming-senders', {
      query: { q },
    })
  ).items;
}

export async function searchClassificationCodes(
  q: string,
  limit = 30,
): Promise<ClassificationCode[]> {
  return (
    await http.get<{ items: ClassificationCode[] }>('/api/classification-codes', {
      query: { q, limit },
    })
  ).items;
}

export async function listIncomingRegisters(): Promise<IncomingRegister[]> {
  return (await http.get<{ items: IncomingRegister[] }>('/api/incoming-registers')).items;
}

export function incomingExportUrl(
  format: 'pdf' | 'xlsx' | 'csv',
  query: IncomingQuery & { month?: string },
): string {
  const { page: _page, pageSize: _pageSize, ...rest } = query;
  return buildUrl('', '/api/incoming-letters/export', {
    ...listQuery(rest),
    month: query.month || undefined,
    format,
  });
}

export const receiptUrl = (id: string) => `/api/incoming-letters/${id}/receipt.pdf`;
export const stampedUrl = (id: string) => `/api/incoming-letters/${id}/stamped.pdf`;
export const fileContentUrl = (fileId: string, download = false) =>
  `/api/files/${fileId}/content${download ? '?download=1' : ''}`;
export const filePageUrl = (fileId: string, page: number, width = 1000) =>
  `/api/files/${fileId}/pages/${page}?width=${width}`;

/** sha256 of a local file, hex, for the early duplicate check (Web Crypto). */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The server's default MAX_UPLOAD_BYTES; the server enforces its own setting. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
