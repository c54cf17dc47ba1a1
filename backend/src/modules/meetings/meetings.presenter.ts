import { now } from '../../lib/clock.ts';
import type { StoredFile } from '../files/file.model.ts';
import type { Actor } from '../../http/actor.ts';
import type { Meeting, MeetingDecision } from './meeting.model.ts';
import { canManageMeeting } from './meetings.policy.ts';
import { decisionState } from './meetings.report.ts';
import type { MeetingJson } from './meetings.schema.ts';

const iso = (value: Date | string | null | undefined) =>
  value ? new Date(value).toISOString() : null;

function positionJson(p: {
  positionId: unknown;
  positionTitle: string;
  unitId: unknown;
  unitName?: string | null;
}) {
  return {
    positionId: String(p.positionId),
    positionTitle: p.positionTitle,
    unitId: String(p.unitId),
    unitName: p.unitName ?? '',
  };
}

export function stateOf(decision: MeetingDecision, at: Date) {
  if ((decision.status ?? 'draf') === 'draf') return 'draf' as const;
  return decisionState(decision, at) ?? ('cancelled' as const);
}

export function figuresOf(meeting: Meeting, at: Date = now()) {
  const figures = { done: 0, late: 0, open: 0, total: 0 };
  for (const decision of meeting.decisions) {
    const state = decisionState(decision, at);
    if (!state) continue;
    figures[state] += 1;
    figures.total += 1;
  }
  return figures;
}

export function presentMeetingRow(meeting: Meeting, at: Date = now()) {
  return {
    id: String(meeting._id),
    title: meeting.title,
    kind: meeting.kind,
    startAt: new Date(meeting.startAt).toISOString(),
    endAt: new Date(meeting.endAt).toISOString(),
    place: meeting.place ?? '',
    onlineLink: meeting.onlineLink ?? '',
    chair: positionJson(meeting.chair),
    securityClass: meeting.securityClass as 'B' | 'T' | 'R' | 'SR',
    status: meeting.status,
    minutesFinal: !!meeting.minutes?.finalizedAt,
    figures: figuresOf(meeting, at),
  };
}

function fileJson(file: StoredFile | null | undefined) {
  if (!file) return null;
  return {
    id: String(file._id),
    name: file.name,
    size: file.size,
    mimeType: file.mimeType,
    contentUrl: `/api/files/${String(file._id)}/content`,
    ocrStatus: file.ocrStatus ?? null,
  };
}

export function presentMeeting(
  actor: Actor,
  meeting: Meeting,
  files: { attendanceSheet?: StoredFile | null; minutesScan?: StoredFile | null } = {},
): MeetingJson {
  const at = now();
  const manage = canManageMeeting(actor, meeting) && meeting.status !== 'batal';
  const final = !!meeting.minutes?.finalizedAt;
  return {
    ...presentMeetingRow(meeting, at),
    invitation: meeting.invitation
      ? {
          kind: meeting.invitation.kind as 'incoming' | 'outgoing',
          letterId: String(meeting.invitation.letterId),
          label: meeting.invitation.label ?? '',
        }
      : null,
    agendaEntryId: meeting.agendaEntryId ? String(meeting.agendaEntryId) : null,
    invited: meeting.invited.map((i) => ({
      ...positionJson(i),
      attendance: (i.attendance ?? 'belum') as MeetingJson['invited'][number]['attendance'],
      representedBy: i.representedBy ?? '',
    })),
    extraAttendees: meeting.extraAttendees.map((e) => ({ name: e.name ?? '', role: e.role ?? '' })),
    attendanceSheet: fileJson(files.attendanceSheet),
    minutes: {
      mode: (meeting.minutes?.mode ?? 'draft') as 'draft' | 'scan',
      pembukaan: meeting.minutes?.pembukaan ?? '',
      pembahasan: meeting.minutes?.pembahasan ?? '',
      keputusan: meeting.minutes?.keputusan ?? '',
      penutup: meeting.minutes?.penutup ?? '',
      scan: fileJson(files.minutesScan),
      finalizedAt: iso(meeting.minutes?.finalizedAt),
      finalizedByName: meeting.minutes?.finalizedByName ?? null,
    },
    decisions: meeting.decisions.map((d) => ({
      id: String(d._id),
      instruction: d.instruction,
      ...positionJson(d),
      dueDate: d.dueDate,
      dispositionId: final ? String(d.dispositionId) : null,
      status: (d.status ?? 'draf') as MeetingJson['decisions'][number]['status'],
      state: stateOf(d, at),
      closedAt: iso(d.closedAt),
    })),
    createdByName: meeting.createdBy?.name ?? '',
    permissions: {
      canManage: manage && !final,
      canFinalize: manage && !final,
      canAttachSheet: manage,
    },
  };
}
