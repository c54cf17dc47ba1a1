import mongoose from 'mongoose';
import { clearanceAllows, hasRole, type Actor } from '../../http/actor.ts';
import type { StoredFile } from '../files/file.model.ts';
import { IncomingLetterModel, type IncomingLetter } from './letters.model.ts';

/**
 * Who may do what with incoming letters (design.md §4). Pure functions over the actor and
 * the letter document, so lists, single reads, files and search all apply the same rule.
 *
 * - Register: agendaris, admin.
 * - Register access (the whole buku agenda, metadata): agendaris, admin, arsiparis.
 * - By position: the addressee, its superiors (chain at registration), tembusan positions
 *   and positions the letter was disposed to (grantLetterAccess) see the letter.
 * - Content (subject, summary, files) of R and SR letters: only those positions, the
 *   registering clerk, and arsiparis cleared for the class. Everyone else with register
 *   access sees agenda number, dates, sender and "RAHASIA".
 * - Correct: the registering clerk or an admin, while not void, and only with content access.
 * - Void: the registering clerk or an admin, while not void.
 */
type LetterAccessFields = Pick<
  IncomingLetter,
  'securityClass' | 'readerPositionIds' | 'registeredBy' | 'status'
>;

export const CONFIDENTIAL_CLASSES = ['R', 'SR'] as const;

export function isConfidential(letter: Pick<IncomingLetter, 'securityClass'>): boolean {
  return letter.securityClass === 'R' || letter.securityClass === 'SR';
}

export function canRegisterLetters(actor: Actor): boolean {
  return hasRole(actor, 'agendaris', 'admin');
}

export function hasRegisterAccess(actor: Actor): boolean {
  return hasRole(actor, 'agendaris', 'admin', 'arsiparis');
}

export function heldPositionIds(actor: Actor): string[] {
  return actor.positions.map((p) => String(p.id));
}

/** The actor holds (or acts in) a position the letter is addressed, copied or disposed to,
 * or a superior of the addressee. */
export function isInLetterChain(
  actor: Actor,
  letter: Pick<IncomingLetter, 'readerPositionIds'>,
): boolean {
  const mine = new Set(heldPositionIds(actor));
  return (letter.readerPositionIds ?? []).some((id) => mine.has(String(id)));
}

export function isRegisteringClerk(
  actor: Actor,
  letter: Pick<IncomingLetter, 'registeredBy'>,
): boolean {
  return String(letter.registeredBy) === actor.userId;
}

export function canSeeLetter(actor: Actor, letter: LetterAccessFields): boolean {
  if (letter.status === 'pending') return false;
  return (
    hasRegisterAccess(actor) || isInLetterChain(actor, letter) || isRegisteringClerk(actor, letter)
  );
}

export function canReadLetterContent(actor: Actor, letter: LetterAccessFields): boolean {
  if (!canSeeLetter(actor, letter)) return false;
  if (!isConfidential(letter)) return true;
  if (isInLetterChain(actor, letter) || isRegisteringClerk(actor, letter)) return true;
  return (
    hasRole(actor, 'arsiparis') &&
    clearanceAllows(actor.clearance, letter.securityClass as 'R' | 'SR')
  );
}

export function canCorrectLetter(actor: Actor, letter: LetterAccessFields): boolean {
  if (letter.status === 'void' || letter.status === 'pending') return false;
  const allowed =
    hasRole(actor, 'admin') || (hasRole(actor, 'agendaris') && isRegisteringClerk(actor, letter));
  return allowed && canReadLetterContent(actor, letter);
}

export function canVoidLetter(actor: Actor, letter: LetterAccessFields): boolean {
  if (letter.status === 'void' || letter.status === 'pending') return false;
  return (
    hasRole(actor, 'admin') || (hasRole(actor, 'agendaris') && isRegisteringClerk(actor, letter))
  );
}

/** Mongo filter of the letters an actor may see (the list and exports apply it). */
export function visibleLettersFilter(actor: Actor): Record<string, unknown> {
  if (hasRegisterAccess(actor)) return { status: { $ne: 'pending' } };
  const positions = heldPositionIds(actor)
    .filter((id) => mongoose.isValidObjectId(id))
    .map((id) => new mongoose.Types.ObjectId(id));
  return { status: { $ne: 'pending' }, readerPositionIds: { $in: positions } };
}

/** File access for incoming letters' files (registered with the files module, and used by
 * the OCR/search modules): the letter's content rule. */
export async function canReadFile(
  actor: Actor,
  file: Pick<StoredFile, 'ownerType' | 'ownerId'>,
): Promise<boolean> {
  if (file.ownerType !== 'incoming') return false;
  const letter = await IncomingLetterModel.findById(file.ownerId).lean<IncomingLetter>();
  return letter ? canReadLetterContent(actor, letter) : false;
}
