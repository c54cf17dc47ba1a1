import { isDuplicateKey } from '../../lib/upsert.ts';
import type { Actor, HeldPosition } from '../../http/actor.ts';
import { conflict, forbidden, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { heldPosition, snapshotOf } from '../dispositions/acting.ts';
import { DispositionModel, type Disposition } from '../dispositions/disposition.model.ts';
import { recipientsNobodyMayActOn } from '../dispositions/dispositions.policy.ts';
import { afterDispatch } from '../dispositions/effects.ts';
import { letterSummaryOf } from '../dispositions/letter-link.ts';
import { meetingAsLetter, syncMeetingDecisions } from '../dispositions/meeting-source.ts';
import { MeetingModel, type Meeting } from './meeting.model.ts';
import { publishMeeting } from './meetings.search.ts';
import { audit, loadManagedMeeting } from './meetings.service.ts';

/**
 * Finalising the minutes: the minutes are frozen and each decision becomes a disposition
 * node whose source is the meeting (dispositions/meeting-source.ts), sent from the chair to
 * the responsible position as its penanggung jawab, with the decision as its instruction
 * and its deadline. From there the node is an ordinary disposition: the position's inbox
 * (Tindak lanjut), reports, forwarding, deadlines and reminders, the monitoring of its unit.
 *
 * Idempotent: each node's `_id` is fixed when the decision is added, so the insert is the
 * claim (a second finalising, or a retry after a crash, finds the node and goes on); the
 * dispatch repair (dispositions/dispatch.repair.ts) finishes a node whose effects were cut
 * off, as for any dispatch.
 */

export async function finalizeMinutes(actor: Actor, id: string): Promise<Meeting> {
  const meeting = await loadManagedMeeting(actor, id, true);
  const minutes = meeting.minutes;
  const written = minutes?.mode === 'scan' ? !!minutes.scanFileId : !!minutes?.pembahasan?.trim();
  if (!written)
    throw validationFailed(
      'Notulen belum diisi: tuliskan pembahasan atau unggah pindaian notulen terlebih dahulu.',
    );
  if (new Date(meeting.startAt).getTime() > now().getTime())
    throw conflict('Notulen hanya dapat difinalkan setelah rapat dimulai.');
  const unfit = await recipientsNobodyMayActOn(
    meeting.decisions.map((d) => ({ positionId: d.positionId, title: d.positionTitle })),
    meeting.securityClass,
  );
  if (unfit.length > 0)
    throw forbidden(
      `Pemegang jabatan ${[...new Set(unfit)].join(', ')} tidak berwenang menindaklanjuti keputusan rapat dengan klasifikasi ini.`,
    );

  let current = meeting;
  if (!meeting.minutes?.finalizedAt) {
    await MeetingModel.updateOne(
      { _id: meeting._id },
      {
        $set: {
          'minutes.finalizedAt': now(),
          'minutes.finalizedByName': actor.name,
          status: 'selesai',
        },
      },
    );
    current = (await MeetingModel.findById(meeting._id).lean<Meeting>()) ?? meeting;
    await audit(actor, 'meeting.finalize', current, {
      title: current.title,
      decisions: current.decisions.map((d) => `${d.positionTitle}: ${d.instruction}`),
    });
  }
  await sendDecisions(actor, current);
  await syncMeetingDecisions(current._id);
  const final = (await MeetingModel.findById(current._id).lean<Meeting>()) ?? current;
  await publishMeeting(final);
  return final;
}

/** One disposition node per decision, from the chair; skipped when it exists already. */
async function sendDecisions(actor: Actor | null, meeting: Meeting): Promise<void> {
  const letter = meetingAsLetter(meeting);
  const chairHeld = actor ? heldPosition(actor, meeting.chair.positionId) : undefined;
  const held: HeldPosition = chairHeld ?? {
    id: String(meeting.chair.positionId),
    title: meeting.chair.positionTitle,
    unitId: String(meeting.chair.unitId),
    acting: false,
  };
  // Sent in the chair's name; by its holder's hand when the chair finalises, else by the
  // minute keeper for the chair (no user named on the node).
  const from =
    actor && chairHeld
      ? snapshotOf(actor, chairHeld)
      : {
          positionId: meeting.chair.positionId,
          positionTitle: meeting.chair.positionTitle,
          unitId: meeting.chair.unitId,
          userId: null,
          userName: null,
          acting: null,
        };
  const at = now();
  for (const decision of meeting.decisions) {
    const doc = {
      _id: decision.dispositionId,
      letterId: meeting._id,
      source: 'meeting',
      parentId: null,
      ancestorIds: [],
      depth: 0,
      batchId: decision._id,
      from,
      toPositionId: decision.positionId,
      toPositionTitle: decision.positionTitle,
      toUnitId: decision.unitId,
      toUnitName: decision.unitName ?? '',
      toUnitPath: decision.unitPath,
      role: 'primary',
      abovePositionIds: [meeting.chair.positionId],
      instructions: [decision.instruction],
      note: null,
      urgency: 'biasa',
      dueDate: decision.dueDate,
      dueAt: decision.dueAt,
      securityClass: meeting.securityClass,
      letterSummary: letterSummaryOf(letter),
      status: 'terkirim',
      version: 0,
      sentAt: at,
      historyKeyed: true,
    };
    try {
      await DispositionModel.insertMany([doc]);
    } catch (error) {
      if (isDuplicateKey(error)) continue;
      throw error;
    }
    const node = await DispositionModel.findById(doc._id).lean<Disposition>();
    if (node) await afterDispatch({ actor, held, letter, parent: null, nodes: [node] });
  }
}
