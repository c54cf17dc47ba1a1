import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { forbidden, validationFailed } from '../../http/errors.ts';
import { PositionModel, UnitModel, type Position, type Unit } from '../org/org.model.ts';
import { positionAncestors } from '../org/org.service.ts';
import type { CreateDraftInput } from './outgoing.schema.ts';
import { heldPosition } from './outgoing.policy.ts';
import type { OutgoingKind } from './templates/kinds.ts';

/**
 * Resolves the people of a draft (drafter, recipients, tembusan, verifiers, signer) from
 * position ids into the snapshots the letter keeps: titles are copied at drafting time,
 * as the paper shows them, and refreshed on every edit until signing.
 */
const oid = (id: string) => new mongoose.Types.ObjectId(id);

export async function loadPositions(ids: string[]): Promise<Map<string, Position>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const found = await PositionModel.find({ _id: { $in: unique.map(oid) }, active: true }).lean<
    Position[]
  >();
  return new Map(found.map((p) => [String(p._id), p]));
}

function need(positions: Map<string, Position>, id: string, what: string): Position {
  const position = positions.get(id);
  if (!position) throw validationFailed(`${what} tidak ditemukan atau tidak aktif lagi.`);
  return position;
}

/** How a position is named in a signature block and the "Yth." line. */
export function formalTitle(position: Pick<Position, 'title' | 'kind'>): string {
  if (position.kind === 'sekda' && !/provinsi/i.test(position.title))
    return `${position.title} Provinsi Lampung`;
  return position.title;
}

export function drafterSnapshot(actor: Actor, positionId: string | undefined) {
  const held = positionId
    ? heldPosition(actor, positionId)
    : (actor.positions.find((p) => !p.acting) ?? actor.positions[0]);
  if (!held)
    throw forbidden(
      'Anda tidak memegang jabatan tersebut, jadi tidak dapat menyusun konsep atas namanya.',
    );
  return {
    userId: oid(actor.userId),
    name: actor.name,
    positionId: oid(String(held.id)),
    positionTitle: held.title,
    unitId: oid(String(held.unitId)),
  };
}

type PartyInput = Pick<CreateDraftInput, 'recipients' | 'carbonCopies' | 'signer'> & {
  verifierPositionIds?: string[];
};

export async function resolveParties(input: PartyInput, drafterPositionId: string) {
  const ids = [
    ...input.recipients.flatMap((r) => (r.type === 'internal' ? [r.positionId] : [])),
    ...input.carbonCopies.flatMap((c) => ('positionId' in c ? [c.positionId] : [])),
    ...(input.verifierPositionIds ?? []),
    ...(input.signer
      ? [
          input.signer.positionId,
          input.signer.onBehalfOfPositionId,
          input.signer.throughPositionId,
        ].filter((x): x is string => !!x)
      : []),
  ];
  const positions = await loadPositions(ids);
  const recipients = input.recipients.map((r) =>
    r.type === 'internal'
      ? {
          type: 'internal',
          positionId: oid(r.positionId),
          label: formalTitle(need(positions, r.positionId, 'Jabatan tujuan')),
          address: null,
          email: null,
        }
      : {
          type: 'external',
          positionId: null,
          label: r.label,
          address: r.address ?? null,
          email: r.email ?? null,
        },
  );
  const carbonCopies = input.carbonCopies.map((c) =>
    'positionId' in c
      ? {
          positionId: oid(c.positionId),
          label: formalTitle(need(positions, c.positionId, 'Jabatan tembusan')),
        }
      : { positionId: null, label: c.label },
  );
  const verifierIds = input.verifierPositionIds ?? [];
  if (new Set(verifierIds).size !== verifierIds.length)
    throw validationFailed('Satu jabatan hanya boleh muncul sekali dalam urutan verifikator.');
  if (verifierIds.includes(drafterPositionId))
    throw validationFailed('Penyusun konsep tidak dapat memverifikasi konsepnya sendiri.');
  const verifiers = verifierIds.map((id) => ({
    positionId: oid(id),
    title: need(positions, id, 'Jabatan verifikator').title,
    decision: 'pending',
    decidedAt: null,
    decidedByUserId: null,
    decidedByName: null,
    note: null,
  }));
  const signer = input.signer ? resolveSigner(input.signer, positions, verifierIds) : null;
  return { recipients, carbonCopies, verifiers, signer };
}

