import type { InvitationEvent } from '../agenda/agenda.schema.ts';
import type { Actor } from '../../http/actor.ts';
import { STATUS_LABELS } from './chain.ts';
import type { OutgoingLetter, OutgoingStatus, OutgoingVersion } from './outgoing.model.ts';
import { canDispatch, canEdit, isCurrentVerifier, isSigner } from './outgoing.policy.ts';
import { KIND_DEFINITIONS, type OutgoingKind } from './templates/kinds.ts';
import { displayCode } from './verification-code.ts';

/** Models → JSON: ids as strings, no _id/__v, labels in Bahasa Indonesia. */
const str = (value: unknown) => (value === null || value === undefined ? null : String(value));
const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);

export function presentPermissions(actor: Actor, letter: OutgoingLetter) {
  const status = letter.status as OutgoingStatus;
  const drafting = status === 'draft' || status === 'returned';
  return {
    edit: drafting && canEdit(actor, letter),
    submit: drafting && canEdit(actor, letter),
    review: status === 'in_review' && isCurrentVerifier(actor, letter),
    sign: (status === 'awaiting_signature' || status === 'signing') && isSigner(actor, letter),
    returnAsSigner: status === 'awaiting_signature' && isSigner(actor, letter),
    dispatch: (status === 'signed' || status === 'sent') && canDispatch(actor, letter),
  };
}

function awaiting(letter: OutgoingLetter): string | null {
  switch (letter.status) {
    case 'draft':
    case 'returned':
      return letter.drafter.positionTitle;
    case 'in_review':
      return letter.verifiers[letter.currentStep]?.title ?? null;
    case 'awaiting_signature':
    case 'signing':
      return letter.signer.title;
    case 'signed':
      return 'Pengiriman';
    default:
      return null;
  }
}

export function presentListItem(letter: OutgoingLetter) {
  return {
    id: String(letter._id),
    kind: letter.kind,
    kindLabel: KIND_DEFINITIONS[letter.kind as OutgoingKind].label,
    status: letter.status,
    statusLabel: STATUS_LABELS[letter.status as OutgoingStatus],
    subject: letter.subject,
    number: letter.number ?? null,
    securityClass: letter.securityClass,
    urgency: letter.urgency,
    recipients: letter.recipients.map((r) => r.label),
    drafterName: letter.drafter.name,
    drafterPositionTitle: letter.drafter.positionTitle,
    awaiting: awaiting(letter),
    version: letter.version,
    signedAt: iso(letter.signedAt),
    sentAt: iso(letter.sentAt),
    updatedAt: iso((letter as { updatedAt?: Date }).updatedAt),
  };
}

export function presentDetail(
  actor: Actor,
  letter: OutgoingLetter,
  verificationUrl: string | null,
) {
  return {
    ...presentListItem(letter),
    code: displayCode(letter.code),
    revision: letter.revision,
    submittedVersion: letter.submittedVersion ?? null,
    classificationCode: letter.classificationCode,
    attachmentLabel: letter.attachmentLabel ?? null,
    recipients: letter.recipients.map((r) => ({
      type: r.type,
      positionId: str(r.positionId),
      label: r.label,
      address: r.address ?? null,
      email: r.email ?? null,
    })),
    recipientPlace: letter.recipientPlace ?? null,
    carbonCopies: letter.carbonCopies.map((c) => ({
      positionId: str(c.positionId),
      label: c.label,
    })),
    body: letter.body ?? [],
    place: letter.place,
    event: (letter.event as InvitationEvent | null) ?? null,
    drafter: {
      userId: String(letter.drafter.userId),
      name: letter.drafter.name,
      positionId: String(letter.drafter.positionId),
      positionTitle: letter.drafter.positionTitle,
    },
    verifiers: letter.verifiers.map((v) => ({
      positionId: String(v.positionId),
      title: v.title,
      decision: v.decision,
      decidedAt: iso(v.decidedAt),
      decidedByName: v.decidedByName ?? null,
      note: v.note ?? null,
    })),
    currentStep: letter.currentStep,
    signer: {
      positionId: String(letter.signer.positionId),
      title: letter.signer.title,
      mode: letter.signer.mode,
      onBehalfOfPositionId: str(letter.signer.onBehalfOfPositionId),
      onBehalfOfTitle: letter.signer.onBehalfOfTitle ?? null,
      throughPositionId: str(letter.signer.throughPositionId),
      throughTitle: letter.signer.throughTitle ?? null,
    },
    replyTo: letter.replyTo
      ? {
          incomingLetterId: String(letter.replyTo.incomingLetterId),
          dispositionId: str(letter.replyTo.dispositionId),
          label: letter.replyTo.label ?? null,
        }
      : null,
    signature:
      letter.signature && letter.final
        ? {
            name: letter.signature.name,
            nip: letter.signature.nip ?? null,
            positionTitle: letter.signature.positionTitle,
            headingLines: letter.signature.headingLines,
          }
        : null,
    final: letter.final ? { sha256: letter.final.sha256, size: letter.final.size } : null,
    verificationUrl: letter.final ? verificationUrl : null,
    dispatches: letter.dispatches.map((d) => ({
      id: String((d as { _id?: unknown })._id ?? ''),
      recipientIndex: d.recipientIndex ?? null,
      type: d.type,
      label: d.label,
      method: d.method,
      sentAt: iso(d.sentAt),
      sentDate: d.sentDate ?? legacySentDate(d),
      proof: d.proof ?? null,
      incomingLetterId: str(d.incomingLetterId),
      status: d.status,
      recordedByName: d.recordedByName ?? null,
    })),
    dispositionCompleted: letter.dispositionCompleted,
    createdAt: iso((letter as { createdAt?: Date }).createdAt),
    permissions: presentPermissions(actor, letter),
  };
}

export function presentVersion(version: OutgoingVersion) {
  return {
    version: version.version,
    createdAt: iso(version.createdAt),
    createdByName: version.createdByName ?? null,
    content: version.content,
  };
}

/** External dispatches recorded before `sentDate` existed were stored at an invented
 * 09.00 WIB of the clerk's day: that exact instant means "only the day is known". */
export function legacySentDate(d: { type: string; sentAt?: Date | null }): string | null {
  if (d.type !== 'external' || !d.sentAt) return null;
  const jakarta = new Date(new Date(d.sentAt).getTime() + 7 * 3600 * 1000);
  return jakarta.toISOString().slice(11, 23) === '09:00:00.000'
    ? jakarta.toISOString().slice(0, 10)
    : null;
}
