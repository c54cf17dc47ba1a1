import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { conflict, notFound, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  AssignmentModel,
  PositionModel,
  UserModel,
  type ActingKind,
  type Assignment,
  type User,
} from './org.model.ts';
import { activeAssignmentFilter } from './org.service.ts';

/** Assignments: a user's own (definitive) position and acting (Plt/Plh) ones. */

const oid = (id: string) => new mongoose.Types.ObjectId(id);

export async function loadPositionOrFail(id: string) {
  const position = await PositionModel.findById(id).lean();
  if (!position || position.active === false) throw notFound('Jabatan');
  return position;
}

/** Makes `positionId` the user's own position from now on, ending the previous one. */
export async function assignOwnPosition(
  actor: Actor,
  user: User,
  positionId: string | null,
  ip: string,
): Promise<void> {
  const at = now();
  const current = await AssignmentModel.find({
    userId: user._id,
    acting: false,
    ...activeAssignmentFilter(at),
  }).lean<Assignment[]>();
  if (current.length === 1 && positionId && String(current[0]!.positionId) === positionId) return;
  for (const assignment of current) {
    await AssignmentModel.updateOne({ _id: assignment._id }, { $set: { endsAt: at } });
    await recordAudit({
      actor,
      action: 'org.assignment.end',
      recordType: 'assignment',
      recordId: String(assignment._id),
      before: { endsAt: null },
      after: { endsAt: at },
      ip,
    });
  }
  if (!positionId) return;
  const created = await AssignmentModel.create({
    userId: user._id,
    positionId: oid(positionId),
    acting: false,
    actingKind: null,
    startsAt: at,
    endsAt: null,
    note: null,
    createdBy: oid(actor.userId),
  });
  await recordAudit({
    actor,
    action: 'org.assignment.create',
    recordType: 'assignment',
    recordId: String(created._id),
    after: { userId: String(user._id), positionId, acting: false, startsAt: at },
    ip,
  });
}

export interface ActingInput {
  userId: string;
  positionId: string;
  kind: ActingKind;
  startsAt: Date;
  endsAt: Date;
  note?: string | null;
}

/** Appoints an acting official (Plt/Plh) to a second position for a date range. */
export async function createActingAssignment(
  actor: Actor,
  input: ActingInput,
  ip: string,
): Promise<Assignment> {
  const user = await UserModel.findById(input.userId).lean<User>();
  if (!user) throw notFound('Pengguna');
  if (!user.active)
    throw validationFailed('Pengguna tidak aktif tidak dapat ditugaskan.', { field: 'userId' });
  const position = await loadPositionOrFail(input.positionId);
  const overlapping = await AssignmentModel.findOne({
    userId: user._id,
    positionId: position._id,
    startsAt: { $lt: input.endsAt },
    $or: [{ endsAt: null }, { endsAt: { $gt: input.startsAt } }],
  }).lean<Assignment>();
  if (overlapping) {
    throw conflict(
      overlapping.acting
        ? 'Pengguna ini sudah ditugaskan sebagai Plt/Plh pada jabatan tersebut dalam rentang tanggal yang sama.'
        : 'Pengguna ini sudah memegang jabatan tersebut.',
    );
  }
  const created = await AssignmentModel.create({
    userId: user._id,
    positionId: position._id,
    acting: true,
    actingKind: input.kind,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    note: input.note ?? null,
    createdBy: oid(actor.userId),
  });
  const assignment = created.toObject() as Assignment;
  await recordAudit({
    actor,
    action: 'org.assignment.create',
    recordType: 'assignment',
    recordId: String(assignment._id),
    after: {
      userId: input.userId,
      positionId: input.positionId,
      acting: true,
      actingKind: input.kind,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      note: input.note ?? null,
    },
    ip,
  });
  return assignment;
}

/** Ends an assignment now; one that has not started yet is cancelled (removed). */
export async function endAssignment(
  actor: Actor,
  id: string,
  ip: string,
): Promise<Assignment | null> {
  const assignment = await AssignmentModel.findById(id).lean<Assignment>();
  if (!assignment) throw notFound('Penugasan');
  const at = now();
  if (assignment.startsAt > at) {
    await AssignmentModel.deleteOne({ _id: assignment._id });
    await recordAudit({
      actor,
      action: 'org.assignment.cancel',
      recordType: 'assignment',
      recordId: id,
      before: { startsAt: assignment.startsAt, endsAt: assignment.endsAt },
      ip,
    });
    return null;
  }
  if (assignment.endsAt && assignment.endsAt <= at) return assignment;
  await AssignmentModel.updateOne({ _id: assignment._id }, { $set: { endsAt: at } });
  await recordAudit({
    actor,
    action: 'org.assignment.end',
    recordType: 'assignment',
    recordId: id,
    before: { endsAt: assignment.endsAt },
    after: { endsAt: at },
    ip,
  });
  return { ...assignment, endsAt: at };
}

export async function listAssignments(query: {
  acting?: 'true' | 'false';
  userId?: string;
  positionId?: string;
  status: 'current' | 'upcoming' | 'past' | 'all';
}) {
  const at = now();
  const filter: Record<string, unknown> = {};
  if (query.acting) filter.acting = query.acting === 'true';
  if (query.userId) filter.userId = oid(query.userId);
  if (query.positionId) filter.positionId = oid(query.positionId);
  if (query.status === 'current') Object.assign(filter, activeAssignmentFilter(at));
  if (query.status === 'upcoming') filter.startsAt = { $gt: at };
  if (query.status === 'past') filter.endsAt = { $lte: at };
  return AssignmentModel.find(filter).sort({ startsAt: -1 }).limit(500).lean<Assignment[]>();
}
