import { now } from '../../lib/clock.ts';
import {
  AssignmentModel,
  PositionModel,
  UnitModel,
  UserModel,
  type Assignment,
  type Position,
  type Unit,
  type User,
} from './org.model.ts';
import { activeAssignmentFilter } from './org.service.ts';

/** Org models to JSON: ids as strings, no _id/__v, never a password hash. Batch versions
 * load what they reference in one query per collection. */

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const ids = (list: unknown[] | undefined) => (list ?? []).map(String);

export function presentUnit(unit: Unit) {
  return {
    id: String(unit._id),
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    parentId: unit.parentId ? String(unit.parentId) : null,
    ancestorIds: ids(unit.ancestorIds),
    order: unit.order ?? 0,
    active: unit.active !== false,
  };
}

export async function presentPositions(positions: Position[], at: Date = now()) {
  const units = await UnitModel.find({ _id: { $in: positions.map((p) => p.unitId) } }).lean<
    Unit[]
  >();
  const unitById = new Map(units.map((u) => [String(u._id), u]));
  const assignments = await AssignmentModel.find({
    positionId: { $in: positions.map((p) => p._id) },
    ...activeAssignmentFilter(at),
  })
    .sort({ acting: 1, startsAt: 1 })
    .lean<Assignment[]>();
  const users = await UserModel.find(
    { _id: { $in: assignments.map((a) => a.userId) }, active: true },
    { name: 1 },
  ).lean<Array<Pick<User, '_id' | 'name'>>>();
  const nameById = new Map(users.map((u) => [String(u._id), u.name]));
  return positions.map((position) => {
    const unit = unitById.get(String(position.unitId));
    return {
      id: String(position._id),
      key: position.key,
      title: position.title,
      kind: position.kind,
      unitId: String(position.unitId),
      unitCode: unit?.code ?? null,
      unitName: unit?.name ?? null,
      parentId: position.parentId ? String(position.parentId) : null,
      ancestorIds: ids(position.ancestorIds),
      order: position.order ?? 0,
      active: position.active !== false,
      holders: assignments
        .filter(
          (a) => String(a.positionId) === String(position._id) && nameById.has(String(a.userId)),
        )
        .map((a) => ({
          userId: String(a.userId),
          name: nameById.get(String(a.userId))!,
          acting: a.acting,
          actingKind: a.acting ? (a.actingKind ?? 'plh') : null,
        })),
    };
  });
}

export function assignmentStatus(a: Assignment, at: Date): 'current' | 'upcoming' | 'past' {
  if (a.startsAt > at) return 'upcoming';
  if (a.endsAt && a.endsAt <= at) return 'past';
  return 'current';
}

export async function presentAssignments(assignments: Assignment[], at: Date = now()) {
  const [users, positions] = await Promise.all([
    UserModel.find({ _id: { $in: assignments.map((a) => a.userId) } }, { name: 1 }).lean<
      Array<Pick<User, '_id' | 'name'>>
    >(),
    PositionModel.find({ _id: { $in: assignments.map((a) => a.positionId) } }).lean<Position[]>(),
  ]);
  const units = await UnitModel.find(
    { _id: { $in: positions.map((p) => p.unitId) } },
    { name: 1 },
  ).lean<Array<Pick<Unit, '_id' | 'name'>>>();
  const userById = new Map(users.map((u) => [String(u._id), u]));
  const positionById = new Map(positions.map((p) => [String(p._id), p]));
  const unitById = new Map(units.map((u) => [String(u._id), u]));
  return assignments.map((a) => {
    const position = positionById.get(String(a.positionId));
    return {
      id: String(a._id),
      userId: String(a.userId),
      userName: userById.get(String(a.userId))?.name ?? null,
      positionId: String(a.positionId),
      positionTitle: position?.title ?? null,
      unitName: position ? (unitById.get(String(position.unitId))?.name ?? null) : null,
      acting: a.acting,
      actingKind: a.acting ? (a.actingKind ?? 'plh') : null,
      startsAt: iso(a.startsAt)!,
      endsAt: iso(a.endsAt),
      note: a.note ?? null,
      status: assignmentStatus(a, at),
    };
  });
}

export async function presentUsers(users: User[], at: Date = now()) {
  const assignments = await AssignmentModel.find({
    userId: { $in: users.map((u) => u._id) },
    ...activeAssignmentFilter(at),
  })
    .sort({ acting: 1, startsAt: 1 })
    .lean<Assignment[]>();
  const presented = await presentAssignments(assignments, at);
  return users.map((user) => ({
    id: String(user._id),
    username: user.username,
    name: user.name,
    nip: user.nip ?? null,
    nik: user.nik ?? null,
    email: user.email ?? null,
    phone: user.phone ?? null,
    rank: user.rank ?? null,
    grade: user.grade ?? null,
    roles: (user.roles ?? []) as Array<'admin' | 'agendaris' | 'pejabat' | 'arsiparis'>,
    clearance: (user.clearance ?? 'B') as 'B' | 'T' | 'R' | 'SR',
    active: user.active !== false,
    passwordSet: Boolean(user.passwordHash),
    demoPassword: Boolean(user.demoPassword),
    createdAt: iso((user as { createdAt?: Date }).createdAt),
    assignments: presented.filter((a) => a.userId === String(user._id)),
  }));
}
