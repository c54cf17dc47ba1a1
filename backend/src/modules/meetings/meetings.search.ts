import {
  publishNoteText,
  publishSearchDocument,
  removeNoteText,
  removeSearchDocument,
} from '../search/publish.ts';
import { MeetingModel, type Meeting } from './meeting.model.ts';

/**
 * A meeting in the search index (search kind `meeting`, docs/architecture.md "Search"). Its
 * record holds the title, place and chair; its drafted minutes are one note
 * (`minutes-<meetingId>`), its decisions (the follow-up items) another
 * (`followups-<meetingId>`), so a hit says which part of the meeting holds the words; the pages of its minutes scan and attendance sheet arrive from the
 * OCR job like a letter's (ocr/processor.ts publishes pages of `meeting` files under the
 * meeting's id). The access rule is `meeting.view`'s resource (meetings.policy.ts) as index
 * principals: `p:` chair and chain positions, `u:` their units' paths, `o:` the creator.
 * A cancelled meeting leaves the index (with its notes and scan pages): it is no longer a
 * meeting anyone looks for, and it cannot be changed back.
 */

/** Bumped when what is published changes: the start-up backfill republishes older ones.
 * 2: decisions moved from the record into their own note; cancelled meetings removed. */
export const MEETING_SEARCH_VERSION = 2;

export function minutesNoteId(meetingId: string): string {
  return `minutes-${meetingId}`;
}

export function followUpsNoteId(meetingId: string): string {
  return `followups-${meetingId}`;
}

/** The decisions as one text: who follows up, and what. */
export function followUpsText(meeting: Pick<Meeting, 'decisions'>): string {
  return (meeting.decisions ?? [])
    .map((d) => `${d.positionTitle}: ${d.instruction}`.trim())
    .filter(Boolean)
    .join('\n');
}

/** The minutes written in the product as one text (empty when none is written). Indexed
 * also when a scan is the minutes: what the page shows under Notulen is what is found. */
export function draftMinutesText(meeting: Pick<Meeting, 'minutes'>): string {
  const minutes = meeting.minutes;
  if (!minutes) return '';
  return [minutes.pembukaan, minutes.pembahasan, minutes.keputusan, minutes.penutup]
    .map((part) => (part ?? '').trim())
    .filter(Boolean)
    .join('\n');
}

/** Publishes the meeting's current state; called after every change (idempotent). */
export async function publishMeeting(meeting: Meeting): Promise<void> {
  const id = String(meeting._id);
  if (meeting.status === 'batal') {
    // The record with everything indexed under it (notes, pages) goes at once.
    await removeSearchDocument(id);
    await markPublished(meeting);
    return;
  }
  await publishSearchDocument({
    kind: 'meeting',
    letterId: id,
    subject: meeting.title,
    recipientName: meeting.chair.positionTitle,
    summary: meeting.place || null,
    date: meeting.startAt,
    acl: {
      securityClass: meeting.securityClass as 'B' | 'T' | 'R' | 'SR',
      positionIds: [meeting.chair.positionId, ...meeting.positionIds].map(String),
      unitIds: meeting.unitIds.map(String),
      ownerUserIds: meeting.createdBy ? [String(meeting.createdBy.userId)] : [],
    },
  });
  const text = draftMinutesText(meeting);
  if (text) await publishNoteText(id, minutesNoteId(id), text);
  else await removeNoteText(minutesNoteId(id));
  const followUps = followUpsText(meeting);
  if (followUps) await publishNoteText(id, followUpsNoteId(id), followUps);
  else await removeNoteText(followUpsNoteId(id));
  await markPublished(meeting);
}

async function markPublished(meeting: Meeting): Promise<void> {
  if (meeting.searchVersion !== MEETING_SEARCH_VERSION)
    await MeetingModel.updateOne(
      { _id: meeting._id },
      { $set: { searchVersion: MEETING_SEARCH_VERSION } },
    );
}
