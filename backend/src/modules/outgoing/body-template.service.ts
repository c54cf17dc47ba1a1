import type { Actor } from '../../http/actor.ts';
import { forbidden, validationFailed } from '../../http/errors.ts';
import { canReadLetterContent } from '../letters/letters.policy.ts';
import { loadVisibleLetter } from '../letters/letters.service.ts';
import { UserModel, type User } from '../org/org.model.ts';
import { holdersOfPositions, type PositionHolder } from '../org/org.service.ts';
import { canDraft } from './outgoing.policy.ts';
import type { BodyTemplateInput } from './outgoing.schema.ts';
import { formalTitle, loadPositions } from './parties.ts';
import { rankLine } from './render.service.ts';
import type { Body } from './templates/body-model.ts';
import {
  BLANK,
  bodyTemplate,
  type TemplateAssignee,
  type TemplateReference,
} from './templates/body-templates.ts';
import type { OutgoingKind } from './templates/kinds.ts';

/**
 * The body a draft of this kind starts from, filled from the draft: the addressees and the
 * signer by their formal titles, the incoming letter it answers (its number, date, sender;
 * its subject only for who may read its content), and for a surat tugas the people who hold
 * the internal recipient positions today (name, NIP, rank, position).
 */
export async function draftBodyTemplate(actor: Actor, input: BodyTemplateInput): Promise<Body> {
  if (!canDraft(actor)) throw forbidden('Anda tidak berwenang menyusun konsep surat keluar.');
  const internal = input.recipients.flatMap((r) => (r.type === 'internal' ? [r.positionId] : []));
  const positions = await loadPositions([
    ...internal,
    ...(input.signerPositionId ? [input.signerPositionId] : []),
  ]);
  const titleOf = (id: string) => {
    const position = positions.get(id);
    return position ? formalTitle(position) : BLANK;
  };
  const addressees = input.recipients.map((r) =>
    r.type === 'internal' ? titleOf(r.positionId) : r.label,
  );
  return bodyTemplate(input.kind as OutgoingKind, {
    subject: input.subject,
    addressees,
    reference: input.replyTo ? await referenceOf(actor, input.replyTo.incomingLetterId) : null,
    signerTitle: input.signerPositionId ? titleOf(input.signerPositionId) : null,
    assignees: input.kind === 'surat_tugas' ? await assigneesOf(input.recipients, titleOf) : [],
    event: input.kind === 'surat_undangan' ? (input.event ?? null) : null,
  });
}

async function referenceOf(actor: Actor, incomingLetterId: string): Promise<TemplateReference> {
  const letter = await loadVisibleLetter(actor, incomingLetterId).catch(() => null);
  if (!letter)
    throw validationFailed('Surat masuk yang dijawab tidak ditemukan atau tidak dapat Anda buka.');
  return {
    senderName: letter.senderName,
    letterNumber: letter.letterNumber,
    letterDate: letter.letterDate ?? null,
    // A register line's reader (not the content's) learns no subject from the template.
    subject: canReadLetterContent(actor, letter) ? letter.subject : BLANK,
  };
}

/** The people a surat tugas assigns: today's holder of each internal recipient position (the
 * definitive holder, else the acting one), an outside recipient by the name typed. */
async function assigneesOf(
  recipients: BodyTemplateInput['recipients'],
  titleOf: (id: string) => string,
): Promise<TemplateAssignee[]> {
  const positionIds = recipients.flatMap((r) => (r.type === 'internal' ? [r.positionId] : []));
  const holders = positionIds.length
    ? await holdersOfPositions(positionIds)
    : new Map<string, PositionHolder[]>();
  const holderOf = (id: string) => {
    const list = holders.get(id) ?? [];
    return list.find((h) => !h.acting) ?? list[0];
  };
  const userIds = positionIds.flatMap((id) => (holderOf(id) ? [holderOf(id)!.userId] : []));
  const users = new Map(
    (
      await Promise.all(
        // One read by _id each: a surat tugas names a handful of people.
        userIds.map((id) =>
          UserModel.findById(id, { name: 1, nip: 1, rank: 1, grade: 1 }).lean<User>(),
        ),
      )
    ).flatMap((u) => (u ? [[String(u._id), u] as const] : [])),
  );
  return recipients.map((recipient) => {
    if (recipient.type === 'external')
      return { name: recipient.label, nip: null, rank: null, title: BLANK };
    const holder = holderOf(recipient.positionId);
    const user = holder ? users.get(holder.userId) : undefined;
    return {
      name: user?.name ?? holder?.name ?? BLANK,
      nip: user?.nip ?? null,
      rank: user ? rankLine(user) : null,
      title: titleOf(recipient.positionId),
    };
  });
}
