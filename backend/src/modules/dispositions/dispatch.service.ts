import mongoose from 'mongoose';
import type { Actor, HeldPosition } from '../../http/actor.ts';
import { conflict, forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { endOfJakartaDay } from '../calendar/dates.ts';
import { formatTanggal } from '../documents/format-id.ts';
import { todayInJakarta } from '../calendar/calendar.service.ts';
import { getPosition } from '../org/org.service.ts';
import type { Position } from '../org/org.model.ts';
import { heldPosition, holdsAny, snapshotOf, transitionActor } from './acting.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import { mayActAs, recipientsNobodyMayActOn } from './dispositions.policy.ts';
import { recountChildren } from './dispatch.repair.ts';
import { afterDispatch } from './effects.ts';
import {
  getLetter,
  letterIsClosedForDisposition,
  letterSummaryOf,
  type LetterForDisposition,
} from './letter-link.ts';
import { nodeForRecipient } from './lifecycle.service.ts';
import { resolveRecipients } from './routing.ts';
import {
  defaultDueDate,
  forwardDueLimit,
  getSettings,
  normaliseInstructions,
} from './settings.service.ts';
import { OPEN_STATUSES, type RecipientRole, type Urgency } from './state-machine.ts';
import { commitTransition } from './transitions.ts';

export interface DispatchInput {
  recipients: Array<{ positionId: string; role: RecipientRole }>;
  instructions: string[];
  note?: string | null;
  dueDate?: string | null;
  urgency?: Urgency | null;
}

/** The addressee disposes a letter (top level of the tree). Tembusan positions read the
 * letter but never dispose it. */
export async function disposeLetter(
  actor: Actor,
  letterId: string,
  input: DispatchInput,
): Promise<Disposition[]> {
  const letter = await getLetter(actor, letterId);
  const held = heldPosition(actor, letter.addresseePositionId);
  if (!held || !mayActAs(actor, held.id, letter.securityClass)) {
    if (!held && holdsAny(actor, letter.copyPositionIds ?? [])) {
      throw forbidden(
        'Anda menerima tembusan surat ini untuk diketahui; tembusan tidak dapat didisposisikan.',
      );
    }
    throw forbidden(
      'Hanya pejabat penerima surat (atau Plt/Plh-nya) yang dapat mendisposisikan surat ini.',
    );
  }
  const closed = letterIsClosedForDisposition(letter);
  if (closed) throw conflict(closed);
  const sender = await getPosition(held.id);
  if (!sender) throw notFound('Jabatan pengirim');
  return dispatch(actor, held, sender, letter, null, input);
}

/** A recipient disposes its node further down (a child batch under the node). */
export async function forwardDisposition(
  actor: Actor,
  nodeId: string,
  input: DispatchInput,
): Promise<Disposition[]> {
  // The node's own rule decides (404 to outsiders, 403 to bystanders), not the letter's
  // reader list.
  const { node: parent, letter, held } = await nodeForRecipient(actor, nodeId, 'meneruskannya');
  if (letter.status === 'void') throw conflict('Surat ini telah dibatalkan dari buku agenda.');
  const sender = await getPosition(held.id);
  if (!sender) throw notFound('Jabatan pengirim');
  return dispatch(actor, held, sender, letter, parent, input);
}

async function dispatch(
  actor: Actor,
  held: HeldPosition,
  sender: Position,
  letter: LetterForDisposition,
  parent: Disposition | null,
  input: DispatchInput,
): Promise<Disposition[]> {
  const ids = input.recipients.map((r) => r.positionId);
  if (new Set(ids).size !== ids.length)
    throw validationFailed(
      'Satu jabatan hanya boleh dituju sekali.',
      issue('recipients', 'Penerima ganda.'),
    );
  if (input.recipients.filter((r) => r.role === 'primary').length !== 1) {
    throw validationFailed(
      'Tentukan tepat satu penanggung jawab; penerima lain berperan koordinasi.',
      issue('recipients', 'Harus ada tepat satu penanggung jawab.'),
    );
  }
  const onBranch = new Set([
    ...(parent?.abovePositionIds ?? []).map(String),
    ...(parent ? [String(parent.toPositionId)] : []),
  ]);
  const backUp = ids.filter((id) => onBranch.has(id));
  // A refusal of who may receive, not a malformed request: 403 with the reason.
  if (backUp.length > 0)
    throw forbidden(
      'Disposisi tidak dapat dikirim kembali ke jabatan di atasnya dalam alur yang sama.',
    );
  const recipients = await resolveRecipients(sender, ids);
  const unfit = await recipientsNobodyMayActOn(
    [...recipients.values()].map((r) => ({ positionId: r.position._id, title: r.position.title })),
    letter.securityClass,
  );
  if (unfit.length > 0) {
    throw forbidden(
      `Pemegang jabatan ${unfit.join(', ')} tidak berwenang menindaklanjuti surat dengan klasifikasi ini.`,
    );
  }

  const settings = await getSettings();
  const instructions = normaliseInstructions(input.instructions, settings);
  const today = todayInJakarta();
  if (input.dueDate && input.dueDate < today)
    throw validationFailed(
      'Batas waktu tidak boleh sebelum hari ini.',
      issue('dueDate', 'Batas waktu sudah lewat.'),
    );
  const urgency: Urgency =
    input.urgency ?? (parent?.urgency as Urgency | undefined) ?? (letter.urgency as Urgency);
  // A forward inherits its parent's deadline and may only shorten it (forwardDueLimit).
  const limit = parent ? forwardDueLimit(parent.dueDate, today) : null;
  if (limit && input.dueDate && input.dueDate > limit)
    throw validationFailed(
      `Batas waktu penerusan tidak boleh melewati batas waktu disposisi yang Anda terima (${formatTanggal(limit)}).`,
      issue('dueDate', `Paling lambat ${formatTanggal(limit)}.`),
    );
  const dueDate = input.dueDate ?? limit ?? (await defaultDueDate(urgency, today, settings));

  // Nobody gets the same letter twice from the same hand while the first is still open.
  const duplicates = await DispositionModel.find({
    letterId: letter._id,
    parentId: parent?._id ?? null,
    toPositionId: { $in: ids.map((id) => new mongoose.Types.ObjectId(id)) },
    status: { $in: OPEN_STATUSES },
  }).lean<Disposition[]>();
  if (duplicates.length > 0) {
    throw conflict(
      `Surat ini sudah didisposisikan kepada ${duplicates.map((d) => d.toPositionTitle).join(', ')} dan belum selesai.`,
    );
  }

  // The parent moves first (claim on its version): a concurrent completion of the parent
  // then fails instead of closing a node that is about to get children.
  const at = now();
  if (parent) {
    parent = await commitTransition({
      node: parent,
      action: 'forward',
      set: {
        readAt: parent.readAt ?? at,
        readByName: parent.readByName ?? actor.name,
        processingAt: parent.processingAt ?? at,
        childCount: parent.childCount + ids.length,
      },
      actor: transitionActor(actor, held),
    });
  }

  const batchId = new mongoose.Types.ObjectId();
  const from = snapshotOf(actor, held);
  const docs = input.recipients.map(({ positionId, role }) => {
    const { position, unit } = recipients.get(positionId)!;
    return {
      _id: new mongoose.Types.ObjectId(),
      letterId: letter._id,
      parentId: parent?._id ?? null,
      ancestorIds: parent ? [...parent.ancestorIds, parent._id] : [],
      depth: parent ? parent.depth + 1 : 0,
      batchId,
      from,
      toPositionId: position._id,
      toPositionTitle: position.title,
      toUnitId: unit._id,
      toUnitName: unit.name,
      toUnitPath: [...unit.ancestorIds, unit._id],
      role,
      abovePositionIds: parent ? [...parent.abovePositionIds, parent.toPositionId] : [sender._id],
      instructions,
      note: input.note?.trim() || null,
      urgency,
      dueDate,
      dueAt: endOfJakartaDay(dueDate),
      securityClass: letter.securityClass,
      letterSummary: letterSummaryOf(letter),
      status: 'terkirim',
      version: 0,
      sentAt: at,
      historyKeyed: true,
    };
  });
  try {
    await DispositionModel.insertMany(docs, { ordered: true });
  } catch (error) {
    // Never leave half a batch behind: remove whatever part of it was written.
    await DispositionModel.deleteMany({ batchId }).catch(() => undefined);
    // The parent already counts these children (its claim above); count again.
    if (parent) await recountChildren(parent._id).catch(() => undefined);
    throw error;
  }
  const created = await DispositionModel.find({ batchId })
    .sort({ role: -1, _id: 1 })
    .lean<Disposition[]>();
  await afterDispatch({ actor, held, letter, parent, nodes: created });
  return created;
}

function issue(path: string, message: string) {
  return { issues: [{ path, message }] };
}
