import type { SecurityClass } from '@/api/types.ts';
import type {
  Block,
  BodyTemplateInput,
  DraftInput,
  OutgoingKind,
  OutgoingLetter,
  SignMode,
  Urgency,
} from '@/api/outgoing.ts';
import { bodyLines } from './body-html.ts';
import {
  emptyEvent,
  toEventData,
  type InvitationEventForm,
  type TimeZoneCode,
} from '../agenda/invitation-event.ts';

/** The drafting form's state and its checks, apart from the screen so they are tested alone. */
export interface RecipientRow {
  type: 'internal' | 'external';
  positionId: string | null;
  label: string;
  address: string;
  email: string;
}

export interface CopyRow {
  positionId: string | null;
  label: string;
}

export interface DraftForm {
  kind: OutgoingKind;
  positionId: string | null;
  subject: string;
  classificationCode: string;
  securityClass: SecurityClass;
  urgency: Urgency;
  attachmentLabel: string;
  place: string;
  recipients: RecipientRow[];
  recipientPlace: string;
  carbonCopies: CopyRow[];
  body: Block[];
  verifierPositionIds: Array<string | null>;
  signerPositionId: string | null;
  signMode: SignMode;
  onBehalfOfPositionId: string | null;
  throughPositionId: string | null;
  replyTo: { incomingLetterId: string; dispositionId: string | null } | null;
  /** Surat undangan: the event (fills the body; once signed, the agendas). */
  event: InvitationEventForm;
}

export type DraftField =
  | 'subject'
  | 'classificationCode'
  | 'recipients'
  | 'body'
  | 'signer'
  | 'onBehalfOf'
  | 'through'
  | 'verifiers'
  | 'event';

export const DEFAULT_CODES: Record<OutgoingKind, string> = {
  surat_dinas: '000.1',
  surat_undangan: '000.1.5',
  nota_dinas: '000.1',
  surat_edaran: '000.1',
  surat_tugas: '800.1.11.1',
};

export function emptyDraftForm(kind: OutgoingKind = 'surat_dinas'): DraftForm {
  return {
    kind,
    positionId: null,
    subject: kind === 'surat_undangan' ? 'Undangan' : '',
    classificationCode: DEFAULT_CODES[kind],
    securityClass: 'B',
    urgency: 'biasa',
    attachmentLabel: '',
    place: 'Bandar Lampung',
    recipients: [],
    recipientPlace: '',
    carbonCopies: [],
    body: [],
    verifierPositionIds: [],
    signerPositionId: null,
    signMode: 'direct',
    onBehalfOfPositionId: null,
    throughPositionId: null,
    replyTo: null,
    event: emptyEvent(),
  };
}

export function formFromLetter(letter: OutgoingLetter): DraftForm {
  return {
    kind: letter.kind,
    positionId: letter.drafter.positionId,
    subject: letter.subject,
    classificationCode: letter.classificationCode,
    securityClass: letter.securityClass,
    urgency: letter.urgency,
    attachmentLabel: letter.attachmentLabel ?? '',
    place: letter.place,
    recipients: letter.recipients.map((r) => ({
      type: r.type,
      positionId: r.positionId,
      label: r.type === 'external' ? r.label : '',
      address: r.address ?? '',
      email: r.email ?? '',
    })),
    recipientPlace: letter.recipientPlace ?? '',
    carbonCopies: letter.carbonCopies.map((c) => ({
      positionId: c.positionId,
      label: c.positionId ? '' : c.label,
    })),
    body: letter.body,
    verifierPositionIds: letter.verifiers.map((v) => v.positionId),
    signerPositionId: letter.signer.positionId,
    signMode: letter.signer.mode,
    onBehalfOfPositionId: letter.signer.onBehalfOfPositionId,
    throughPositionId: letter.signer.throughPositionId,
    replyTo: letter.replyTo
      ? {
          incomingLetterId: letter.replyTo.incomingLetterId,
          dispositionId: letter.replyTo.dispositionId,
        }
      : null,
    event: letter.event
      ? {
          date: letter.event.date,
          startTime: letter.event.startTime,
          endTime: letter.event.endTime ?? '',
          timeZone: letter.event.timeZone as TimeZoneCode,
          title: letter.event.title ?? '',
          place: letter.event.place ?? '',
          onlineLink: letter.event.onlineLink ?? '',
          dressCode: letter.event.dressCode ?? '',
          notes: letter.event.notes ?? '',
        }
      : emptyEvent(),
  };
}

/** Whether any event field has been typed (an undangan may be drafted without one). */
export function eventStarted(event: InvitationEventForm): boolean {
  return [
    event.date,
    event.startTime,
    event.endTime,
    event.title,
    event.place,
    event.onlineLink,
    event.dressCode,
    event.notes,
  ].some((v) => v.trim() !== '');
}

