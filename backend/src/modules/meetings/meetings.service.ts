import mongoose from 'mongoose';
import type { Actor, SecurityClass } from '../../http/actor.ts';
import { conflict, forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { AgendaEntryModel } from '../agenda/agenda.model.ts';
import { todayInJakarta } from '../calendar/calendar.service.ts';
import { endOfJakartaDay, jakartaDate, startOfJakartaDay } from '../calendar/dates.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadVisibleLetter } from '../letters/letters.service.ts';
import { loadVisible as loadVisibleOutgoing } from '../outgoing/drafts.service.ts';
import { getPosition, getUnit } from '../org/org.service.ts';
import { can } from '../policy/policy.ts';
import { MeetingModel, jakartaMonth, type Meeting } from './meeting.model.ts';
import { canManageMeeting, canViewMeeting } from './meetings.policy.ts';
import { publishMeeting } from './meetings.search.ts';
import { meetingsInPeriod, summaryOf } from './meetings.report.ts';
import type {
  AttendanceInput,
  DecisionsInput,
  MeetingInput,
  MinutesInput,
} from './meetings.schema.ts';

/**
 * Coordination meetings (issue 17): the record, attendance, minutes and decisions. Every
 * change reads the meeting, checks it and saves it whole (one small document, changed by the
 * minute keeper); finalising the minutes (meetings.decisions.ts) is the one step others'
 * work depends on, and it is idempotent.
 */

export interface PositionRef {
  positionId: mongoose.Types.ObjectId;
  positionTitle: string;
  unitId: mongoose.Types.ObjectId;
  unitName: string;
  unitPath: mongoose.Types.ObjectId[];
}

export async function positionRef(id: string | mongoose.Types.ObjectId): Promise<PositionRef> {
  const position = await getPosition(id);
  if (!position) throw validationFailed('Jabatan tidak ditemukan.');
  const unit = await getUnit(position.unitId);
  if (!unit) throw validationFailed('Unit kerja jabatan tidak ditemukan.');
  return {
    positionId: position._id,
    positionTitle: position.title,
    unitId: unit._id,
    unitName: unit.name,
    unitPath: [...unit.ancestorIds, unit._id],
  };
}

const uniq = (ids: unknown[]) =>
  [...new Set(ids.map(String))].map((id) => new mongoose.Types.ObjectId(id));

/** The meeting's chain (chair, invited, responsible, and whoever a decision reached) and
 * their units' paths: what `meeting.view` is decided on (meetings.policy.ts). */
function accessOf(
  meeting: Pick<Meeting, 'positionIds' | 'unitIds'> | null,
  refs: PositionRef[],
  keepGranted: boolean,
) {
  return {
    positionIds: uniq([
      ...(keepGranted ? (meeting?.positionIds ?? []) : []),
      ...refs.map((r) => r.positionId),
    ]),
    unitIds: uniq([
      ...(keepGranted ? (meeting?.unitIds ?? []) : []),
      ...refs.flatMap((r) => r.unitPath),
    ]),
  };
}

export function instantOf(date: string, time: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return new Date(startOfJakartaDay(date).getTime() + (h * 60 + m) * 60_000);
}

async function invitationOf(actor: Actor, input: MeetingInput['invitation']) {
  if (!input) return null;
  if (input.kind === 'incoming') {
    const letter = await loadVisibleLetter(actor, input.letterId);
    const label = `${letter.agendaNumber ? `Agenda ${letter.agendaNumber} · ` : ''}${letter.letterNumber} · ${letter.subject}`;
    return { kind: 'incoming' as const, letterId: letter._id, label };
  }
  const letter = await loadVisibleOutgoing(actor, input.letterId);
  const label = `${letter.number ?? 'Surat keluar'} · ${letter.subject}`;
  return { kind: 'outgoing' as const, letterId: letter._id, label };
}

/** The chair's agenda entry of the invitation letter on the meeting's day, if any (one
 * `dayKey` equality). */
async function agendaEntryFor(
  chairId: mongoose.Types.ObjectId,
  date: string,
  letterId: mongoose.Types.ObjectId | null,
): Promise<mongoose.Types.ObjectId | null> {
  if (!letterId) return null;
  const entries = await AgendaEntryModel.find({ dayKey: `${String(chairId)}:${date}` }).lean();
  return entries.find((e) => String(e.letterId) === String(letterId))?._id ?? null;
}

async function detailsOf(actor: Actor, input: MeetingInput, existing: Meeting | null) {
  const startAt = instantOf(input.date, input.startTime);
  const endAt = instantOf(input.date, input.endTime);
  const chair = await positionRef(input.chairPositionId);
  const invitedIds = [...new Set(input.invitedPositionIds)].filter(
    (id) => id !== input.chairPositionId,
  );
  const invitedRefs = await Promise.all(invitedIds.map((id) => positionRef(id)));
  const previous = new Map((existing?.invited ?? []).map((i) => [String(i.positionId), i]));
  const invited = invitedRefs.map((r) => ({
    positionId: r.positionId,
    positionTitle: r.positionTitle,
    unitId: r.unitId,
    unitName: r.unitName,
    attendance: previous.get(String(r.positionId))?.attendance ?? 'belum',
    representedBy: previous.get(String(r.positionId))?.representedBy ?? '',
  }));
  const invitation = await invitationOf(actor, input.invitation);
  const decisionRefs = (existing?.decisions ?? []).map((d) => ({
    positionId: d.positionId,
    positionTitle: d.positionTitle,
    unitId: d.unitId,
    unitName: d.unitName ?? '',
    unitPath: d.unitPath,
  }));
  return {
    title: input.title,
    kind: input.kind,
    startAt,
    endAt,
    place: input.place,
    onlineLink: input.onlineLink,
    chair: {
      positionId: chair.positionId,
      positionTitle: chair.positionTitle,
      unitId: chair.unitId,
      unitName: chair.unitName,
    },
    securityClass: input.securityClass,
    invitation,
    agendaEntryId: await agendaEntryFor(chair.positionId, input.date, invitation?.letterId ?? null),
    invited,
    ...accessOf(existing, [chair, ...invitedRefs, ...decisionRefs], false),
  };
}

export async function createMeeting(actor: Actor, input: MeetingInput): Promise<Meeting> {
  if (!can(actor, 'meeting.create', { securityClass: input.securityClass as SecurityClass }))
    throw forbidden('Anda tidak berwenang membuat rapat dengan klasifikasi ini.');
  const details = await detailsOf(actor, input, null);
  const created = await MeetingModel.create({
    ...details,
    createdBy: { userId: new mongoose.Types.ObjectId(actor.userId), name: actor.name },
  });
  const meeting = created.toObject() as Meeting;
  await publishMeeting(meeting);
  await audit(actor, 'meeting.create', meeting, { title: meeting.title });
  return meeting;
}

/** The meeting if the actor may see it (404 otherwise, so ids cannot be probed). */
export async function loadVisibleMeeting(actor: Actor, id: string): Promise<Meeting> {
  const meeting = /^[0-9a-f]{24}$/i.test(id)
    ? await MeetingModel.findById(id).lean<Meeting>()
    : null;
  if (!meeting || !canViewMeeting(actor, meeting)) throw notFound('Rapat');
  return meeting;
}

/** The meeting for a change: 403 for those who only see it, 409 once its minutes are final
 * (unless `afterFinal`). */
export async function loadManagedMeeting(
  actor: Actor,
  id: string,
  afterFinal = false,
): Promise<Meeting> {
  const meeting = await loadVisibleMeeting(actor, id);
  if (!canManageMeeting(actor, meeting))
    throw forbidden(
      'Hanya pembuat rapat, pimpinan rapat, atau staf sekretariat yang dapat mengubahnya.',
    );
  if (meeting.status === 'batal') throw conflict('Rapat ini telah dibatalkan.');
  if (!afterFinal && meeting.minutes?.finalizedAt)
    throw conflict('Notulen rapat ini sudah final; rapat tidak dapat diubah lagi.');
  return meeting;
}

async function save(meeting: Meeting, set: Record<string, unknown>): Promise<Meeting> {
  const doc = await MeetingModel.findById(meeting._id);
  if (!doc) throw notFound('Rapat');
  doc.set(set);
  await doc.save();
  const saved = doc.toObject() as Meeting;
  // Title, place, decisions, drafted minutes and who may see it: the search record follows.
  await publishMeeting(saved);
  return saved;
}

export async function updateMeeting(
  actor: Actor,
  id: string,
  input: MeetingInput,
): Promise<Meeting> {
  const meeting = await loadManagedMeeting(actor, id);
  if (!can(actor, 'meeting.create', { securityClass: input.securityClass as SecurityClass }))
    throw forbidden('Anda tidak berwenang memberi rapat klasifikasi ini.');
  const saved = await save(meeting, await detailsOf(actor, input, meeting));
  await audit(actor, 'meeting.update', saved, { title: saved.title });
  return saved;
}

export async function cancelMeeting(actor: Actor, id: string): Promise<Meeting> {
  const meeting = await loadManagedMeeting(actor, id);
  const saved = await save(meeting, { status: 'batal' });
  await audit(actor, 'meeting.cancel', saved, { title: saved.title });
  return saved;
}

export async function setAttendance(
  actor: Actor,
  id: string,
  input: AttendanceInput,
): Promise<Meeting> {
  const meeting = await loadManagedMeeting(actor, id);
  const given = new Map(input.invited.map((i) => [i.positionId, i]));
  const unknown = input.invited.filter(
    (i) => !meeting.invited.some((m) => String(m.positionId) === i.positionId),
  );
  if (unknown.length > 0)
    throw validationFailed('Kehadiran hanya dicatat untuk jabatan yang diundang.');
  const invited = meeting.invited.map((m) => {
    const entry = given.get(String(m.positionId));
    if (!entry) return m;
    return {
      ...m,
      attendance: entry.attendance,
      representedBy: entry.attendance === 'diwakili' ? entry.representedBy : '',
    };
  });
  const saved = await save(meeting, { invited, extraAttendees: input.extraAttendees });
  await audit(actor, 'meeting.attendance', saved, {
    hadir: invited.filter((i) => i.attendance === 'hadir').length,
    diwakili: invited.filter((i) => i.attendance === 'diwakili').length,
    tidakHadir: invited.filter((i) => i.attendance === 'tidak_hadir').length,
  });
  return saved;
}

export async function saveMinutes(actor: Actor, id: string, input: MinutesInput): Promise<Meeting> {
  const meeting = await loadManagedMeeting(actor, id);
  // A scan attached stays the minutes (mode 'scan'); the text written beside it is kept and
  // searchable too (meetings.search.ts).
  return save(meeting, {
    minutes: {
      ...(meeting.minutes ?? {}),
      mode: meeting.minutes?.scanFileId ? 'scan' : 'draft',
      ...input,
    },
  });
}

/** Replaces the decisions of minutes still in draft. A decision keeps its id (and the id of
 * the disposition it will become) while it is edited. */
export async function setDecisions(
  actor: Actor,
  id: string,
  input: DecisionsInput,
): Promise<Meeting> {
  const meeting = await loadManagedMeeting(actor, id);
  const today = todayInJakarta();
  const late = input.decisions.findIndex((d) => d.dueDate < today);
  if (late >= 0)
    throw validationFailed('Batas waktu keputusan tidak boleh sebelum hari ini.', {
      issues: [{ path: `decisions.${late}.dueDate`, message: 'Batas waktu sudah lewat.' }],
    });
  const existing = new Map(meeting.decisions.map((d) => [String(d._id), d]));
  const decisions = await Promise.all(
    input.decisions.map(async (d) => {
      const ref = await positionRef(d.positionId);
      const before = d.id ? existing.get(d.id) : undefined;
      return {
        _id: before?._id ?? new mongoose.Types.ObjectId(),
        instruction: d.instruction,
        ...ref,
        dueDate: d.dueDate,
        dueAt: endOfJakartaDay(d.dueDate),
        dispositionId: before?.dispositionId ?? new mongoose.Types.ObjectId(),
        status: 'draf',
        closedAt: null,
      };
    }),
  );
  const chair = await positionRef(meeting.chair.positionId);
  const invited = await Promise.all(meeting.invited.map((i) => positionRef(i.positionId)));
  const saved = await save(meeting, {
    decisions,
    ...accessOf(meeting, [chair, ...invited, ...decisions], false),
  });
  return saved;
}

export async function listMeetings(actor: Actor, query: { month?: string; unitId?: string }) {
  const month = query.month ?? jakartaMonth(now());
  const from = startOfJakartaDay(`${month}-01`);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const to = startOfJakartaDay(`${next}-01`);
  const [items, unit] = await Promise.all([
    meetingsInPeriod({ from, to, actor, unitId: query.unitId }),
    query.unitId ? getUnit(query.unitId) : Promise.resolve(null),
  ]);
  const summary = summaryOf(items, query.unitId);
  return {
    month,
    unit: unit ? { unitId: String(unit._id), name: unit.name } : null,
    items: items.sort((a, b) => new Date(b.startAt).getTime() - new Date(a.startAt).getTime()),
    summary,
    canCreate: can(actor, 'meeting.create'),
  };
}

export async function audit(
  actor: Actor | null,
  action: string,
  meeting: Meeting,
  after: Record<string, unknown>,
): Promise<void> {
  await recordAudit({
    actor,
    action,
    recordType: 'meeting',
    recordId: String(meeting._id),
    letterId: String(meeting._id),
    after,
  });
}

export { jakartaDate };
