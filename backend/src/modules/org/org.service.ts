import mongoose from 'mongoose';
import type { HeldPosition } from '../../http/actor.ts';
import { now } from '../../lib/clock.ts';
import {
  AssignmentModel,
  PositionModel,
  UnitModel,
  UserModel,
  type ActingKind,
  type Assignment,
  type Position,
  type Unit,
  type User,
} from './org.model.ts';

/** Read-side questions about the organisation that every module asks: which position is
 * which, who reports to whom, who holds what today. Writes live in org.admin.service.ts. */

type Id = string | mongoose.Types.ObjectId;

const toObjectId = (id: Id): mongoose.Types.ObjectId | null =>
  typeof id === 'string'
    ? mongoose.isValidObjectId(id) && /^[0-9a-f]{24}$/i.test(id)
      ? new mongoose.Types.ObjectId(id)
      : null
    : id;

export async function getUnit(id: Id): Promise<Unit | null> {
  const oid = toObjectId(id);
  return oid ? UnitModel.findById(oid).lean<Unit>() : null;
}

export async function getPosition(id: Id): Promise<Position | null> {
  const oid = toObjectId(id);
  return oid ? PositionModel.findById(oid).lean<Position>() : null;
}

export async function getUser(id: Id): Promise<User | null> {
  const oid = toObjectId(id);
  return oid ? UserModel.findById(oid).lean<User>() : null;
}

/** The position with this stable key (`sekda`, `asisten1`, `karoumum`, `kabagtu`, `staftu-1`, ...). */
export async function findPositionByKey(key: string): Promise<Position | null> {
  return PositionModel.findOne({ key }).lean<Position>();
}

export async function findUnitByCode(code: string): Promise<Unit | null> {
  return UnitModel.findOne({ code }).lean<Unit>();
}

export async function findUserByUsername(username: string): Promise<User | null> {
  return UserModel.findOne({ username: username.trim().toLowerCase() }).lean<User>();
}

/** The reporting chain upward: immediate superior first, the Sekda last. */
export async function positionAncestors(positionId: Id): Promise<Position[]> {
  const position = await getPosition(positionId);
  if (!position || position.ancestorIds.length === 0) return [];
  const found = await PositionModel.find({ _id: { $in: position.ancestorIds } }).lean<Position[]>();
  const byId = new Map(found.map((p) => [String(p._id), p]));
  return [...position.ancestorIds]
    .reverse()
    .map((id) => byId.get(String(id)))
    .filter((p): p is Position => p !== undefined);
}

/** True when `candidateId` reports, directly or through others, to `superiorId`. */
export async function isPositionBelow(candidateId: Id, superiorId: Id): Promise<boolean> {
  const candidate = await getPosition(candidateId);
  if (!candidate) return false;
  return candidate.ancestorIds.some((id) => String(id) === String(superiorId));
}

/** The unit and every unit below it. */
export async function unitSubtreeIds(unitId: Id): Promise<mongoose.Types.ObjectId[]> {
  const oid = toObjectId(unitId);
  if (!oid) return [];
  const below = await UnitModel.find({ ancestorIds: oid }, { _id: 1 }).lean<
    Array<{ _id: mongoose.Types.ObjectId }>
  >();
  return [oid, ...below.map((u) => u._id)];
}

/** The unit's ids from the root down to itself, or [] when it does not exist. */
export async function unitPath(unitId: Id): Promise<string[]> {
  const unit = await getUnit(unitId);
  return unit ? [...unit.ancestorIds.map(String), String(unit._id)] : [];
}

/** Assignments in force at `at`: started, and not yet ended (endsAt is exclusive). For
 * admin lists only: hot paths read a user's or a position's few assignments by equality and
 * apply `isAssignmentActive` in memory (ranges and $or are not pushed down on FerretDB). */
export function activeAssignmentFilter(at: Date): Record<string, unknown> {
  return { startsAt: { $lte: at }, $or: [{ endsAt: null }, { endsAt: { $gt: at } }] };
}

export function isAssignmentActive(
  assignment: Pick<Assignment, 'startsAt' | 'endsAt'>,
  at: Date,
): boolean {
  return assignment.startsAt <= at && (!assignment.endsAt || assignment.endsAt > at);
}

/** The next moment after `at` when one of these assignments starts or ends (null: none). */
export function nextAssignmentChange(
  assignments: Array<Pick<Assignment, 'startsAt' | 'endsAt'>>,
  at: Date,
): Date | null {
  let next: number | null = null;
  for (const a of assignments) {
    for (const edge of [a.startsAt, a.endsAt]) {
      const t = edge ? new Date(edge).getTime() : null;
      if (t !== null && t > at.getTime() && (next === null || t < next)) next = t;
    }
  }
  return next === null ? null : new Date(next);
}

/** Own assignments before acting ones, earlier starts first (the order positions are listed). */
function byActingThenStart(a: Assignment, b: Assignment): number {
  return (
    Number(a.acting) - Number(b.acting) ||
    new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime()
  );
}

/** Every assignment of a user, past and future: one indexed equality read (a user holds a
 * handful over a career). */
export async function assignmentsOfUser(userId: Id): Promise<Assignment[]> {
  const oid = toObjectId(userId);
  return oid ? AssignmentModel.find({ userId: oid }).lean<Assignment[]>() : [];
}

export interface HeldPositionDetail extends HeldPosition {
  key: string;
  kind: string;
  unitCode: string;
  unitName: string;
  actingKind: ActingKind | null;
  /** Unit ids from the root down to the position's unit (for unit-scope checks). */
  unitPath: string[];
  assignmentId: string;
}