export function validateDraftForm(form: DraftForm): Partial<Record<DraftField, string>> {
  const errors: Partial<Record<DraftField, string>> = {};
  if (!form.subject.trim()) errors.subject = 'Hal surat wajib diisi.';
  else if (form.subject.length > 500) errors.subject = 'Hal paling banyak 500 karakter.';
  if (!/^\d{3}(\.\d{1,3}){0,4}$/.test(form.classificationCode.trim()))
    errors.classificationCode = 'Kode klasifikasi tidak valid, contoh: 000.1.5';
  if (form.recipients.some((r) => (r.type === 'internal' ? !r.positionId : !r.label.trim())))
    errors.recipients = 'Lengkapi setiap tujuan atau hapus baris yang kosong.';
  else if (form.kind !== 'surat_tugas' && form.recipients.length === 0)
    errors.recipients = 'Tentukan minimal satu tujuan surat.';
  if (bodyLines(form.body).join('').trim() === '') errors.body = 'Isi surat masih kosong.';
  if (!form.signerPositionId) errors.signer = 'Pilih pejabat penanda tangan.';
  if (form.signMode !== 'direct' && !form.onBehalfOfPositionId)
    errors.onBehalfOf = 'Pilih pejabat yang diwakili.';
  if (form.signMode === 'ub' && !form.throughPositionId)
    errors.through = 'Pilih pejabat perantara.';
  const verifiers = form.verifierPositionIds.filter((v): v is string => !!v);
  if (verifiers.length !== form.verifierPositionIds.length)
    errors.verifiers = 'Pilih jabatan untuk setiap verifikator atau hapus barisnya.';
  else if (new Set(verifiers).size !== verifiers.length)
    errors.verifiers = 'Satu jabatan hanya boleh muncul sekali.';
  else if (form.signerPositionId && verifiers.includes(form.signerPositionId))
    errors.verifiers = 'Penanda tangan tidak perlu menjadi verifikator.';
  if (form.kind === 'surat_undangan' && eventStarted(form.event) && !toEventData(form.event))
    errors.event = 'Lengkapi acara undangan: tanggal, pukul mulai, dan tempat atau tautan.';
  else if (
    form.kind === 'surat_undangan' &&
    /^\d{2}:\d{2}$/.test(form.event.endTime) &&
    form.event.endTime <= form.event.startTime
  )
    errors.event = 'Pukul selesai harus setelah pukul mulai.';
  return errors;
}

export function toDraftInput(form: DraftForm): DraftInput {
  return {
    kind: form.kind,
    ...(form.positionId ? { positionId: form.positionId } : {}),
    subject: form.subject.trim(),
    classificationCode: form.classificationCode.trim(),
    securityClass: form.securityClass,
    urgency: form.urgency,
    attachmentLabel: form.attachmentLabel.trim() || null,
    place: form.place.trim() || 'Bandar Lampung',
    recipients: form.recipients.map((r) =>
      r.type === 'internal'
        ? { type: 'internal' as const, positionId: r.positionId! }
        : {
            type: 'external' as const,
            label: r.label.trim(),
            address: r.address.trim() || null,
            email: r.email.trim() || null,
          },
    ),
    recipientPlace: form.recipientPlace.trim() || null,
    carbonCopies: form.carbonCopies
      .filter((c) => c.positionId || c.label.trim())
      .map((c) => (c.positionId ? { positionId: c.positionId } : { label: c.label.trim() })),
    body: form.body,
    verifierPositionIds: form.verifierPositionIds.filter((v): v is string => !!v),
    signer: {
      positionId: form.signerPositionId!,
      mode: form.signMode,
      onBehalfOfPositionId: form.signMode === 'direct' ? null : form.onBehalfOfPositionId,
      throughPositionId: form.signMode === 'ub' ? form.throughPositionId : null,
    },
    replyTo: form.replyTo,
    event: form.kind === 'surat_undangan' ? toEventData(form.event) : null,
  };
}

/** What the body template is filled from: the draft as it stands, leaving out rows the clerk
 * has not completed yet. */
export function templateInput(form: DraftForm): BodyTemplateInput {
  return {
    kind: form.kind,
    subject: form.subject.trim(),
    recipients: form.recipients.flatMap((r): BodyTemplateInput['recipients'] & object => {
      if (r.type === 'internal')
        return r.positionId ? [{ type: 'internal', positionId: r.positionId }] : [];
      return r.label.trim() ? [{ type: 'external', label: r.label.trim() }] : [];
    }),
    signerPositionId: form.signerPositionId,
    replyTo: form.replyTo,
    ...(form.kind === 'surat_undangan' ? { event: templateEvent(form.event) } : {}),
  };
}

/** The event fields as far as typed: the template fills these and leaves blanks for the rest. */
function templateEvent(event: InvitationEventForm): NonNullable<BodyTemplateInput['event']> {
  const clock = (value: string) => (/^\d{2}:\d{2}$/.test(value) ? value : undefined);
  const text = (value: string) => value.trim() || undefined;
  return {
    date: /^\d{4}-\d{2}-\d{2}$/.test(event.date) ? event.date : undefined,
    startTime: clock(event.startTime),
    endTime: clock(event.endTime),
    timeZone: event.timeZone,
    title: text(event.title),
    place: text(event.place),
    onlineLink: text(event.onlineLink),
  };
}

/** True when the body is empty or still exactly the template last put there: then a new
 * template may replace it without asking. */
export function bodyIsTemplateOrEmpty(body: Block[], lastTemplate: string | null): boolean {
  return bodyLines(body).join('').trim() === '' || JSON.stringify(body) === lastTemplate;
}