function resolveSigner(
  input: NonNullable<CreateDraftInput['signer']>,
  positions: Map<string, Position>,
  verifierIds: string[],
) {
  const position = need(positions, input.positionId, 'Jabatan penanda tangan');
  if (verifierIds.includes(input.positionId))
    throw validationFailed('Penanda tangan tidak perlu dicantumkan lagi sebagai verifikator.');
  if (input.mode !== 'direct' && !input.onBehalfOfPositionId) {
    throw validationFailed('Pilih pejabat yang diwakili untuk penandatanganan "atas nama" (a.n.).');
  }
  if (input.mode === 'ub' && !input.throughPositionId) {
    throw validationFailed('Pilih pejabat perantara untuk penandatanganan "untuk beliau" (u.b.).');
  }
  const onBehalf =
    input.mode !== 'direct' && input.onBehalfOfPositionId
      ? need(positions, input.onBehalfOfPositionId, 'Pejabat yang diwakili')
      : null;
  const through =
    input.mode === 'ub' && input.throughPositionId
      ? need(positions, input.throughPositionId, 'Pejabat perantara')
      : null;
  if (onBehalf && String(onBehalf._id) === input.positionId)
    throw validationFailed('Penanda tangan tidak dapat menandatangani atas nama dirinya sendiri.');
  return {
    positionId: position._id,
    title: formalTitle(position),
    mode: input.mode,
    onBehalfOfPositionId: onBehalf?._id ?? null,
    onBehalfOfTitle: onBehalf ? formalTitle(onBehalf) : null,
    throughPositionId: through?._id ?? null,
    throughTitle: through ? formalTitle(through) : null,
  };
}

/**
 * The chain a kind proposes for a drafter: the drafter's superiors as verifiers up to the
 * signer. Letters to the outside are signed by the Asisten "a.n. Sekretaris Daerah";
 * a Surat Edaran by the Sekda; a Nota Dinas by the drafter's Kepala Biro.
 */
export async function proposeChain(kind: OutgoingKind, drafterPositionId: string) {
  const ancestors = await positionAncestors(drafterPositionId);
  const sekda = ancestors.find((p) => p.kind === 'sekda');
  const pick = (kinds: string[]) => ancestors.find((p) => kinds.includes(p.kind));
  let signer: Position | undefined;
  let mode: 'direct' | 'an' = 'direct';
  if (kind === 'nota_dinas') signer = pick(['kepala_biro', 'asisten', 'sekda']);
  else if (kind === 'surat_edaran') signer = sekda;
  else {
    signer = pick(['asisten']) ?? sekda;
    if (signer && sekda && signer !== sekda) mode = 'an';
  }
  if (!signer) return { verifierPositionIds: [], signer: null };
  const index = ancestors.indexOf(signer);
  const verifiers = ancestors.slice(0, index).filter((p) => p.kind !== 'staf');
  return {
    verifierPositionIds: verifiers.map((p) => String(p._id)),
    signer: {
      positionId: String(signer._id),
      mode,
      onBehalfOfPositionId: mode === 'an' && sekda ? String(sekda._id) : null,
      throughPositionId: null,
    },
  };
}

/** The unit whose code goes into the number: the principal's unit ("a.n. Sekda" → SETDA). */
export async function issuingUnit(signer: {
  positionId: unknown;
  mode: string;
  onBehalfOfPositionId?: unknown;
}): Promise<Unit | null> {
  const principalId =
    signer.mode !== 'direct' && signer.onBehalfOfPositionId
      ? signer.onBehalfOfPositionId
      : signer.positionId;
  const position = await PositionModel.findById(principalId).lean<Position>();
  return position ? UnitModel.findById(position.unitId).lean<Unit>() : null;
}
