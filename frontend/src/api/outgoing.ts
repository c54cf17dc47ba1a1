import { http } from './http.ts';
import type { Page, SecurityClass } from './types.ts';

/** Outgoing letters (surat keluar): mirrors backend/src/modules/outgoing/outgoing.schema.ts
 * and outgoing.presenter.ts; keep them in step. */

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
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}
export type Block =
  | {
      type: 'paragraph';
      runs: Run[];
      align?: 'left' | 'justify' | 'center' | 'right';
      indent?: boolean;
    }
  | { type: 'list'; style: 'numbered' | 'lettered' | 'bullet'; items: Array<{ runs: Run[] }> }
  | {
      type: 'table';
      header?: boolean;
      borders?: boolean;
      rows: Array<{ cells: Array<{ runs: Run[] }> }>;
    };

export type RecipientInput =
  | { type: 'internal'; positionId: string }
  | { type: 'external'; label: string; address?: string | null; email?: string | null };
export type CopyInput = { positionId: string } | { label: string };

export interface SignerInput {
  positionId: string;
  mode: SignMode;
  onBehalfOfPositionId?: string | null;
  throughPositionId?: string | null;
}

export interface DraftInput {
  kind: OutgoingKind;
  positionId?: string;
  subject: string;
  classificationCode?: string;
  securityClass?: SecurityClass;
  urgency?: Urgency;
  attachmentLabel?: string | null;
  recipients: RecipientInput[];
  recipientPlace?: string | null;
  carbonCopies: CopyInput[];
  body: Block[];
  place?: string;
  verifierPositionIds?: string[];
  signer?: SignerInput;
  replyTo?: { incomingLetterId: string; dispositionId?: string | null } | null;
}

export interface OutgoingListItem {
  id: string;
  kind: OutgoingKind;
  kindLabel: string;
  status: OutgoingStatus;
  statusLabel: string;
  subject: string;
  number: string | null;
  securityClass: SecurityClass;
  urgency: Urgency;
  recipients: string[];
  drafterName: string;
  drafterPositionTitle: string;
  awaiting: string | null;
  version: number;
  signedAt: string | null;
  sentAt: string | null;
  updatedAt: string | null;
}

export interface Verifier {
  positionId: string;
  title: string;
  decision: 'pending' | 'approved' | 'returned';
  decidedAt: string | null;
  decidedByName: string | null;
  note: string | null;
}

export interface DispatchRecord {
  id: string;
  recipientIndex: number | null;
  type: 'internal' | 'external' | 'copy';
  label: string;
  method: DispatchMethod;
  sentAt: string | null;
  proof: string | null;
  incomingLetterId: string | null;
  status: 'sent' | 'failed';
  recordedByName: string | null;
}

export interface OutgoingLetter extends Omit<OutgoingListItem, 'recipients'> {
  code: string;
  revision: number;
  submittedVersion: number | null;
  classificationCode: string;
  attachmentLabel: string | null;
  recipients: Array<{
    type: 'internal' | 'external';
    positionId: string | null;
    label: string;
    address: string | null;
    email: string | null;
  }>;
  recipientPlace: string | null;
  carbonCopies: Array<{ positionId: string | null; label: string }>;
  body: Block[];
  place: string;
  drafter: { userId: string; name: string; positionId: string; positionTitle: string };
  verifiers: Verifier[];
  currentStep: number;
  signer: {
    positionId: string;
    title: string;
    mode: SignMode;
    onBehalfOfPositionId: string | null;
    onBehalfOfTitle: string | null;
    throughPositionId: string | null;
    throughTitle: string | null;
  };
  replyTo: { incomingLetterId: string; dispositionId: string | null; label: string | null } | null;
  signature: {
    name: string;
    nip: string | null;
    positionTitle: string;
    headingLines: string[];
  } | null;
  final: { sha256: string; size: number } | null;
  verificationUrl: string | null;
  dispatches: DispatchRecord[];
  dispositionCompleted: boolean;
  createdAt: string | null;
  permissions: {
    edit: boolean;
    submit: boolean;
    review: boolean;
    sign: boolean;
    returnAsSigner: boolean;
    dispatch: boolean;
  };
}

export interface HistoryEntry {
  action: string;
  label: string;
  fromStatus: OutgoingStatus;
  toStatus: OutgoingStatus;
  version: number;
  note: string | null;
  actorName: string | null;
  actorPositionTitle: string | null;
  at: string | null;
}

export interface VersionContent {
  kind: OutgoingKind;
  subject: string;
  classificationCode: string;
  securityClass: SecurityClass;
  urgency: Urgency;
  attachmentLabel: string | null;
  recipients: Array<{ label: string; address: string | null }>;
  recipientPlace: string | null;
  carbonCopies: Array<{ label: string }>;
  body: Block[];
  place: string;
  signer: {
    title: string;
    mode: SignMode;
    onBehalfOfTitle: string | null;
    throughTitle: string | null;
  };
  attachments?: Array<{ name: string; sha256: string }>;
}

export interface Version {
  version: number;
  createdAt: string | null;
  createdByName: string | null;
  content: VersionContent;
}

export interface PositionChoice {
  id: string;
  key: string;
  title: string;
  formalTitle: string;
  kind: string;
  unitCode: string;
  unitName: string;
  holderName: string | null;
}

export interface Proposal {
  drafterPositionId: string;
  verifiers: Array<{ positionId: string; title: string }>;
  signer: (SignerInput & { title: string | null; onBehalfOfTitle: string | null }) | null;
}

export interface RegisterQuery {
  from?: string;
  to?: string;
  month?: string;
  year?: number;
  kind?: OutgoingKind;
  unit?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

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
export const reviewOutgoing = (id: string, decision: 'approve' | 'return', note?: string) =>
  http.post<OutgoingLetter>(`${base}/${id}/review`, { decision, ...(note ? { note } : {}) });
export const signOutgoing = (id: string, passphrase?: string) =>
  http.post<OutgoingLetter>(`${base}/${id}/sign`, passphrase ? { passphrase } : {});
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
export const outgoingPositions = () => http.get<{ items: PositionChoice[] }>(`${base}/positions`);
export const outgoingRegister = (query: RegisterQuery) =>
  http.get<Page<OutgoingListItem>>(`${base}/register`, { query: { ...query } });

export interface Attachment {
  id: string;
  name: string;
  size: number;
  mimeType: string;
  sha256: string;
}

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

export interface KindSetting {
  kind: OutgoingKind;
  label: string;
  numberPattern: string;
  counterPerKind: boolean;
  customised: boolean;
  updatedAt: string | null;
  updatedByName: string | null;
}

export const outgoingSettings = () => http.get<{ items: KindSetting[] }>(`${base}/settings`);
export const saveOutgoingSetting = (
  kind: OutgoingKind,
  input: { numberPattern: string; counterPerKind: boolean },
) => http.put<KindSetting>(`${base}/settings/${kind}`, input);
