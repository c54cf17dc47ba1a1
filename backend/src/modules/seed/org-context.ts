import type mongoose from 'mongoose';
import {
  AssignmentModel,
  PositionModel,
  UnitModel,
  UserModel,
  type Position,
  type Unit,
  type User,
} from '../org/org.model.ts';

/** A position of the demo organisation as the seed writes it into records. */
export interface SeedPosition {
  _id: mongoose.Types.ObjectId;
  key: string;
  title: string;
  kind: string;
  unitId: mongoose.Types.ObjectId;
  unitName: string;
  /** Unit ids from the root down to the position's own unit. */
  unitPath: mongoose.Types.ObjectId[];
  /** Position ids above it, root first. */
  ancestorIds: mongoose.Types.ObjectId[];
  holder: { userId: mongoose.Types.ObjectId; name: string; username: string; clearance: string };
  children: SeedPosition[];
}

export interface SeedOrg {
  sekda: SeedPosition;
  byId: Map<string, SeedPosition>;
  /** The agendaris who registers every practice letter. */
  clerk: SeedPosition;
}

/** Reads the organisation the org start-up task seeded (the demo Setda). */
export async function loadSeedOrg(): Promise<SeedOrg> {
  const [positions, units, users, assignments] = await Promise.all([
    PositionModel.find({ active: true }).sort({ order: 1, _id: 1 }).lean<Position[]>(),
    UnitModel.find({}).lean<Unit[]>(),
    UserModel.find({ active: true }).lean<User[]>(),
    AssignmentModel.find({ acting: false, endsAt: null }).sort({ startsAt: 1 }).lean(),
  ]);
  const unitById = new Map(units.map((u) => [String(u._id), u]));
  const userById = new Map(users.map((u) => [String(u._id), u]));
  const holderOf = new Map<string, User>();
  for (const a of assignments) {
    const user = userById.get(String(a.userId));
    if (user && !holderOf.has(String(a.positionId))) holderOf.set(String(a.positionId), user);
  }
  const byId = new Map<string, SeedPosition>();
  for (const p of positions) {
    const user = holderOf.get(String(p._id));
    const unit = unitById.get(String(p.unitId));
    if (!user || !unit) continue;
    byId.set(String(p._id), {
      _id: p._id,
      key: p.key,
      title: p.title,
      kind: p.kind,
      unitId: unit._id,
      unitName: unit.name,
      unitPath: [...(unit.ancestorIds ?? []), unit._id],
      ancestorIds: p.ancestorIds ?? [],
      holder: {
        userId: user._id,
        name: user.name,
        username: user.username,
        clearance: user.clearance ?? 'B',
      },
      children: [],
    });
  }
  for (const p of positions) {
    const node = byId.get(String(p._id));
    const parent = p.parentId ? byId.get(String(p.parentId)) : undefined;
    if (node && parent) parent.children.push(node);
  }
  const all = [...byId.values()];
  const sekda = all.find((p) => p.key === 'sekda');
  const clerk =
    all.find((p) => p.holder.username === 'agendaris') ?? all.find((p) => p.kind === 'staf');
  if (!sekda || !clerk)
    throw new Error('organisasi demo belum ada (jabatan Sekretaris Daerah atau agendaris)');
  return { sekda, byId, clerk };
}
