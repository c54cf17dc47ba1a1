import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { notFound } from '../../http/errors.ts';
import { IncomingLetterModel, type IncomingLetter } from '../letters/letters.model.ts';
import {
  grantLetterAccess,
  loadVisibleLetter,
  setLetterStatus,
} from '../letters/letters.service.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';

/** Everything dispositions need from the incoming-letter module, in one place. */
export type LetterForDisposition = IncomingLetter;

/** The letter if the actor may see it (404 otherwise). */
export async function getLetter(actor: Actor, letterId: string): Promise<LetterForDisposition> {
  if (!/^[0-9a-f]{24}$/i.test(letterId)) throw notFound('Surat masuk');
  return loadVisibleLetter(actor, letterId);
}

/** The letter regardless of who asks, for node-based operations (the node's own policy
 * has decided already). */
export async function loadLetter(
  letterId: string | mongoose.Types.ObjectId,
): Promise<LetterForDisposition> {
  const letter = await IncomingLetterModel.findById(letterId).lean<IncomingLetter>();
  if (!letter || letter.status === 'pending') throw notFound('Surat masuk');
  return letter;
}

export async function lettersByIds(
  ids: Array<string | mongoose.Types.ObjectId>,
): Promise<Map<string, LetterForDisposition>> {
  const unique = [...new Set(ids.map(String))].map((id) => new mongoose.Types.ObjectId(id));
  if (unique.length === 0) return new Map();
  const letters = await IncomingLetterModel.find({ _id: { $in: unique } }).lean<IncomingLetter[]>();
  return new Map(letters.map((l) => [String(l._id), l]));
}

/** Why the addressee may not dispose the letter (any more), or null. */
export function letterIsClosedForDisposition(letter: LetterForDisposition): string | null {
  if (letter.status === 'void')
    return 'Surat ini telah dibatalkan dari buku agenda dan tidak dapat didisposisikan.';
  if (letter.status === 'done') return 'Surat ini sudah selesai ditindaklanjuti.';
  return null;
}

/** Positions a letter is disposed to may open it (letters.policy's chain). */
export async function grantAccess(
  letterId: mongoose.Types.ObjectId,
  positionIds: mongoose.Types.ObjectId[],
): Promise<void> {
  await grantLetterAccess(String(letterId), positionIds.map(String));
}

/**
 * The letter's workflow status follows its top-level dispositions: none alive → registered
 * (waiting for a disposition), every live penanggung jawab done → done, otherwise in
 * progress. Recomputed from the nodes each time, so it is idempotent and any process can
 * repair it.
 */
export async function syncLetterStatus(
  letterId: mongoose.Types.ObjectId,
): Promise<'registered' | 'in_progress' | 'done'> {
  const top = await DispositionModel.find(
    { letterId, parentId: null },
    { status: 1, role: 1 },
  ).lean<Disposition[]>();
  const alive = top.filter((n) => n.status !== 'dibatalkan' && n.status !== 'dikembalikan');
  const primaries = alive.filter((n) => n.role === 'primary');
  const status =
    alive.length === 0
      ? 'registered'
      : primaries.length > 0 && primaries.every((n) => n.status === 'selesai')
        ? 'done'
        : 'in_progress';
  await setLetterStatus(String(letterId), status);
  return status;
}

/** Unread letters addressed to the position, unread tembusan (copies) to it, and letters
 * addressed to it that wait for a disposition. */
export async function letterCounters(
  positionId: mongoose.Types.ObjectId,
): Promise<{ unreadLetters: number; unreadCopies: number; awaiting: number }> {
  const live = { $nin: ['pending', 'void'] as Array<'pending' | 'void'> };
  const [unreadLetters, unreadCopies, awaiting] = await Promise.all([
    IncomingLetterModel.countDocuments({
      addresseePositionId: positionId,
      status: live,
      readPositionIds: { $ne: positionId },
    }),
    IncomingLetterModel.countDocuments({
      copyPositionIds: positionId,
      status: live,
      readPositionIds: { $ne: positionId },
    }),
    IncomingLetterModel.countDocuments(awaitingFilter(positionId)),
  ]);
  return { unreadLetters, unreadCopies, awaiting };
}

/** Registered letters addressed to the position with no live disposition yet. */
export function awaitingFilter(positionId: mongoose.Types.ObjectId): Record<string, unknown> {
  return { addresseePositionId: positionId, status: 'registered' };
}

export async function awaitingLetters(
  positionId: mongoose.Types.ObjectId,
  page: number,
  pageSize: number,
): Promise<{ items: LetterForDisposition[]; total: number }> {
  const filter = awaitingFilter(positionId);
  const [items, total] = await Promise.all([
    IncomingLetterModel.find(filter)
      .sort({ registeredAt: -1, _id: -1 })
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean<IncomingLetter[]>(),
    IncomingLetterModel.countDocuments(filter),
  ]);
  return { items, total };
}
