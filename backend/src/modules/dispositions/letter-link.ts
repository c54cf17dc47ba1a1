import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { notFound } from '../../http/errors.ts';
import { loadLetterQueue, queueCounts } from '../letters/queue-state.ts';
import { IncomingLetterModel, type IncomingLetter } from '../letters/letters.model.ts';
import {
  grantLetterAccess,
  loadVisibleLetter,
  setLetterStatus,
} from '../letters/letters.service.ts';
import { onLocalSearchEvent } from '../search/publish.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import { isMeetingSource, loadMeetingAsLetter } from './meeting-source.ts';

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

/** The node's source as a letter: its letter, or its meeting (meeting-source.ts). */
export async function loadSource(
  node: Pick<Disposition, 'letterId'> & { source?: string | null },
): Promise<LetterForDisposition> {
  return isMeetingSource(node) ? loadMeetingAsLetter(node.letterId) : loadLetter(node.letterId);
}

/** The letters of a page, one `_id` equality each (FerretDB reads a whole collection for
 * `_id: { $in }`). */
export async function lettersByIds(
  ids: Array<string | mongoose.Types.ObjectId>,
): Promise<Map<string, LetterForDisposition>> {
  const unique = [...new Set(ids.map(String))];
  const letters = await Promise.all(
    unique.map((id) => IncomingLetterModel.findById(id).lean<IncomingLetter>()),
  );
  return new Map(letters.filter((l): l is IncomingLetter => !!l).map((l) => [String(l._id), l]));
}

/** What lists show of a letter, as copied onto its disposition nodes. */
export function letterSummaryOf(
  letter: LetterForDisposition,
): NonNullable<Disposition['letterSummary']> {
  return {
    agendaNumber: letter.agendaNumber ?? null,
    letterNumber: letter.letterNumber,
    subject: letter.subject,
    senderName: letter.senderName,
    letterDate: letter.letterDate,
    receivedDate: letter.receivedDate,
    urgency: letter.urgency,
    securityClass: letter.securityClass,
    status: letter.status,
    addresseePositionId: letter.addresseePositionId,
    classificationCode: letter.classificationCode ?? '',
    ...(isMeetingSource(letter as { source?: string }) ? { source: 'meeting' } : {}),
  };
}

/** Copies the letter's summary onto its nodes (a handful, by `letterId`). Called after every
 * change of the letter: its status here (syncLetterStatus), corrections and voiding by the
 * letters module. Idempotent. */
export async function refreshDispositionLetters(letter: LetterForDisposition): Promise<void> {
  await DispositionModel.updateMany(
    { letterId: letter._id },
    { $set: { letterSummary: letterSummaryOf(letter) } },
  );
}

/**
 * Every change of a letter is published to the search index (letters.side-effects.ts
 * `publishLetter`: registration, correction, voiding, access, status), and this process's
 * listeners run before the publish returns. Listening there keeps the summaries on the
 * nodes right whatever changed the letter, without the letters module knowing about them.
 */
onLocalSearchEvent(async (event) => {
  if (event.type !== 'doc' || event.doc.kind !== 'incoming') return;
  const letter = await IncomingLetterModel.findById(event.letterId).lean<IncomingLetter>();
  if (letter && letter.status !== 'pending') await refreshDispositionLetters(letter);
});

/** The summaries of the letters of some nodes: copied on the nodes, read (one `_id`
 * equality each) only for nodes stored before the copy existed. */
export async function letterSummariesOf(
  nodes: Disposition[],
): Promise<Map<string, NonNullable<Disposition['letterSummary']>>> {
  const summaries = new Map<string, NonNullable<Disposition['letterSummary']>>();
  for (const node of nodes)
    if (node.letterSummary) summaries.set(String(node.letterId), node.letterSummary);
  const missing = nodes.filter((n) => !summaries.has(String(n.letterId))).map((n) => n.letterId);
  if (missing.length > 0)
    for (const [id, letter] of await lettersByIds(missing))
      summaries.set(id, letterSummaryOf(letter));
  return summaries;
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
  // setLetterStatus publishes the letter: the nodes' summaries follow (listener above).
  await setLetterStatus(String(letterId), status);
  return status;
}

/** Unread letters addressed to the position, unread tembusan (copies) to it, and letters
 * addressed to it that wait for a disposition: from the position's kept queues
 * (letters/queue-state.ts: one small document and the letters touched in the last hour or
 * two), never by counting the letters. */
export async function letterCounters(
  positionId: mongoose.Types.ObjectId,
): Promise<{ unreadLetters: number; unreadCopies: number; awaiting: number }> {
  return queueCounts(await loadLetterQueue(String(positionId)));
}
