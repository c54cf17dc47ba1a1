import mongoose from 'mongoose';
import {
  clearanceAllows,
  hasRole,
  type Actor,
  type HeldPosition,
  type SecurityClass,
} from '../../http/actor.ts';
import type { OutgoingLetter } from './outgoing.model.ts';

/**
 * Who may do what with outgoing letters (design.md §4), as pure functions of the actor and
 * the letter, so lists, reads, files and actions apply one rule.
 *
 * - Draft: pejabat (every official and staff member drafts) and agendaris, as one of the
 *   positions they hold.
 * - See: the drafter, the verifiers and the signer (by position, Plt/Plh included), the
 *   recipients and tembusan once sent, and the letter desk (agendaris) and archivists for
 *   letters of a class their clearance allows. R/SR letters stay within the chain.
 * - Edit and submit: the drafter (by position), while draft or returned.
 * - Paraf: the holder of the current verifier's position. Sign: the signer's position
 *   (which may also return the letter to the drafter).
 * - Dispatch: the letter desk, the drafter or the signer, once signed.
 */
type Access = Pick<
  OutgoingLetter,
  | 'securityClass'
  | 'participantPositionIds'
  | 'drafter'
  | 'verifiers'
  | 'signer'
  | 'currentStep'
  | 'status'
>;

export function heldPosition(actor: Actor, positionId: unknown): HeldPosition | undefined {
  return actor.positions.find((p) => String(p.id) === String(positionId));
}

export function canDraft(actor: Actor): boolean {
  return hasRole(actor, 'pejabat', 'agendaris') && actor.positions.length > 0;
}

export function isDrafter(actor: Actor, letter: Pick<OutgoingLetter, 'drafter'>): boolean {
  return (
    String(letter.drafter.userId) === actor.userId ||
    !!heldPosition(actor, letter.drafter.positionId)
  );
}

function isDesk(actor: Actor, letter: Pick<OutgoingLetter, 'securityClass'>): boolean {
  return (
    hasRole(actor, 'agendaris', 'arsiparis', 'admin') &&
    clearanceAllows(actor.clearance, letter.securityClass as SecurityClass)
  );
}

export function isParticipant(
  actor: Actor,
  letter: Pick<OutgoingLetter, 'participantPositionIds'>,
): boolean {
  return (letter.participantPositionIds ?? []).some((id) => !!heldPosition(actor, id));
}

export function canSee(actor: Actor, letter: Access): boolean {
  if (isDrafter(actor, letter) || isParticipant(actor, letter)) return true;
  // The desk keeps the register of what was signed; drafts stay with their chain.
  return isDesk(actor, letter) && ['signed', 'sent'].includes(letter.status);
}

export function canEdit(actor: Actor, letter: Access): boolean {
  return isDrafter(actor, letter);
}

export function currentVerifier(
  letter: Pick<OutgoingLetter, 'verifiers' | 'currentStep' | 'status'>,
) {
  return letter.status === 'in_review' ? letter.verifiers[letter.currentStep] : undefined;
}

export function isCurrentVerifier(actor: Actor, letter: Access): boolean {
  const verifier = currentVerifier(letter);
  return !!verifier && !!heldPosition(actor, verifier.positionId);
}

export function isSigner(actor: Actor, letter: Pick<OutgoingLetter, 'signer'>): boolean {
  return !!heldPosition(actor, letter.signer.positionId);
}

export function canDispatch(actor: Actor, letter: Access): boolean {
  return hasRole(actor, 'agendaris') &&
    clearanceAllows(actor.clearance, letter.securityClass as SecurityClass)
    ? true
    : isDrafter(actor, letter) || isSigner(actor, letter);
}

/** Mongo filter of the letters an actor sees in lists (the same rule as canSee). */
export function visibleFilter(actor: Actor): Record<string, unknown> {
  const positions = actor.positions.map((p) => new mongoose.Types.ObjectId(String(p.id)));
  const own: Record<string, unknown>[] = [
    { participantPositionIds: { $in: positions } },
    { 'drafter.userId': new mongoose.Types.ObjectId(actor.userId) },
  ];
  if (hasRole(actor, 'agendaris', 'arsiparis', 'admin')) {
    const classes = (['B', 'T', 'R', 'SR'] as const).filter((c) =>
      clearanceAllows(actor.clearance, c),
    );
    own.push({ status: { $in: ['signed', 'sent'] }, securityClass: { $in: classes } });
  }
  return { $or: own };
}
