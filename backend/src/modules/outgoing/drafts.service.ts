import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { checkClassificationCode } from '../classification/classification.service.ts';
import { filesOf } from '../files/files.service.ts';
import { describeReplyTarget } from './links.ts';
import {
  OutgoingLetterModel,
  OutgoingVersionModel,
  type OutgoingLetter,
} from './outgoing.model.ts';
import { canDraft, canDraftAs, canEdit, canSee } from './outgoing.policy.ts';
import type { CreateDraftInput, UpdateDraftInput } from './outgoing.schema.ts';
import { drafterSnapshot, proposeChain, resolveParties } from './parties.ts';
import { publishOutgoing } from './search-bridge.ts';
import { commitChange, requireLetter } from './transitions.ts';
import { kindDefinition } from './templates/kinds.ts';
import { newVerificationCode } from './verification-code.ts';
import { now } from '../../lib/clock.ts';

/** Drafting: create, read, edit. The verification chain is in review.service.ts. */

export async function loadVisible(actor: Actor, id: string): Promise<OutgoingLetter> {
  const letter = await requireLetter(id);
  if (!canSee(actor, letter)) throw notFound('Surat keluar');
  return letter;
}

async function checkCode(code: string): Promise<void> {
  if (!(await checkClassificationCode(code))) {
    throw validationFailed(
      `Kode klasifikasi "${code}" tidak dikenal. Pilih kode dari daftar klasifikasi.`,
    );
  }
}

export function participantsOf(
  letter: Pick<OutgoingLetter, 'drafter' | 'verifiers' | 'signer'> & { extra?: unknown[] },
): mongoose.Types.ObjectId[] {
  const ids = [
    letter.drafter.positionId,
    ...letter.verifiers.map((v) => v.positionId),
    letter.signer.positionId,
    ...(letter.extra ?? []),
  ];
  return [...new Set(ids.map(String))].map((id) => new mongoose.Types.ObjectId(id));
}

export async function createDraft(
  actor: Actor,
  input: CreateDraftInput,
  ip?: string,
): Promise<OutgoingLetter> {
  if (!canDraft(actor)) throw forbidden('Anda tidak berwenang menyusun konsep surat keluar.');
  const drafter = drafterSnapshot(actor, input.positionId);
  if (!canDraftAs(actor, String(drafter.positionId), input.securityClass ?? 'B'))
    throw forbidden(
      `Izin akses Anda (${actor.clearance}) tidak mencakup surat berklasifikasi ${input.securityClass}.`,
    );
  const definition = kindDefinition(input.kind);
  const classificationCode = input.classificationCode ?? definition.defaultClassificationCode;
  await checkCode(classificationCode);
  const proposal =
    input.verifierPositionIds && input.signer
      ? null
      : await proposeChain(input.kind, String(drafter.positionId));
  const signerInput = input.signer ?? proposal?.signer ?? null;
  if (!signerInput) throw validationFailed('Pilih pejabat penanda tangan.');
  const parties = await resolveParties(
    {
      ...input,
      signer: signerInput,
      verifierPositionIds: input.verifierPositionIds ?? proposal?.verifierPositionIds ?? [],
    },
    String(drafter.positionId),
  );
  const replyTo = input.replyTo ? await describeReplyTarget(actor, input.replyTo) : null;
  const base = {
    kind: input.kind,
    status: 'draft' as const,
    revision: 0,
    version: 1,
    securityClass: input.securityClass,
    urgency: input.urgency,
    classificationCode,
    subject: input.subject,
    attachmentLabel: input.attachmentLabel ?? null,
    recipients: parties.recipients,
    recipientPlace: input.recipientPlace ?? null,
    carbonCopies: parties.carbonCopies,
    body: input.body,
    place: input.place ?? 'Bandar Lampung',
    event: input.event ?? null,
    drafter,
    verifiers: parties.verifiers,
    currentStep: 0,
    signer: parties.signer!,
    replyTo,
    createdByUserId: new mongoose.Types.ObjectId(actor.userId),
  };
  const participantPositionIds = participantsOf({
    drafter,
    verifiers: parties.verifiers as OutgoingLetter['verifiers'],
    signer: parties.signer as OutgoingLetter['signer'],
  });
  // The code is random; a collision with an existing letter is retried with a new one.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const created = await OutgoingLetterModel.create({
        ...base,
        participantPositionIds,
        awaitingPositionId: drafter.positionId,
        code: newVerificationCode(),
      });
      const letter = created.toObject() as OutgoingLetter;
      await recordAudit({
        actor,
        action: 'outgoing.create',
        recordType: 'outgoing-letter',
        recordId: String(letter._id),
        after: auditView(letter),
        ip,
        positionId: String(drafter.positionId),
      });
      await publishOutgoing(letter);
      return letter;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  throw new AppError(503, 'SERVICE_UNAVAILABLE', 'Kode verifikasi tidak dapat dibuat. Coba lagi.');
}

