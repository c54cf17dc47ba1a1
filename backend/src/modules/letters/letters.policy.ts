import mongoose from 'mongoose';
import type { Actor, SecurityClass } from '../../http/actor.ts';
import { can, reach, type Resource } from '../policy/policy.ts';
import type { StoredFile } from '../files/file.model.ts';
import { IncomingLetterModel, type IncomingLetter } from './letters.model.ts';

/**
 * Incoming letters as the policy sees them (modules/policy/policy.ts has the rules; this
 * file only describes a letter to it). A letter's addressee is its `addresseePositionId`;
 * its chain is `readerPositionIds`: the addressee and its superiors, tembusan, and the
 * positions it was disposed to. The registering clerk owns it (`registeredBy`).
 */
type LetterAccessFields = Pick<
  IncomingLetter,
  'securityClass' | 'readerPositionIds' | 'registeredBy' | 'status'
> &
  Partial<Pick<IncomingLetter, 'addresseePositionId'>>;

export function letterResource(letter: LetterAccessFields): Resource {
  return {
    securityClass: letter.securityClass as SecurityClass,
    addresseeIds: letter.addresseePositionId ? [String(letter.addresseePositionId)] : [],
    chainIds: (letter.readerPositionIds ?? []).map(String),
    ownerUserId: letter.registeredBy ? String(letter.registeredBy) : undefined,
  };
}

/** The whole buku agenda (every letter's register line). */
export function hasRegisterAccess(actor: Actor): boolean {
  return reach(actor, 'letter.view').any;
}

export function heldPositionIds(actor: Actor): string[] {
  return actor.positions.map((p) => String(p.id));
}

export function canSeeLetter(actor: Actor, letter: LetterAccessFields): boolean {
  if (letter.status === 'pending') return false;
  return can(actor, 'letter.view', letterResource(letter));
}

export function canReadLetterContent(actor: Actor, letter: LetterAccessFields): boolean {
  if (letter.status === 'pending') return false;
  return can(actor, 'letter.view_content', letterResource(letter));
}

/** Correction of the register fields; content fields need content access too
 * (letters.service.ts correctLetter). */
export function canCorrectLetter(actor: Actor, letter: LetterAccessFields): boolean {
  if (letter.status === 'void' || letter.status === 'pending') return false;
  return can(actor, 'letter.correct', letterResource(letter));
}

export function canVoidLetter(actor: Actor, letter: LetterAccessFields): boolean {
  return canCorrectLetter(actor, letter);
}

/** Mongo filter of the letters an actor may see (the archive's letter picker applies it). */
export function visibleLettersFilter(actor: Actor): Record<string, unknown> {
  const view = reach(actor, 'letter.view');
  if (view.any) return { status: { $ne: 'pending' } };
  const positions = view.chainPositionIds
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
