import { buildUrl, http } from './http.ts';
import type { ApiBody, ApiMultipart, ApiQuery, ApiResponse, Schemas } from './generated.ts';
import type { Page, SecurityClass } from './types.ts';

/** Incoming letters (surat masuk). Bodies, queries and answers come from the API's OpenAPI
 * document (generated.ts). */

/** The form's bodies and the list's query are the API's own (generated.ts); the closed sets
 * below are the choices the screens offer, typed by the API's unions so they cannot drift. */
export type RegistrationData = ApiMultipart<'/api/incoming-letters', 'post'>['data'];
export type CorrectionInput = ApiBody<'/api/incoming-letters/{id}', 'patch'>;
export type Urgency = RegistrationData['urgency'];
export type LetterKind = NonNullable<RegistrationData['kind']>;
export type LetterStatus = IncomingListItem['status'];

export const URGENCIES = ['biasa', 'segera', 'sangat_segera'] as const satisfies readonly Urgency[];
/** The statuses a register filter offers (a `pending` letter is still being registered). */
export const LETTER_STATUSES = [
  'registered',
  'in_progress',
  'done',
  'void',
] as const satisfies readonly LetterStatus[];
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
] as const satisfies readonly LetterKind[];
/** Asal pengirim (backend letters/sender-category.ts), in the order the form offers them. */
export type SenderCategory = NonNullable<RegistrationData['senderCategory']>;
export const SENDER_CATEGORIES = [
  'kementerian-lembaga',
  'perangkat-daerah',
  'pemprov-lain',
  'pemkab-pemkot',
  'dprd',
  'instansi-vertikal',
  'bumn-bumd',
  'swasta',
  'ormas',
  'perorangan',
  'lainnya',
] as const satisfies readonly SenderCategory[];
/** Saluran penerimaan a clerk may choose (the system also records `lontar` and
 * `tidak-tercatat`, which a letter's detail may show). */
export type ClerkChannel = NonNullable<RegistrationData['channel']>;
export type Channel = NonNullable<IncomingDetail['channel']>;
export const CLERK_CHANNELS = [
  'langsung',
  'pos',
  'email',
  'srikandi',
  'faksimile',
  'lainnya',
] as const satisfies readonly ClerkChannel[];
/** Compiles only while the lists above offer every sifat, kind, category and channel the
 * API knows. */
type OffersEveryChoice = [
  Exclude<Urgency, (typeof URGENCIES)[number]>,
  Exclude<LetterKind, (typeof LETTER_KINDS)[number]>,
  Exclude<SenderCategory, (typeof SENDER_CATEGORIES)[number]>,
  Exclude<ClerkChannel, (typeof CLERK_CHANNELS)[number]>,
] extends [never, never, never, never]
  ? true
  : never;
const _offersEveryChoice: OffersEveryChoice = true;
/** Accepted scans (the server sniffs the bytes; this only guides the file chooser). */
export const ACCEPTED_FILE_TYPES =
  'application/pdf,image/jpeg,image/png,image/tiff,.pdf,.jpg,.jpeg,.png,.tif,.tiff';

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

type IncomingListQuery = NonNullable<ApiQuery<'/api/incoming-letters', 'get'>>;
/** The register's filters as the screens hold them: lists where the API takes `a,b`, a
 * boolean for `unread`; the rest is the API's query as it stands. */
export type IncomingQuery = Omit<
  IncomingListQuery,
  'urgency' | 'securityClass' | 'status' | 'unread'
> & {
  urgency?: Urgency[];
  securityClass?: SecurityClass[];
  status?: LetterStatus[];
  unread?: boolean;
};

function listQuery(query: IncomingQuery): IncomingListQuery {
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

export type CategorySuggestion = ApiResponse<'/api/incoming-senders/category', 'get'>;

/** The category to offer for a sender: the address book's, else a guess from the name. */
export async function suggestSenderCategory(name: string): Promise<CategorySuggestion> {
  return http.get<CategorySuggestion>('/api/incoming-senders/category', { query: { name } });
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