export async function updateDraft(
  actor: Actor,
  id: string,
  input: UpdateDraftInput,
  ip?: string,
): Promise<OutgoingLetter> {
  const letter = await loadVisible(actor, id);
  if (!canEdit(actor, letter))
    throw forbidden('Hanya penyusun konsep yang dapat mengubah surat ini.');
  if (input.revision !== undefined && input.revision !== letter.revision) {
    throw conflict(
      'Konsep ini telah berubah sejak Anda membukanya. Muat ulang sebelum menyimpan.',
      { revision: letter.revision },
    );
  }
  if (input.classificationCode) await checkCode(input.classificationCode);
  const drafterPositionId = String(letter.drafter.positionId);
  const set: Record<string, unknown> = {};
  for (const key of [
    'kind',
    'subject',
    'classificationCode',
    'securityClass',
    'urgency',
    'attachmentLabel',
    'recipientPlace',
    'body',
    'place',
    'event',
  ] as const) {
    if (input[key] !== undefined) set[key] = input[key];
  }
  if (input.recipients || input.carbonCopies || input.verifierPositionIds || input.signer) {
    const parties = await resolveParties(
      {
        recipients: input.recipients ?? [],
        carbonCopies: input.carbonCopies ?? [],
        verifierPositionIds:
          input.verifierPositionIds ?? letter.verifiers.map((v) => String(v.positionId)),
        signer: input.signer ?? {
          positionId: String(letter.signer.positionId),
          mode: letter.signer.mode as 'direct' | 'an' | 'ub',
          onBehalfOfPositionId: letter.signer.onBehalfOfPositionId
            ? String(letter.signer.onBehalfOfPositionId)
            : null,
          throughPositionId: letter.signer.throughPositionId
            ? String(letter.signer.throughPositionId)
            : null,
        },
      },
      drafterPositionId,
    );
    if (input.recipients) set.recipients = parties.recipients;
    if (input.carbonCopies) set.carbonCopies = parties.carbonCopies;
    set.verifiers = parties.verifiers;
    set.signer = parties.signer;
    set.participantPositionIds = participantsOf({
      drafter: letter.drafter,
      verifiers: parties.verifiers as OutgoingLetter['verifiers'],
      signer: parties.signer as OutgoingLetter['signer'],
    });
  }
  if (input.replyTo !== undefined)
    set.replyTo = input.replyTo ? await describeReplyTarget(actor, input.replyTo) : null;
  // The first edit after a submission starts a new version; the submitted one is kept.
  if (letter.submittedVersion === letter.version) set.version = letter.version + 1;
  const after = await commitChange({
    letter,
    action: 'edit',
    set,
    actor: changeActor(actor, letter.drafter.positionTitle),
  });
  await recordAudit({
    actor,
    action: 'outgoing.edit',
    recordType: 'outgoing-letter',
    recordId: id,
    before: auditView(letter),
    after: auditView(after),
    ip,
    positionId: drafterPositionId,
  });
  await publishOutgoing(after);
  return after;
}

/** The content that makes up a version (what verifiers read and compare). */
export function contentOf(letter: OutgoingLetter): Record<string, unknown> {
  return {
    kind: letter.kind,
    subject: letter.subject,
    classificationCode: letter.classificationCode,
    securityClass: letter.securityClass,
    urgency: letter.urgency,
    attachmentLabel: letter.attachmentLabel ?? null,
    recipients: letter.recipients.map((r) => ({
      type: r.type,
      positionId: r.positionId ? String(r.positionId) : null,
      label: r.label,
      address: r.address ?? null,
      email: r.email ?? null,
    })),
    recipientPlace: letter.recipientPlace ?? null,
    carbonCopies: letter.carbonCopies.map((c) => ({
      positionId: c.positionId ? String(c.positionId) : null,
      label: c.label,
    })),
    body: letter.body,
    place: letter.place,
    signer: {
      title: letter.signer.title,
      mode: letter.signer.mode,
      onBehalfOfTitle: letter.signer.onBehalfOfTitle ?? null,
      throughTitle: letter.signer.throughTitle ?? null,
    },
  };
}

/** Keeps the submitted version; idempotent (a retry finds it stored). */
export async function storeVersion(actor: Actor, letter: OutgoingLetter): Promise<void> {
  try {
    await OutgoingVersionModel.create({
      letterId: letter._id,
      version: letter.version,
      content: {
        ...contentOf(letter),
        attachments: (await filesOf('outgoing', letter._id)).map((f) => ({
          name: f.name,
          sha256: f.sha256,
        })),
      },
      createdAt: now(),
      createdByUserId: new mongoose.Types.ObjectId(actor.userId),
      createdByName: actor.name,
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

export function changeActor(actor: Actor, positionTitle: string | null) {
  return { userId: actor.userId, name: actor.name, positionTitle };
}

/** What the audit trail keeps of a letter: the fields people argue about later. */
export function auditView(letter: OutgoingLetter): Record<string, unknown> {
  return {
    status: letter.status,
    version: letter.version,
    kind: letter.kind,
    subject: letter.subject,
    classificationCode: letter.classificationCode,
    securityClass: letter.securityClass,
    number: letter.number ?? null,
    verifiers: letter.verifiers.map((v) => `${v.title}: ${v.decision}`).join('; '),
    signer: letter.signer.title,
    sha256: letter.final?.sha256 ?? null,
  };
}
