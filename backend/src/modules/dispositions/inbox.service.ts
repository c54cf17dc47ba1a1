import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { forbidden } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { IncomingLetterModel } from '../letters/letters.model.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import type { CountersJson, InboxQuery } from './dispositions.schema.ts';
import { letterCounters, lettersByIds } from './letter-link.ts';
import { OPEN_STATUSES } from './state-machine.ts';

/** One position's disposition inbox (an acting official switches between their positions). */

export function inboxPosition(actor: Actor, positionId: string | undefined): string {
  if (positionId) {
    if (!actor.positions.some((p) => p.id === positionId))
      throw forbidden('Anda tidak memegang jabatan tersebut.');
    return positionId;
  }
  const own = actor.positions.find((p) => !p.acting) ?? actor.positions[0];
  if (!own)
    throw forbidden(
      'Akun Anda tidak memegang jabatan apa pun, sehingga tidak memiliki kotak disposisi.',
    );
  return own.id;
}

function filterFor(
  position: mongoose.Types.ObjectId,
  status: InboxQuery['status'],
  at: Date,
): Record<string, unknown> {
  switch (status) {
    case 'unread':
      return { toPositionId: position, status: 'terkirim' };
    case 'not_followed_up':
      return { toPositionId: position, status: { $in: ['terkirim', 'dibaca'] } };
    case 'in_progress':
      return { toPositionId: position, status: { $in: ['dibaca', 'diproses'] } };
    case 'overdue':
      return { toPositionId: position, status: { $in: OPEN_STATUSES }, dueAt: { $lte: at } };
    case 'done':
      return { toPositionId: position, status: 'selesai' };
    case 'closed':
      return { toPositionId: position, status: { $in: ['dibatalkan', 'dikembalikan'] } };
    case 'sent':
      return { 'from.positionId': position };
    default:
      return { toPositionId: position, status: { $ne: 'dibatalkan' } };
  }
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Letters (seen by this position) whose subject, sender, number or agenda number match. */
async function matchingLetterIds(
  position: mongoose.Types.ObjectId,
  q: string,
): Promise<mongoose.Types.ObjectId[]> {
  const pattern = { $regex: escape(q), $options: 'i' };
  const or: Array<Record<string, unknown>> = [
    { subject: pattern },
    { senderName: pattern },
    { letterNumber: pattern },
  ];
  if (/^\d{1,9}$/.test(q)) or.push({ agendaNumber: Number(q) });
  const letters = await IncomingLetterModel.find(
    { readerPositionIds: position, $or: or },
    { _id: 1 },
  )
    .limit(2000)
    .lean<Array<{ _id: mongoose.Types.ObjectId }>>();
  return letters.map((l) => l._id);
}

export async function inbox(actor: Actor, query: InboxQuery) {
  const positionId = inboxPosition(actor, query.positionId);
  const position = new mongoose.Types.ObjectId(positionId);
  const at = now();
  const filter: Record<string, unknown> = filterFor(position, query.status, at);
  if (query.urgency) filter.urgency = query.urgency;
  if (query.q) filter.letterId = { $in: await matchingLetterIds(position, query.q) };
  // Open work is read by deadline, the rest newest first.
  const sort: Record<string, 1 | -1> = [
    'overdue',
    'in_progress',
    'unread',
    'not_followed_up',
  ].includes(query.status)
    ? { dueAt: 1, sentAt: -1 }
    : { sentAt: -1 };
  const [nodes, total, counters] = await Promise.all([
    DispositionModel.find(filter)
      .sort({ ...sort, _id: -1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<Disposition[]>(),
    DispositionModel.countDocuments(filter),
    countersFor(position, at),
  ]);
  const letters = await lettersByIds(nodes.map((n) => n.letterId));
  return { positionId, nodes, letters, total, counters };
}

/** The dashboard counters of a position, like SRIKANDI's. */
export async function countersFor(
  position: mongoose.Types.ObjectId,
  at: Date = now(),
): Promise<CountersJson> {
  const [byStatus, overdue, letters] = await Promise.all([
    DispositionModel.aggregate<{ _id: string; count: number }>([
      { $match: { toPositionId: position } },
      { $group: { _id: '$status', count: { $sum: 1 } } },
    ]),
    DispositionModel.countDocuments({
      toPositionId: position,
      status: { $in: OPEN_STATUSES },
      dueAt: { $lte: at },
    }),
    letterCounters(position),
  ]);
  const count = (status: string) => byStatus.find((row) => row._id === status)?.count ?? 0;
  return {
    awaitingDisposition: letters.awaiting,
    unreadLetters: letters.unreadLetters,
    unreadDispositions: count('terkirim'),
    notFollowedUp: count('terkirim') + count('dibaca'),
    inProgress: count('dibaca') + count('diproses'),
    overdue,
    done: count('selesai'),
    tembusan: letters.unreadCopies,
  };
}

/** Counters for every position the actor holds (the dashboard widget sums or switches). */
export async function countersForActor(
  actor: Actor,
): Promise<Array<{ positionId: string; title: string; acting: boolean; counters: CountersJson }>> {
  return Promise.all(
    actor.positions.map(async (p) => ({
      positionId: p.id,
      title: p.title,
      acting: p.acting,
      counters: await countersFor(new mongoose.Types.ObjectId(p.id)),
    })),
  );
}
