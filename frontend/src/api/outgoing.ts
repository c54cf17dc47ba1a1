import { http } from './http.ts';
import type { ReauthSecret } from './auth.ts';
import type { ApiBody, ApiQuery, ApiResponse, Schemas } from './generated.ts';
import type { Page } from './types.ts';

/** Outgoing letters (surat keluar). The shapes come from the API's OpenAPI document
 * (generated.ts; backend/src/modules/outgoing/outgoing.responses.ts and outgoing.schema.ts). */

export const OUTGOING_KINDS = [
  'surat_dinas',
  'nota_dinas',
  'surat_undangan',
  'surat_edaran',
  'surat_tugas',
] as const;
export type OutgoingKind = (typeof OUTGOING_KINDS)[number];
export const OUTGOING_STATUSES = [
  'draft',
  'in_review',
  'returned',
  'awaiting_signature',
  'signing',
  'signed',
  'sent',
] as const;
export type OutgoingStatus = (typeof OUTGOING_STATUSES)[number];
export const URGENCIES = ['biasa', 'segera', 'sangat_segera'] as const;
export type Urgency = (typeof URGENCIES)[number];
export type SignMode = 'direct' | 'an' | 'ub';
export type DispatchMethod = 'internal' | 'kurir' | 'pos' | 'email' | 'langsung';
export type Box = 'all' | 'mine' | 'review' | 'sign' | 'dispatch';

/** The rich-text body: the same block model the PDF renderer reads. */
export type Block = Schemas['LetterBody'][number];
export type Run = Extract<Block, { type: 'paragraph' }>['runs'][number];

export type DraftInput = ApiBody<'/api/outgoing-letters', 'post'>;

export type OutgoingListItem = Schemas['OutgoingListItem'];
export type DispatchRecord = Schemas['OutgoingDispatch'];
export type OutgoingLetter = Schemas['OutgoingLetter'];
export type HistoryEntry = Schemas['OutgoingHistoryItem'];
export type VersionContent = Schemas['OutgoingVersionContent'];
export type Version = Schemas['OutgoingVersion'];
export type PositionChoice = Schemas['PositionChoice'];
export type Proposal = Schemas['OutgoingProposal'];

export type RegisterQuery = NonNullable<ApiQuery<'/api/outgoing-letters/register', 'get'>>;

const base = '/api/outgoing-letters';

export const listOutgoing = (query: {
  box?: Box;
  status?: OutgoingStatus;
  q?: string;
  replyTo?: string;
  page?: number;
  pageSize?: number;
}) => http.get<Page<OutgoingListItem>>(base, { query });
export const getOutgoing = (id: string) => http.get<OutgoingLetter>(`${base}/${id}`);
export const createOutgoing = (input: DraftInput) => http.post<OutgoingLetter>(base, input);
export const updateOutgoing = (id: string, input: Partial<DraftInput> & { revision?: number }) =>
  http.patch<OutgoingLetter>(`${base}/${id}`, input);
export const submitOutgoing = (id: string) => http.post<OutgoingLetter>(`${base}/${id}/submit`);
/** A paraf (`approve`) carries the password or signing PIN again; a return does not. */
export const reviewOutgoing = (
  id: string,
  decision: 'approve' | 'return',
  note?: string,
  secret?: ReauthSecret,
) =>
  http.post<OutgoingLetter>(`${base}/${id}/review`, {
    decision,
    ...(note ? { note } : {}),
    ...secret,
  });
/** A signature carries the signing passphrase, which opens the official's own key. */
export const signOutgoing = (id: string, secret: { passphrase: string }) =>
  http.post<OutgoingLetter>(`${base}/${id}/sign`, secret);
export const dispatchOutgoing = (
  id: string,
  external: Array<{
    recipientIndex: number;
    method: Exclude<DispatchMethod, 'internal'>;
    sentDate?: string;
    proof?: string | null;
  }>,
) => http.post<OutgoingLetter>(`${base}/${id}/dispatch`, { external });
export const outgoingHistory = (id: string) =>
  http.get<{ items: HistoryEntry[] }>(`${base}/${id}/history`);
export const outgoingVersions = (id: string) =>
  http.get<{ items: Version[] }>(`${base}/${id}/versions`);
export const outgoingProposal = (kind: OutgoingKind, positionId?: string) =>
  http.get<Proposal>(`${base}/proposal`, { query: { kind, positionId } });
export type BodyTemplateInput = ApiBody<'/api/outgoing-letters/body-template', 'post'>;
/** The kind's body (surat biasa, undangan, nota dinas, edaran, tugas) filled from the draft. */
export const outgoingBodyTemplate = (input: BodyTemplateInput) =>
  http.post<ApiResponse<'/api/outgoing-letters/body-template', 'post'>>(
    `${base}/body-template`,
    input,
  );
export const outgoingPositions = () => http.get<{ items: PositionChoice[] }>(`${base}/positions`);
export const outgoingRegister = (query: RegisterQuery) =>
  http.get<Page<OutgoingListItem>>(`${base}/register`, { query: { ...query } });

export type Attachment = Schemas['OutgoingAttachment'];

export const outgoingAttachments = (id: string) =>
  http.get<{ items: Attachment[] }>(`${base}/${id}/attachments`);
export const removeOutgoingAttachment = (id: string, fileId: string) =>
  http.delete<void>(`${base}/${id}/attachments/${fileId}`);
export function uploadOutgoingAttachments(
  id: string,
  files: File[],
  onProgress?: (fraction: number) => void,
): Promise<{ items: Attachment[] }> {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  return http.upload<{ items: Attachment[] }>(`${base}/${id}/attachments`, form, {
    onProgress: (p) => onProgress?.(p.fraction),
  });
}
export const attachmentUrl = (fileId: string) => `/api/files/${fileId}/content?download=1`;

/** "B-99/... — Perihal" of the incoming letter a new draft answers (the letters API). */
export async function incomingLetterLabel(id: string): Promise<string | null> {
  try {
    const letter = await http.get<{ letterNumber?: string; subject?: string }>(
      `/api/incoming-letters/${id}`,
    );
    return [letter.letterNumber, letter.subject].filter(Boolean).join(' — ') || null;
  } catch {
    return null;
  }
}

/** URLs the browser opens itself (cookie session; GET needs no CSRF token). */
export const previewPdfUrl = (id: string) => `${base}/${id}/preview.pdf`;
export const finalPdfUrl = (id: string) => `${base}/${id}/final.pdf`;
export const pageImageUrl = (
  id: string,
  page: number,
  source: 'preview' | 'final',
  stamp: number | string,
) => `${base}/${id}/pages/${page}.png?source=${source}&width=900&v=${stamp}`;
export const registerExportUrl = (query: RegisterQuery & { format: 'pdf' | 'xlsx' | 'csv' }) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  return `${base}/register/export?${params.toString()}`;
};

/** Page count of the current preview or final PDF (from the first page's header). */
export async function pageCount(id: string, source: 'preview' | 'final'): Promise<number> {
  const response = await fetch(`${base}/${id}/pages/1.png?source=${source}&width=200`, {
    credentials: 'same-origin',
  });
  if (!response.ok) return 0;
  return Number(response.headers.get('x-page-count') ?? '1') || 1;
}

export type KindSetting = Schemas['OutgoingKindSetting'];

export const outgoingSettings = () => http.get<{ items: KindSetting[] }>(`${base}/settings`);
export const saveOutgoingSetting = (
  kind: OutgoingKind,
  input: { numberPattern: string; counterPerKind: boolean },
) => http.put<KindSetting>(`${base}/settings/${kind}`, input);
