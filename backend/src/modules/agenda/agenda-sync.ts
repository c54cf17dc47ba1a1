import type mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import type { Logger } from '../../lib/logger.ts';
import { runWithLease } from '../files/lease.ts';
import { IncomingLetterModel, type IncomingLetter } from '../letters/letters.model.ts';
import { getPosition } from '../org/org.service.ts';
import { internalLetterId } from '../outgoing/inbox-bridge.ts';
import { OutgoingLetterModel, type OutgoingLetter } from '../outgoing/outgoing.model.ts';
import { AgendaEntryModel } from './agenda.model.ts';
import { invitationEventSchema, type InvitationEvent } from './agenda.schema.ts';
import { createEntriesFromLetter, entryTitle, instantOf, OPEN_END_MS } from './agenda.service.ts';

/**
 * Agenda entries that cannot be lost. The letter write itself carries the event and
 * `agendaSyncKey: 'due'` (the incoming registration's pending insert; the outgoing
 * `sign_finish` change), so whatever happens after it, the repair below finds the letter by
 * that one equality, makes the entries (idempotent: `sourceKey` is unique per source, letter
 * and position) and only then removes the key. The normal path runs the same sync right after
 * the write; the repair catches a process that died or a database that failed in between.
 */
export const AGENDA_SYNC_DUE = 'due';

/** Entries of a registered incoming undangan, then the key removed. */
export async function syncIncomingAgenda(letter: IncomingLetter): Promise<boolean> {
  // A pending letter may still be discarded; the repair comes back once it is registered.
  if (letter.status !== 'registered') return false;
  const event = parseEvent(letter.invitationEvent);
  if (event) await createEntriesFromLetter(letter, event);
  await IncomingLetterModel.updateOne(
    { _id: letter._id, agendaSyncKey: AGENDA_SYNC_DUE },
    { $unset: { agendaSyncKey: 1 } },
  );
  return true;
}

/** Entries of a signed outgoing undangan, then the key removed. */
export async function syncOutgoingAgenda(letter: OutgoingLetter): Promise<boolean> {
  if (letter.status !== 'signed' && letter.status !== 'sent') return false;
  const event = parseEvent(letter.event);
  if (event) await createEntriesFromOutgoing(letter, event);
  await OutgoingLetterModel.updateOne(
    { _id: letter._id, agendaSyncKey: AGENDA_SYNC_DUE },
    { $unset: { agendaSyncKey: 1 } },
  );
  return true;
}

/** An event stored by an older version or edited by hand may not parse: no entries then. */
function parseEvent(raw: unknown): InvitationEvent | null {
  const parsed = invitationEventSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * A signed surat undangan: an entry for the inviter (the signer's position: they host, so it
 * is accepted) and one for each INTERNAL recipient position (pending: theirs to accept,
 * decline or hand on). Tembusan get none: a tembusan informs (the Gubernur, the Inspektorat),
 * it does not invite; an official copied who means to attend is an addressee. An invitee's
 * entry points at the internal incoming letter the dispatch will put in its inbox (its id is
 * derived from the outgoing letter and the position), so "Hadiri/Wakili" disposes that
 * letter once delivered.
 */
export async function createEntriesFromOutgoing(
  letter: OutgoingLetter,
  event: InvitationEvent,
): Promise<number> {
  const inviterId = letter.signer.positionId as mongoose.Types.ObjectId;
  const inviterTitle = letter.signature?.positionTitle ?? letter.signer.title;
  const targets: Array<{
    positionId: mongoose.Types.ObjectId;
    letterId: mongoose.Types.ObjectId;
    letterType: 'incoming' | 'outgoing';
    status: 'accepted' | 'pending';
  }> = [
    { positionId: inviterId, letterId: letter._id, letterType: 'outgoing', status: 'accepted' },
  ];
  for (const recipient of letter.recipients) {
    if (recipient.type !== 'internal' || !recipient.positionId) continue;
    const positionId = recipient.positionId as mongoose.Types.ObjectId;
    if (targets.some((t) => String(t.positionId) === String(positionId))) continue;
    targets.push({
      positionId,
      letterId: internalLetterId(letter._id, positionId),
      letterType: 'incoming',
      status: 'pending',
    });
  }
  const zone = event.timeZone;
  const start = instantOf(event.date, event.startTime, zone);
  const end = event.endTime
    ? instantOf(event.date, event.endTime, zone)
    : new Date(start.getTime() + OPEN_END_MS);
  let created = 0;
  for (const target of targets) {
    const position = await getPosition(target.positionId);
    if (!position) continue;
    try {
      await AgendaEntryModel.create({
        positionId: target.positionId,
        positionTitle: position.title,
        letterId: target.letterId,
        letterType: target.letterType,
        letterLabel: `Nomor ${letter.number ?? '-'} · ${inviterTitle}`,
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
        status: target.status,
        sourceKey: `outgoing:${String(letter._id)}:${String(target.positionId)}`,
      });
      created++;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  return created;
}

/**
 * Makes the entries of every letter still marked 'due' (one equality read per register).
 * A sync that fails is logged and left marked for the next pass.
 */
export async function repairAgendaSync(logger?: Logger): Promise<number> {
  let repaired = 0;
  const incoming = await IncomingLetterModel.find({
    agendaSyncKey: AGENDA_SYNC_DUE,
  }).lean<IncomingLetter[]>();
  for (const letter of incoming)
    try {
      if (await syncIncomingAgenda(letter)) repaired++;
    } catch (error) {
      logger?.warn({ err: error, letterId: String(letter._id) }, 'agenda entries not made');
    }
  const outgoing = await OutgoingLetterModel.find({
    agendaSyncKey: AGENDA_SYNC_DUE,
  }).lean<OutgoingLetter[]>();
  for (const letter of outgoing)
    try {
      if (await syncOutgoingAgenda(letter)) repaired++;
    } catch (error) {
      logger?.warn({ err: error, letterId: String(letter._id) }, 'agenda entries not made');
    }
  if (repaired > 0) logger?.info({ repaired }, 'agenda entries made by the repair');
  return repaired;
}

export const AGENDA_REPAIR_EVERY_MS = 5 * 60_000;

/** The repair shortly after start and then every few minutes, on one replica at a time. */
export function startAgendaRepair(logger: Logger): void {
  const run = () =>
    runWithLease('repair:agenda-entries', AGENDA_REPAIR_EVERY_MS, async () => {
      await repairAgendaSync(logger);
    }).catch((error) => logger.error({ err: error }, 'agenda repair failed'));
  setTimeout(run, 30_000).unref();
  setInterval(run, AGENDA_REPAIR_EVERY_MS).unref();
}