/** The positions a user holds at `at`, own positions first, then acting ones (Plt/Plh). */
export async function activePositionsOfUser(
  userId: Id,
  at: Date = now(),
): Promise<HeldPositionDetail[]> {
  return (await heldPositionsOfUser(userId, at)).positions;
}

/** The positions held at `at` and when that answer may next change (an assignment starting
 * or ending), so a cache of it knows when to stop trusting it. */
export async function heldPositionsOfUser(
  userId: Id,
  at: Date = now(),
): Promise<{ positions: HeldPositionDetail[]; changesAt: Date | null }> {
  const all = await assignmentsOfUser(userId);
  const active = all.filter((a) => isAssignmentActive(a, at)).sort(byActingThenStart);
  return { positions: await describeAssignments(active), changesAt: nextAssignmentChange(all, at) };
}

export interface PositionHolder {
  userId: string;
  name: string;
  acting: boolean;
  actingKind: ActingKind | null;
}

/** Who holds a position at `at` (the definitive holder and any acting official). */
export async function holdersOfPosition(
  positionId: Id,
  at: Date = now(),
): Promise<PositionHolder[]> {
  return (await holdersOfPositions([positionId], at)).get(String(positionId)) ?? [];
}

/**
 * Who holds each of these positions at `at`, in two reads whatever their number: the
 * positions' assignments, then their users. Both collections are the organisation (a few
 * hundred documents, bounded: docs/performance.md), so `$in` there is a small read; the
 * date window is applied in memory.
 */
export async function holdersOfPositions(
  positionIds: Id[],
  at: Date = now(),
): Promise<Map<string, PositionHolder[]>> {
  const ids = [...new Set(positionIds.map(String))].flatMap((id) => {
    const oid = toObjectId(id);
    return oid ? [oid] : [];
  });
  const result = new Map<string, PositionHolder[]>(ids.map((id) => [String(id), []]));
  if (ids.length === 0) return result;
  const assignments = (
    await AssignmentModel.find(
      ids.length === 1 ? { positionId: ids[0] } : { positionId: { $in: ids } },
    ).lean<Assignment[]>()
  )
    .filter((a) => isAssignmentActive(a, at))
    .sort((a, b) => Number(a.acting) - Number(b.acting));
  if (assignments.length === 0) return result;
  const userIds = [...new Set(assignments.map((a) => String(a.userId)))];
  const users = await UserModel.find(
    userIds.length === 1
      ? { _id: toObjectId(userIds[0]!) }
      : { _id: { $in: userIds.map((id) => toObjectId(id)) } },
  ).lean<User[]>();
  const byId = new Map(users.filter((u) => u.active).map((u) => [String(u._id), u]));
  for (const a of assignments) {
    const user = byId.get(String(a.userId));
    if (!user) continue;
    result.get(String(a.positionId))?.push({
      userId: String(user._id),
      name: user.name,
      acting: a.acting,
      actingKind: (a.actingKind ?? null) as ActingKind | null,
    });
  }
  return result;
}

/** Documents by a few ids, one `_id` equality read each ($in is not pushed down on FerretDB
 * and would read the whole collection). */
async function byIds<T>(
  model: { findById: (id: mongoose.Types.ObjectId) => { lean: <R>() => Promise<R | null> } },
  ids: Array<mongoose.Types.ObjectId | string>,
): Promise<T[]> {
  const unique = [...new Set(ids.map(String))].flatMap((id) => {
    const oid = toObjectId(id);
    return oid ? [oid] : [];
  });
  const found = await Promise.all(unique.map((id) => model.findById(id).lean<T>()));
  return found.filter((doc): doc is Awaited<T> & T => doc !== null);
}

async function describeAssignments(assignments: Assignment[]): Promise<HeldPositionDetail[]> {
  if (assignments.length === 0) return [];
  const positions = (
    await byIds<Position>(
      PositionModel,
      assignments.map((a) => a.positionId),
    )
  ).filter((p) => p.active);
  const units = await byIds<Unit>(
    UnitModel,
    positions.map((p) => p.unitId),
  );
  const positionById = new Map(positions.map((p) => [String(p._id), p]));
  const unitById = new Map(units.map((u) => [String(u._id), u]));
  const seen = new Set<string>();
  const held: HeldPositionDetail[] = [];
  for (const assignment of assignments) {
    const position = positionById.get(String(assignment.positionId));
    const unit = position && unitById.get(String(position.unitId));
    // A position held both definitively and as acting counts once, as the definitive one.
    if (!position || !unit || seen.has(String(position._id))) continue;
    seen.add(String(position._id));
    held.push({
      id: String(position._id),
      title: position.title,
      unitId: String(unit._id),
      acting: assignment.acting,
      key: position.key,
      kind: position.kind,
      unitCode: unit.code,
      unitName: unit.name,
      actingKind: assignment.acting ? ((assignment.actingKind ?? 'plh') as ActingKind) : null,
      unitPath: [...unit.ancestorIds.map(String), String(unit._id)],
      assignmentId: String(assignment._id),
    });
  }
  return held;
}

/** "Plh. Kepala Biro Umum" for acting positions, the plain title otherwise. */
export function positionDisplayTitle(position: {
  title: string;
  acting: boolean;
  actingKind?: ActingKind | null;
}): string {
  if (!position.acting) return position.title;
  return `${position.actingKind === 'plt' ? 'Plt.' : 'Plh.'} ${position.title}`;
}
