import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { forbidden } from '../../http/errors.ts';
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
} from '../org/org.model.ts';
import { activeAssignmentFilter } from '../org/org.service.ts';
import { heldPosition } from './outgoing.policy.ts';
import { formalTitle, loadPositions, proposeChain } from './parties.ts';
import type { OutgoingKind } from './templates/kinds.ts';
import { escapeRegex } from '../../lib/regex.ts';

/** Position choices for the drafting form (tujuan, tembusan, verifikator, penanda tangan). */
export interface PositionChoice {
  id: string;
  key: string;
  title: string;
  formalTitle: string;
  kind: string;
  unitCode: string;
  unitName: string;
  holderName: string | null;
}

async function describe(positions: Position[]): Promise<PositionChoice[]> {
  const ids = positions.map((p) => p._id);
  const [units, assignments] = await Promise.all([
    UnitModel.find({ _id: { $in: positions.map((p) => p.unitId) } }).lean<Unit[]>(),
    AssignmentModel.find({ positionId: { $in: ids }, ...activeAssignmentFilter(now()) })
      .sort({ acting: 1 })
      .lean<Assignment[]>(),
  ]);
  const users = await UserModel.find(
    { _id: { $in: assignments.map((a) => a.userId) }, active: true },
    { name: 1 },
  ).lean<User[]>();
  const unitById = new Map(units.map((u) => [String(u._id), u]));
  const nameById = new Map(users.map((u) => [String(u._id), u.name]));
  const holderOf = new Map<string, string>();
  // Own holders sort before acting ones, so the first name seen per position wins.
  for (const a of assignments) {
    const name = nameById.get(String(a.userId));
    if (name && !holderOf.has(String(a.positionId))) holderOf.set(String(a.positionId), name);
  }
  return positions.map((p) => {
    const unit = unitById.get(String(p.unitId));
    return {
      id: String(p._id),
      key: p.key,
      title: p.title,
      formalTitle: formalTitle(p),
      kind: p.kind,
      unitCode: unit?.code ?? '',
      unitName: unit?.name ?? '',
      holderName: holderOf.get(String(p._id)) ?? null,
    };
  });
}

const KIND_ORDER: Record<string, number> = {
  sekda: 0,
  asisten: 1,
  kepala_biro: 2,
  kepala_bagian: 3,
  staf: 4,
};

export async function searchPositions(
  q: string,
  ids: string[],
): Promise<{ items: PositionChoice[] }> {
  if (ids.length > 0) {
    const valid = ids.filter((id) => /^[0-9a-f]{24}$/i.test(id)).slice(0, 100);
    const found = await PositionModel.find({
      _id: { $in: valid.map((id) => new mongoose.Types.ObjectId(id)) },
    }).lean<Position[]>();
    return { items: await describe(found) };
  }
  const filter: Record<string, unknown> = { active: true };
  if (q) filter.title = new RegExp(escapeRegex(q), 'i');
  // The whole organisation is a few hundred positions: one answer the picker filters locally.
  const found = await PositionModel.find(filter).limit(1000).lean<Position[]>();
  found.sort(
    (a, b) =>
      (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || a.title.localeCompare(b.title, 'id'),
  );
  return { items: await describe(found) };
}

export async function describeProposal(actor: Actor, kind: OutgoingKind, positionId?: string) {
  const held = positionId
    ? heldPosition(actor, positionId)
    : (actor.positions.find((p) => !p.acting) ?? actor.positions[0]);
  if (!held) throw forbidden('Anda tidak memegang jabatan tersebut.');
  const proposal = await proposeChain(kind, String(held.id));
  const ids = [
    ...proposal.verifierPositionIds,
    ...(proposal.signer
      ? [proposal.signer.positionId, proposal.signer.onBehalfOfPositionId].filter(
          (x): x is string => !!x,
        )
      : []),
  ];
  const positions = await loadPositions(ids);
  const title = (id: string | null | undefined) =>
    id ? (positions.get(id) ? formalTitle(positions.get(id)!) : null) : null;
  return {
    drafterPositionId: String(held.id),
    verifiers: proposal.verifierPositionIds.map((id) => ({
      positionId: id,
      title: positions.get(id)?.title ?? '',
    })),
    signer: proposal.signer
      ? {
          ...proposal.signer,
          title: title(proposal.signer.positionId),
          onBehalfOfTitle: title(proposal.signer.onBehalfOfPositionId),
        }
      : null,
  };
}
