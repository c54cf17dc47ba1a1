import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import type { Actor } from '../../http/actor.ts';
import { conflict, notFound, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { addDays, daysBetween } from '../calendar/dates.ts';
import { disposeLetter, forwardDisposition } from '../dispositions/dispatch.service.ts';
import { canSeeLetter } from '../letters/letters.policy.ts';
import { IncomingLetterModel, type IncomingLetter } from '../letters/letters.model.ts';
import { loadVisible as loadVisibleOutgoing } from '../outgoing/drafts.service.ts';
import { PositionModel, type Position } from '../org/org.model.ts';
import { getPosition } from '../org/org.service.ts';
import {
  actorHoldsPosition,
  authorize,
  can,
  clearanceAllows,
  type Resource,
} from '../policy/policy.ts';
import type { SecurityClass } from '../../http/actor.ts';
import {
  AgendaEntryModel,
  AgendaKeeperModel,
  localParts,
  type AgendaEntry,
} from './agenda.model.ts';
import type { InvitationEvent } from './agenda.schema.ts';
import { BLANK, eventOf } from '../outgoing/templates/body-templates.ts';
import { ZONE_INFO, type TimeZoneCode } from './invitation.ts';
import { normalizeLeads } from './reminder-settings.ts';

/** The kind of letter that yields agenda entries. */
export const INVITATION_KIND = 'Surat Undangan';
/** The disposition instructions of "Hadiri/Wakili" (the configured instruction list). */
export const ATTEND_INSTRUCTIONS = ['Hadiri', 'Wakili'];
/** Views read at most this many days (a month view with its leading and trailing week). */
export const MAX_RANGE_DAYS = 42;
/** "s.d. selesai": the agenda blocks two hours. */
export const OPEN_END_MS = 2 * 3_600_000;

/** The acara as typed; else the subject without its "Undangan" (what a calendar cell has
 * room for: "Rapat Koordinasi ...", not "Undangan Rapat ..."), else the subject. */
export function entryTitle(event: Pick<InvitationEvent, 'title'>, subject: string): string {
  const typed = event.title?.trim();
  if (typed) return typed;
  const stripped = eventOf(subject);
  return stripped === BLANK ? subject : stripped;
}

/** `2026-12-10` + `09:00` in WITA → the instant. */
export function instantOf(date: string, time: string, zone: TimeZoneCode): Date {
  return new Date(`${date}T${time}:00${ZONE_INFO[zone].offset}`);
}

/** ISO 8601 in the entry's own zone: `2026-12-10T09:00:00+08:00`. */
export function isoInZone(at: Date, zone: TimeZoneCode): string {
  const shifted = new Date(at.getTime() + ZONE_INFO[zone].hours * 3_600_000);
  return `${shifted.toISOString().slice(0, 19)}${ZONE_INFO[zone].offset}`;
}

/**
 * Registration of an undangan: an entry on the addressee's agenda (idempotent by the
 * unique `sourceKey`, so a retried after-registration step adds nothing).
 */
export async function createEntriesFromLetter(
  letter: IncomingLetter,
  event: InvitationEvent,
): Promise<AgendaEntry[]> {
  const positionIds = [letter.addresseePositionId];
  const created: AgendaEntry[] = [];
  for (const positionId of positionIds) {
    const position = await getPosition(positionId);
    if (!position) continue;
    const zone = event.timeZone;
    const start = instantOf(event.date, event.startTime, zone);
    const end = event.endTime
      ? instantOf(event.date, event.endTime, zone)
      : new Date(start.getTime() + OPEN_END_MS);
    try {
      const entry = await AgendaEntryModel.create({
        positionId,
        positionTitle: position.title,
        letterId: letter._id,
        letterLabel: letterLabelOf(letter),
        securityClass: letter.securityClass,
        title: entryTitle(event, letter.subject),
        start,
        end,
        endOpen: !event.endTime,
        timeZone: zone,
        place: event.place ?? '',
        onlineLink: event.onlineLink ?? '',
        dressCode: event.dressCode ?? '',
        notes: event.notes ?? '',
        status: 'pending',
        sourceKey: `letter:${String(letter._id)}:${String(positionId)}`,
      });
      created.push(entry.toObject() as AgendaEntry);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  return created;
}

function letterLabelOf(letter: IncomingLetter): string {
  const number =
    letter.agendaNumber === null || letter.agendaNumber === undefined
      ? ''
      : `No. agenda ${letter.agendaNumber}/${letter.agendaYear} · `;
  return `${number}${letter.senderName}`;
}

/** The policy's view of one position's agenda: the position itself (its holder and any
 * Plt/Plh) addressed, the staff who keep it by the admin's delegation in its chain. */
export async function agendaResource(positionId: string): Promise<Resource> {
  const keepers = await AgendaKeeperModel.find({
    positionId: new mongoose.Types.ObjectId(positionId),
  }).lean();
  return {
    addresseeIds: [positionId],
    chainIds: keepers.map((k) => String(k.keeperPositionId)),
  };
}

/** What a keeper not cleared for an R/SR invitation sees of it: that the time is taken. */
export function maskedFor(actor: Actor, entry: AgendaEntry): AgendaEntry {
  const securityClass = (entry.securityClass ?? 'B') as SecurityClass;
  if (securityClass === 'B' || securityClass === 'T') return entry;
  if (actorHoldsPosition(actor, entry.positionId)) return entry;
  if (clearanceAllows(actor.clearance, securityClass)) return entry;
  return {
    ...entry,
    title: 'Acara (surat berklasifikasi)',
    place: '',
    onlineLink: '',
    dressCode: '',
    notes: '',
    letterLabel: '',
  };
}

export interface ListedEntry extends AgendaEntry {
  clash: boolean;
  mayDecide: boolean;
  mayDelegate: boolean;
  /** The letter can be opened (and disposed) now. */
  letterReady: boolean;
}

/**
 * Whether the viewer can open the entry's letter now, so the view links it only then: a
 * keeper is usually not among a letter's readers, and an invitee's entry of an outgoing
 * undangan is made at the signature while its incoming letter arrives only when the undangan
 * is sent. One read by _id per letter shown (a view shows a few dozen at most).
 */
async function letterReady(
  actor: Actor,
  entry: AgendaEntry,
  seen = new Map<string, Promise<boolean>>(),
): Promise<boolean> {
  if (!entry.letterId) return false;
  const key = `${entry.letterType}:${String(entry.letterId)}`;
  if (!seen.has(key))
    seen.set(
      key,
      entry.letterType === 'outgoing'
        ? loadVisibleOutgoing(actor, String(entry.letterId)).then(
            () => true,
            () => false,
          )
        : IncomingLetterModel.findById(entry.letterId)
            .lean<IncomingLetter>()
            .then((l) => Boolean(l && l.status === 'registered' && canSeeLetter(actor, l))),
    );
  return seen.get(key)!;
}

/** The months a date range touches: the view reads only these buckets. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const month = day.slice(0, 7);
    if (!months.includes(month)) months.push(month);
  }
  return months;
}

/** One position's entries whose local date lies in [from, to], by month bucket. */
export async function entriesOf(positionId: string, from: string, to: string) {
  const found: AgendaEntry[] = [];
  for (const month of monthsOf(from, to)) {
    found.push(
      ...(await AgendaEntryModel.find({ monthKey: `${positionId}:${month}` }).lean<
        AgendaEntry[]
      >()),
    );
  }
  return found
    .filter((e) => {
      const date = localParts(e.start, e.timeZone as TimeZoneCode).date;
      return date >= from && date <= to;
    })
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Accepted entries of one position that overlap another accepted entry. */
export function clashingIds(entries: AgendaEntry[]): Set<string> {
  const accepted = entries.filter((e) => e.status === 'accepted');
  const ids = new Set<string>();
  for (let i = 0; i < accepted.length; i++)
    for (let j = i + 1; j < accepted.length; j++) {
      const [a, b] = [accepted[i]!, accepted[j]!];
      if (String(a.positionId) !== String(b.positionId)) continue;
      if (a.start < b.end && b.start < a.end) {
        ids.add(String(a._id));
        ids.add(String(b._id));
      }
    }
  return ids;
}

function checkRange(from: string, to: string): void {
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS)
    throw validationFailed(`Rentang agenda paling lama ${MAX_RANGE_DAYS} hari.`);
}

/** The leadership: Sekda and Asisten in the seeded organisation (Gubernur and Wakil
 * Gubernur, where the organisation has them, by the same position kinds). */
export const LEADERSHIP_KINDS = ['gubernur', 'wakil_gubernur', 'sekda', 'asisten'];

async function leadershipPositions(): Promise<Position[]> {
  const found: Position[] = [];
  // One equality read per kind (a few dozen positions in all).
  for (const kind of LEADERSHIP_KINDS)
    found.push(
      ...(await PositionModel.find({ kind } as Record<string, unknown>).lean<Position[]>()).filter(
        (p) => p.active,
      ),
    );
  return found;
}

export async function listAgenda(
  actor: Actor,
  query: { positionId?: string; scope: 'position' | 'leadership'; from: string; to: string },
): Promise<{ items: ListedEntry[]; positions: Array<{ id: string; title: string }> }> {
  checkRange(query.from, query.to);
  // Each position with its policy resource, read once (its keepers).
  const shown: Array<{ position: Position; resource: Resource }> = [];
  if (query.scope === 'leadership') {
    for (const position of await leadershipPositions()) {
      const resource = await agendaResource(String(position._id));
      if (can(actor, 'agenda.view', resource)) shown.push({ position, resource });
    }
  } else {
    const position = await getPosition(query.positionId!);
    if (!position) throw notFound('Jabatan');
    const resource = await agendaResource(query.positionId!);
    authorize(actor, 'agenda.view', resource, 'Anda tidak berhak melihat agenda jabatan ini.');
    shown.push({ position, resource });
  }
  const positions = shown.map((s) => s.position);
  const items: ListedEntry[] = [];
  const seen = new Map<string, Promise<boolean>>();
  for (const { position, resource } of shown) {
    const id = String(position._id);
    const entries = await entriesOf(id, query.from, query.to);
    const clashes = clashingIds(entries);
    const mayDecide = can(actor, 'agenda.decide', resource);
    const mayDelegate = can(actor, 'agenda.delegate', resource);
    for (const entry of entries) {
      const ready = await letterReady(actor, entry, seen);
      items.push({
        ...maskedFor(actor, entry),
        clash: clashes.has(String(entry._id)),
        mayDecide,
        mayDelegate: mayDelegate && delegable(entry) && ready,
        letterReady: ready,
      });
    }
  }
  items.sort((a, b) => a.start.getTime() - b.start.getTime());
  return {
    items,
    positions: positions.map((p) => ({ id: String(p._id), title: p.title })),
  };
}

/** The positions whose agenda the actor may open: their own and those they keep. */
export async function agendaPositionsOf(
  actor: Actor,
): Promise<Array<{ id: string; title: string; kept: boolean }>> {
  const out: Array<{ id: string; title: string; kept: boolean }> = actor.positions.map((p) => ({
    id: p.id,
    title: p.acting ? `${p.actingKind === 'plh' ? 'Plh.' : 'Plt.'} ${p.title}` : p.title,
    kept: false,
  }));
  for (const held of actor.positions) {
    const kept = await AgendaKeeperModel.find({
      keeperPositionId: new mongoose.Types.ObjectId(held.id),
    }).lean();
    for (const k of kept) {
      if (out.some((o) => o.id === String(k.positionId))) continue;
      const position = await getPosition(k.positionId);
      if (position) out.push({ id: String(position._id), title: position.title, kept: true });
    }
  }
  return out;
}

async function loadEntry(
  actor: Actor,
  id: string,
): Promise<{ entry: AgendaEntry; resource: Resource }> {
  const entry = await AgendaEntryModel.findById(id).lean<AgendaEntry>();
  if (!entry) throw notFound('Agenda');
  const resource = await agendaResource(String(entry.positionId));
  // Outsiders learn nothing about the entry.
  if (!can(actor, 'agenda.view', resource)) throw notFound('Agenda');
  return { entry, resource };
}

export async function getEntry(actor: Actor, id: string): Promise<ListedEntry> {
  const { entry, resource } = await loadEntry(actor, id);
  const sameDay = await AgendaEntryModel.find({ dayKey: entry.dayKey }).lean<AgendaEntry[]>();
  const ready = await letterReady(actor, entry);
  return {
    ...maskedFor(actor, entry),
    clash: clashingIds(sameDay).has(String(entry._id)),
    mayDecide: can(actor, 'agenda.decide', resource),
    mayDelegate: can(actor, 'agenda.delegate', resource) && delegable(entry) && ready,
    letterReady: ready,
  };
}

/** Handing on goes through a disposition of an incoming letter: the inviter's own entry of
 * an outgoing undangan (they host) has none. */
function delegable(entry: AgendaEntry): boolean {
  return Boolean(entry.letterId) && entry.letterType !== 'outgoing';
}

/** Accept or decline an invitation (the official, or the staff who keep the agenda). */
export async function decideEntry(
  actor: Actor,
  id: string,
  decision: 'accepted' | 'declined',
): Promise<ListedEntry> {
  const { entry, resource } = await loadEntry(actor, id);
  authorize(actor, 'agenda.decide', resource, 'Anda tidak berhak menjawab undangan ini.');
  if (entry.status === 'delegated')
    throw conflict('Undangan ini sudah diwakilkan; jawaban tidak dapat diubah.');
  await AgendaEntryModel.findById(id).then(async (doc) => {
    doc!.set({ status: decision, decidedAt: now(), decidedByName: actor.name });
    await doc!.save();
  });
  return getEntry(actor, id);
}

/** Lead times for one entry (null: the position's default again); who may answer the
 * invitation may choose them. The reminder pass reads them at each window, so a change
 * needs no rescheduling. */
export async function setEntryReminders(
  actor: Actor,
  id: string,
  remindBefore: number[] | null,
): Promise<ListedEntry> {
  const { resource } = await loadEntry(actor, id);
  authorize(actor, 'agenda.remind', resource, 'Anda tidak berhak mengatur pengingat agenda ini.');
  const doc = await AgendaEntryModel.findById(id);
  if (!doc) throw notFound('Agenda');
  doc.set({ remindBefore: remindBefore ? normalizeLeads(remindBefore) : null });
  await doc.save();
  return getEntry(actor, id);
}

/**
 * "Hadiri/Wakili": the official has someone else attend. The disposition goes through the
 * existing dispatch service (a top-level disposition of the letter, or a forward of the
 * disposition that brought the entry here), which also opens the letter to the delegate;
 * then the delegate gets an entry of their own and this one shows who attends.
 */
export async function delegateEntry(
  actor: Actor,
  id: string,
  input: { positionId: string; note?: string },
): Promise<{ entry: ListedEntry; delegateEntryId: string }> {
  const { entry, resource } = await loadEntry(actor, id);
  authorize(
    actor,
    'agenda.delegate',
    resource,
    'Hanya pejabat pemilik agenda (atau Plt/Plh-nya) yang dapat mewakilkan undangan.',
  );
  if (entry.status === 'delegated') throw conflict('Undangan ini sudah diwakilkan.');
  if (entry.status === 'declined') throw conflict('Undangan ini sudah ditolak.');
  if (!entry.letterId) throw conflict('Agenda ini tidak berasal dari surat.');
  if (entry.letterType === 'outgoing')
    throw conflict('Undangan ini Anda kirim sendiri sebagai pengundang; tidak dapat diwakilkan.');
  // An invitee's entry of an outgoing undangan exists from the signature; the letter it
  // disposes arrives in the inbox when the undangan is sent.
  if (!(await IncomingLetterModel.exists({ _id: entry.letterId, status: 'registered' })))
    throw conflict(
      'Surat undangan ini belum diterima di kotak masuk jabatan ini. Wakilkan setelah surat dikirim.',
    );
  if (input.positionId === String(entry.positionId))
    throw validationFailed('Pilih jabatan lain untuk mewakili.');
  const delegate = await getPosition(input.positionId);
  if (!delegate) throw notFound('Jabatan wakil');

  const dispatch = {
    recipients: [{ positionId: input.positionId, role: 'primary' as const }],
    instructions: ATTEND_INSTRUCTIONS,
    note:
      input.note?.trim() ||
      `Mohon hadir mewakili ${entry.positionTitle} pada acara "${entry.title}".`,
  };
  const nodes = entry.dispositionId
    ? await forwardDisposition(actor, String(entry.dispositionId), dispatch)
    : await disposeLetter(actor, String(entry.letterId), dispatch);
  const node = nodes.find((n) => String(n.toPositionId) === input.positionId) ?? nodes[0];

  const sourceKey = `delegate:${String(entry._id)}:${input.positionId}`;
  let delegateEntry = await AgendaEntryModel.findOne({ sourceKey }).lean<AgendaEntry>();
  if (!delegateEntry) {
    const {
      _id: _ignored,
      createdAt: _c,
      updatedAt: _u,
      ...rest
    } = entry as AgendaEntry & {
      createdAt?: Date;
      updatedAt?: Date;
    };
    const created = await AgendaEntryModel.create({
      ...rest,
      positionId: delegate._id,
      positionTitle: delegate.title,
      status: 'accepted',
      // The delegate is reminded at their own default lead times.
      remindBefore: null,
      delegatedTo: null,
      representing: {
        positionId: entry.positionId,
        positionTitle: entry.positionTitle,
        entryId: entry._id,
      },
      dispositionId: node?._id ?? null,
      sourceKey,
      decidedAt: now(),
      decidedByName: actor.name,
    });
    delegateEntry = created.toObject() as AgendaEntry;
  }
  const doc = await AgendaEntryModel.findById(id);
  doc!.set({
    status: 'delegated',
    delegatedTo: {
      positionId: delegate._id,
      positionTitle: delegate.title,
      entryId: delegateEntry._id,
    },
    decidedAt: now(),
    decidedByName: actor.name,
  });
  await doc!.save();
  return { entry: await getEntry(actor, id), delegateEntryId: String(delegateEntry._id) };
}

/** Keepers of an official's agenda (admin). */
export async function listKeepers(positionId?: string) {
  const filter = positionId ? { positionId: new mongoose.Types.ObjectId(positionId) } : {};
  const keepers = await AgendaKeeperModel.find(filter).limit(500).lean();
  const out = [];
  for (const k of keepers) {
    const [p, kp] = await Promise.all([getPosition(k.positionId), getPosition(k.keeperPositionId)]);
    out.push({
      id: String(k._id),
      positionId: String(k.positionId),
      positionTitle: p ? p.title : '—',
      keeperPositionId: String(k.keeperPositionId),
      keeperPositionTitle: kp ? kp.title : '—',
    });
  }
  return out;
}

export async function addKeeper(positionId: string, keeperPositionId: string) {
  if (positionId === keeperPositionId)
    throw validationFailed('Jabatan penyimpan agenda harus berbeda dari pemilik agenda.');
  const [p, kp] = await Promise.all([getPosition(positionId), getPosition(keeperPositionId)]);
  if (!p || !kp) throw notFound('Jabatan');
  try {
    await AgendaKeeperModel.create({
      positionId: p._id,
      keeperPositionId: kp._id,
      pairKey: `${positionId}:${keeperPositionId}`,
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  return (await listKeepers(positionId)).find((k) => k.keeperPositionId === keeperPositionId)!;
}

export async function removeKeeper(id: string): Promise<void> {
  const removed = await AgendaKeeperModel.findByIdAndDelete(id);
  if (!removed) throw notFound('Delegasi agenda');
}
