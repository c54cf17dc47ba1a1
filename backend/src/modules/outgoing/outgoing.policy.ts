import mongoose from 'mongoose';
import { SECURITY_CLASSES, type Actor, type SecurityClass } from '../../http/actor.ts';
import { can, heldPosition, reach } from '../policy/policy.ts';
import type { OutgoingLetter } from './outgoing.model.ts';

export { heldPosition };

/**
 * Outgoing letters as the policy sees them (modules/policy/policy.ts has the rules; this
 * file only describes a letter to it, once per action):
 *
 * - outgoing.draft: the drafting position (or the user who drafted it);
 * - outgoing.view: the participants (drafter, verifiers, signer; recipients and tembusan
 *   once sent; `participantPositionIds`) or the drafting user;
 * - outgoing.view_register: the register of signed and sent letters;
 * - outgoing.sign: the verifier whose turn it is, or the signer;
 * - outgoing.dispatch: any signed letter.
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

const classOf = (letter: Pick<OutgoingLetter, 'securityClass'>) =>
  letter.securityClass as SecurityClass;

/** The actor may start a draft as one of their positions (the class is checked when the
 * draft names it). */
export function canDraft(actor: Actor): boolean {
  return actor.positions.some((p) => can(actor, 'outgoing.draft', { addresseeIds: [p.id] }));
}

/** A draft of this class as this held position. */
export function canDraftAs(actor: Actor, positionId: string, securityClass: string): boolean {
  return can(actor, 'outgoing.draft', {
    securityClass: securityClass as SecurityClass,
    addresseeIds: [positionId],
  });
}

export function canSee(actor: Actor, letter: Access): boolean {
  if (
    can(actor, 'outgoing.view', {
      securityClass: classOf(letter),
      chainIds: [
        String(letter.drafter.positionId),
        ...(letter.participantPositionIds ?? []).map(String),
      ],
      ownerUserId: String(letter.drafter.userId),
    })
  )
    return true;
  // The desk keeps the register of what was signed; drafts stay with their chain.
  return (
    ['signed', 'sent'].includes(letter.status) &&
    can(actor, 'outgoing.view_register', { securityClass: classOf(letter) })
  );
}

export function canEdit(actor: Actor, letter: Access): boolean {
  return can(actor, 'outgoing.draft', {
    securityClass: classOf(letter),
    addresseeIds: [String(letter.drafter.positionId)],
    ownerUserId: String(letter.drafter.userId),
  });
}

export function currentVerifier(
  letter: Pick<OutgoingLetter, 'verifiers' | 'currentStep' | 'status'>,
) {
  return letter.status === 'in_review' ? letter.verifiers[letter.currentStep] : undefined;
}

export function isCurrentVerifier(actor: Actor, letter: Access): boolean {
  const verifier = currentVerifier(letter);
  return (
    !!verifier &&
    can(actor, 'outgoing.sign', {
      securityClass: classOf(letter),
      addresseeIds: [String(verifier.positionId)],
    })
  );
}

export function isSigner(
  actor: Actor,
  letter: Pick<OutgoingLetter, 'signer' | 'securityClass'>,
): boolean {
  return can(actor, 'outgoing.sign', {
    securityClass: classOf(letter),
    addresseeIds: [String(letter.signer.positionId)],
  });
}

export function canDispatch(actor: Actor, letter: Pick<OutgoingLetter, 'securityClass'>): boolean {
  return can(actor, 'outgoing.dispatch', { securityClass: classOf(letter) });
}

/** Mongo filter of the letters an actor sees in lists (the same rule as canSee). */
export function visibleFilter(actor: Actor): Record<string, unknown> {
  const view = reach(actor, 'outgoing.view');
  const positions = view.chainPositionIds.map((id) => new mongoose.Types.ObjectId(id));
  const own: Record<string, unknown>[] = [{ participantPositionIds: { $in: positions } }];
  if (view.own) own.push({ 'drafter.userId': new mongoose.Types.ObjectId(actor.userId) });
  const classes = SECURITY_CLASSES.filter((c) => reach(actor, 'outgoing.view_register', c).any);
  if (classes.length > 0)
    own.push({ status: { $in: ['signed', 'sent'] }, securityClass: { $in: classes } });
  return { $or: own };
}
