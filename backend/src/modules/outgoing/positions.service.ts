import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { forbidden } from '../../http/errors.ts';
import { PositionModel, UnitModel, type Position, type Unit } from '../org/org.model.ts';
import { holdersOfPosition } from '../org/org.service.ts';
import { heldPosition } from './outgoing.policy.ts';
import { formalTitle, loadPositions, proposeChain } from './parties.ts';
import type { OutgoingKind } from './templates/kinds.ts';

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

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function describe(positions: Position[]): Promise<PositionChoice[]> {
  const units = await UnitModel.find({ _id: { $in: positions.map((p) => p.unitId) } }).lean<Unit[]>();
  const unitById = new Map(units.map((u) => [String(u._id), u]));
  return Promise.all(
    positions.map(async (p) => {
      const holders = await holdersOfPosition(p._id);
      const unit = unitById.get(String(p.unitId));
      return {
        id: String(p._id),
        key: p.key,
        title: p.title,
        formalTitle: formalTitle(p),
        kind: p.kind,
        unitCode: unit?.code ?? '',
        unitName: unit?.name ?? '',
        holderName: (holders.find((h) => !h.acting) ?? holders[0])?.name ?? null,
      };
    }),
  );
}

const KIND_ORDER: Record<string, number> = { sekda: 0, asisten: 1, kepala_biro: 2, kepala_bagian: 3, staf: 4 };

export async function searchPositions(q: string, ids: string[]): Promise<{ items: PositionChoice[] }> {
  if (ids.length > 0) {
    const valid = ids.filter((id) => /^[0-9a-f]{24}$/i.test(id)).slice(0, 100);
    const found = await PositionModel.find({ _id: { $in: valid.map((id) => new mongoose.Types.ObjectId(id)) } }).lean<Position[]>();
    return { items: await describe(found) };
  }
  const filter: Record<string, unknown> = { active: true };
  if (q) filter.title = new RegExp(escapeRegex(q), 'i');
  const found = await PositionModel.find(filter).limit(200).lean<Position[]>();
  found.sort((a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || a.title.localeCompare(b.title, 'id'));
  return { items: await describe(found.slice(0, 40)) };
}

export async function describeProposal(actor: Actor, kind: OutgoingKind, positionId?: string) {
  const held = positionId ? heldPosition(actor, positionId) : (actor.positions.find((p) => !p.acting) ?? actor.positions[0]);
  if (!held) throw forbidden('Anda tidak memegang jabatan tersebut.');
  const proposal = await proposeChain(kind, String(held.id));
  const ids = [...proposal.verifierPositionIds, ...(proposal.signer ? [proposal.signer.positionId, proposal.signer.onBehalfOfPositionId].filter((x): x is string => !!x) : [])];
  const positions = await loadPositions(ids);
  const title = (id: string | null | undefined) => (id ? (positions.get(id) ? formalTitle(positions.get(id)!) : null) : null);
  return {
    drafterPositionId: String(held.id),
    verifiers: proposal.verifierPositionIds.map((id) => ({ positionId: id, title: positions.get(id)?.title ?? '' })),
    signer: proposal.signer
      ? { ...proposal.signer, title: title(proposal.signer.positionId), onBehalfOfTitle: title(proposal.signer.onBehalfOfPositionId) }
      : null,
  };
}
