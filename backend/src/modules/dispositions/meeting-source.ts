import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { notFound } from '../../http/errors.ts';
import { jakartaDate } from '../calendar/dates.ts';
import { MeetingModel, type Meeting } from '../meetings/meeting.model.ts';
import { canViewMeeting } from '../meetings/meetings.policy.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import type { LetterForDisposition } from './letter-link.ts';

/**
 * Dispositions whose source is a coordination meeting (a decision of its minutes,
 * meetings/decisions.ts), not an incoming letter. Such a node keeps the meeting's id in
 * `letterId` (so a meeting's tree, reports and history are read by the same `letterId`
 * equality as a letter's) and says `source: 'meeting'`. The disposition code asks the
 * functions here wherever it would touch the letter: the meeting stands in for it as a
 * read-only "letter" (never stored, never published), its access is the meeting's policy,
 * and the nodes' statuses are copied back onto the meeting's decisions.
 */

export type SourceKind = 'letter' | 'meeting';

export function isMeetingSource(record: { source?: string | null } | null | undefined): boolean {
  return record?.source === 'meeting';
}

/** The meeting as the disposition code sees a letter. */
export type MeetingAsLetter = LetterForDisposition & { source: 'meeting'; meeting: Meeting };

export function meetingAsLetter(meeting: Meeting): MeetingAsLetter {
  const day = jakartaDate(new Date(meeting.startAt));
  return {
    _id: meeting._id,
    source: 'meeting',
    meeting,
    status: meeting.status === 'batal' ? 'void' : 'in_progress',
    agendaNumber: null,
    agendaYear: Number(day.slice(0, 4)),
    letterNumber: 'Keputusan rapat',
    subject: meeting.title,
    senderName: meeting.chair.positionTitle,
    letterDate: day,
    receivedDate: day,
    urgency: 'biasa',
    securityClass: meeting.securityClass,
    classificationCode: '',
    addresseePositionId: meeting.chair.positionId,
    copyPositionIds: [],
    readerPositionIds: meeting.positionIds,
    registeredBy: meeting.createdBy?.userId,
  } as unknown as MeetingAsLetter;
}

export async function loadMeetingAsLetter(
  id: string | mongoose.Types.ObjectId,
): Promise<MeetingAsLetter> {
  const meeting = await MeetingModel.findById(id).lean<Meeting>();
  if (!meeting) throw notFound('Rapat');
  return meetingAsLetter(meeting);
}

/** Whoever may see the meeting sees its decisions' journey (policy.ts `meeting.view`). */
export function canViewMeetingSource(actor: Actor, letter: LetterForDisposition): boolean {
  return canViewMeeting(actor, (letter as MeetingAsLetter).meeting);
}

/** Positions a decision is forwarded to see the meeting, and their units' heads: the
 * meeting's chain and units grow (idempotent, $addToSet). */
export async function grantMeetingAccess(
  meetingId: mongoose.Types.ObjectId,
  nodes: Array<Pick<Disposition, 'toPositionId' | 'toUnitPath'>>,
): Promise<void> {
  await MeetingModel.updateOne(
    { _id: meetingId },
    {
      $addToSet: {
        positionIds: { $each: nodes.map((n) => n.toPositionId) },
        unitIds: { $each: [...new Set(nodes.flatMap((n) => n.toUnitPath.map(String)))] },
      },
    },
  );
}

/**
 * Copies the status of each decision's node onto the meeting (the meeting list and the
 * reports read meetings only). Recomputed from the nodes each time, so it is idempotent and
 * any process can repair it; called after every change of a meeting's node.
 */
export async function syncMeetingDecisions(meetingId: mongoose.Types.ObjectId): Promise<void> {
  const [meeting, top] = await Promise.all([
    MeetingModel.findById(meetingId).lean<Meeting>(),
    DispositionModel.find({ letterId: meetingId, parentId: null }, { status: 1, closedAt: 1 }).lean<
      Disposition[]
    >(),
  ]);
  if (!meeting) return;
  const byId = new Map(top.map((n) => [String(n._id), n]));
  let changed = false;
  const decisions = meeting.decisions.map((d) => {
    const node = byId.get(String(d.dispositionId));
    if (!node) return d;
    if (node.status === d.status && String(node.closedAt ?? '') === String(d.closedAt ?? ''))
      return d;
    changed = true;
    return { ...d, status: node.status, closedAt: node.closedAt ?? null };
  });
  if (changed) await MeetingModel.updateOne({ _id: meetingId }, { $set: { decisions } });
}
