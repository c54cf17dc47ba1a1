import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import type { Actor, SecurityClass } from '../../http/actor.ts';
import { conflict, forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { ROLL_FORWARD_AFTER_MS, takeRollForward } from '../../lib/claims.ts';
import { now } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { PositionModel, UserModel, type Position, type User } from '../org/org.model.ts';
import { highestClass, isArchivist, requireManage } from './archive.policy.ts';
import { can } from '../policy/policy.ts';
import { BerkasModel, type Berkas } from './berkas.model.ts';
import { today } from './dates.ts';
import { refusalFor } from './eligibility.ts';
import { BoxModel, type Box } from './location.model.ts';
import { berkasLabel } from './loans.service.ts';
import { claimBerkas, releaseBerkas } from './locks.ts';
import {
  ProposalModel,
  ProposalTransitionModel,
  type Proposal,
  type ProposalStatus,
  type ProposalTransition,
} from './proposals.model.ts';
import { DISPOSITION_LABELS } from './retention.seed-data.ts';
import { approversOf, getSettings } from './settings.service.ts';
import type { ProposalKind } from './settings.model.ts';

/** Reads of the proposal while pending claims are rolled forward (by this reader or another). */
const MAX_ROLL_FORWARD_ROUNDS = 200;

/**
 * The proposal with any change whose writer died after claiming it applied (roll forward,
 * once the claim is older than ROLL_FORWARD_AFTER_MS: a younger one's writer may still be
 * applying it). Only the reader that takes the claim's roll-forward marker (lib/claims.ts
 * `takeRollForward`) applies it; the others wait for it and read again. Several readers
 * applying it at once could each read revision r, and since FerretDB's guarded update is
 * read-then-write, a late one could land after the next change and put the proposal back.
 */
export async function loadProposal(id: string): Promise<Proposal> {
  if (!mongoose.isValidObjectId(id)) throw notFound('Usulan');
  let proposal = await ProposalModel.findById(id).lean<Proposal>();
  for (let round = 0; proposal && round < MAX_ROLL_FORWARD_ROUNDS; round++) {
    const pendingId = `${id}:${proposal.revision}`;
    const pending = await ProposalTransitionModel.findById(pendingId).lean<ProposalTransition>();
    if (!pending || now().getTime() - pending.at.getTime() < ROLL_FORWARD_AFTER_MS) break;
    const release = await takeRollForward(`archive-proposal:${pendingId}`);
    if (release) {
      try {
        // Read again under the marker: a reader that held it before may have applied it.
        const current = await ProposalModel.findById(id, { revision: 1 }).lean<
          Pick<Proposal, 'revision'>
        >();
        if (current?.revision === proposal.revision) await apply(pending);
      } finally {
        await release();
      }
    } else await sleep(2 + Math.random() * 8); // another reader rolls it forward
    proposal = await ProposalModel.findById(id).lean<Proposal>();
  }
  if (!proposal) throw notFound('Usulan');
  return proposal;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function apply(claim: ProposalTransition): Promise<void> {
  await ProposalModel.updateOne(
    { _id: claim.proposalId, revision: claim.fromRevision },
    {
      $set: {
        ...(claim.set as Record<string, unknown>),
        status: claim.toStatus,
        revision: claim.fromRevision + 1,
      },
    },
  );
}

/** One change of a proposal, exactly once: the claim decides, then it is applied. */
export async function commit(
  proposal: Proposal,
  action: string,
  toStatus: ProposalStatus,
  set: Record<string, unknown>,
  actorName: string,
  note = '',
): Promise<Proposal> {
  const claim = {
    _id: `${String(proposal._id)}:${proposal.revision}`,
    proposalId: proposal._id,
    fromRevision: proposal.revision,
    action,
    fromStatus: proposal.status,
    toStatus,
    set,
    actorName,
    note,
    at: now(),
  };
  try {
    await ProposalTransitionModel.create(claim);
  } catch (error) {
    if (isDuplicateKey(error))
      throw conflict('Usulan ini baru saja diubah oleh pengguna lain. Muat ulang halaman.');
    throw error;
  }
  await apply(claim as ProposalTransition);
  return (await ProposalModel.findById(proposal._id).lean<Proposal>())!;
}

export interface ProposeInput {
  kind: ProposalKind;
  berkasIds: string[];
  note?: string | undefined;
  destinationBoxId?: string | undefined;
}

async function proposalIsLive(owner: string): Promise<boolean> {
  const proposal = await ProposalModel.findById(owner, {
    status: 1,
    createdAt: 1,
    baKey: 1,
  }).lean<Proposal>();
  if (!proposal) return false;
  return ['proposed', 'approved', 'executing'].includes(proposal.status);
}

function retentionText(b: Berkas): string {
  if (!b.retention) return '';
  const final =
    DISPOSITION_LABELS[
      (b.finalDisposition ?? b.retention.finalDisposition) as keyof typeof DISPOSITION_LABELS
    ] ?? '';
  return `${b.retention.activeYears} th aktif + ${b.retention.inactiveYears} th inaktif, ${final}`;
}

/** Proposes berkas for a transfer, disposal or handover. Every berkas must be due and
 * free (no hold for disposal/handover, no loan, no other proposal); the approvers are
 * those configured now. */
export async function propose(actor: Actor, input: ProposeInput, ip?: string): Promise<Proposal> {
  const ids = [...new Set(input.berkasIds)];
  if (!ids.every((id) => mongoose.isValidObjectId(id))) throw notFound('Berkas');
  const berkasList = await BerkasModel.find({ _id: { $in: ids } }).lean<Berkas[]>();
  if (berkasList.length !== ids.length) throw notFound('Salah satu berkas');
  const securityClass = highestClass(berkasList.map((b) => b.securityClass)) as SecurityClass;
  requireManage(actor, securityClass);
  const day = today();
  const refusals = berkasList
    .map((b) => refusalFor(input.kind, b, day))
    .filter((r): r is string => !!r);
  if (refusals.length > 0) throw conflict(refusals[0]!, { refusals });

  const settings = await getSettings();
  const approverIds = approversOf(settings, input.kind);
  if (approverIds.length === 0)
    throw conflict('Pejabat penyetuju untuk usulan ini belum diatur. Atur di Pengaturan Arsip.');
  const positions = await PositionModel.find({ _id: { $in: approverIds } }, { title: 1 }).lean<
    Position[]
  >();
  const titles = new Map(positions.map((p) => [String(p._id), p.title]));
  let destination: Box | null = null;
  if (input.destinationBoxId) {
    if (input.kind !== 'transfer')
      throw validationFailed('Boks tujuan hanya untuk pemindahan.', { field: 'destinationBoxId' });
    destination = mongoose.isValidObjectId(input.destinationBoxId)
      ? await BoxModel.findById(input.destinationBoxId).lean<Box>()
      : null;
    if (!destination || !destination.active)
      throw validationFailed('Boks tujuan tidak ditemukan.', { field: 'destinationBoxId' });
  }
  const boxes = await BoxModel.find({
    _id: { $in: berkasList.map((b) => b.boxId).filter(Boolean) },
  }).lean<Box[]>();
  const boxById = new Map(boxes.map((b) => [String(b._id), b]));
  const user = await UserModel.findById(actor.userId, { nip: 1 }).lean<User>();
  const ordered = [...berkasList].sort(
    (a, b) =>
      a.classificationCode.localeCompare(b.classificationCode) ||
      (a.periodStart ?? '').localeCompare(b.periodStart ?? ''),
  );

  const id = new mongoose.Types.ObjectId();
  await ProposalModel.create({
    _id: id,
    kind: input.kind,
    note: input.note ?? '',
    receiverName:
      input.kind === 'transfer'
        ? settings.recordsCentreName
        : input.kind === 'handover'
          ? settings.archiveInstitutionName
          : '',
    destinationBoxId: destination?._id ?? null,
    berkasIds: ordered.map((b) => b._id),
    entries: ordered.map((b) => {
      const box = b.boxId ? boxById.get(String(b.boxId)) : undefined;
      return {
        berkasId: b._id,
        label: berkasLabel(b),
        unitName: b.unitName,
        classificationCode: b.classificationCode,
        title: b.title,
        periodStart: b.periodStart,
        periodEnd: b.periodEnd,
        itemCount: b.itemCount,
        securityClass: b.securityClass,
        media: b.media,
        retention: retentionText(b),
        finalDisposition: b.finalDisposition,
        activeUntil: b.activeUntil,
        inactiveUntil: b.inactiveUntil,
        location: box ? `${box.code}${b.folder ? `, map ${b.folder}` : ''}` : '',
      };
    }),
    securityClass,
    approvals: approverIds.map((pid) => ({
      positionId: pid,
      positionTitle: titles.get(String(pid)) ?? '-',
      decision: 'pending',
    })),
    proposedBy: new mongoose.Types.ObjectId(actor.userId),
    proposedByName: actor.name,
    proposedByNip: user?.nip ?? null,
    proposedByPosition: actor.positions.find((p) => !p.acting)?.title ?? null,
    baKey: `pending:${String(id)}`,
  });
  try {
    await claimBerkas({
      kind: 'proposal',
      owner: String(id),
      berkasIds: ordered.map((b) => b._id),
      isLive: proposalIsLive,
      describe: async (berkasId) =>
        berkasLabel(ordered.find((b) => String(b._id) === String(berkasId))!),
      busyMessage: (label) => `Berkas ${label} sudah termasuk dalam usulan lain.`,
    });
  } catch (error) {
    await ProposalModel.deleteOne({ _id: id });
    throw error;
  }
  await BerkasModel.updateMany(
    { _id: { $in: ordered.map((b) => b._id) } },
    { $set: { proposalId: id } },
  );
  const proposal = (await ProposalModel.findById(id).lean<Proposal>())!;
  await recordAudit({
    actor,
    action: `archive.${input.kind}.propose`,
    recordType: 'archive-proposal',
    recordId: String(id),
    after: proposalSnapshot(proposal),
    ip: ip ?? null,
  });
  return proposal;
}

export function currentApproval(proposal: Proposal) {
  return proposal.status === 'proposed' ? proposal.approvals[proposal.currentStep] : undefined;
}

export function isCurrentApprover(actor: Actor, proposal: Proposal): boolean {
  const approval = currentApproval(proposal);
  return (
    !!approval && can(actor, 'archive.approve', { addresseeIds: [String(approval.positionId)] })
  );
}

/** The current approver (its holder or Plt/Plh) approves or rejects. The last approval
 * makes the proposal ready to execute; a rejection ends it and frees the berkas. */
export async function decide(
  actor: Actor,
  id: string,
  input: { decision: 'approve' | 'reject'; note?: string | undefined },
  ip?: string,
): Promise<Proposal> {
  const proposal = await loadProposal(id);
  if (proposal.status !== 'proposed')
    throw conflict('Usulan ini tidak sedang menunggu persetujuan.');
  const approval = currentApproval(proposal)!;
  const held = actor.positions.find((p) => String(p.id) === String(approval.positionId));
  if (!held || !isCurrentApprover(actor, proposal))
    throw forbidden(`Usulan ini menunggu keputusan ${approval.positionTitle}.`);
  if (input.decision === 'reject' && !input.note)
    throw validationFailed('Tuliskan alasan penolakan.', { field: 'note' });
  const user = await UserModel.findById(actor.userId, { nip: 1 }).lean<User>();
  const approvals = proposal.approvals.map((a, index) =>
    index === proposal.currentStep
      ? {
          ...a,
          decision: input.decision === 'approve' ? 'approved' : 'rejected',
          decidedAt: now(),
          decidedByName: actor.name,
          decidedByNip: user?.nip ?? null,
          acting: held.acting ? (held.actingKind === 'plh' ? 'Plh.' : 'Plt.') : null,
          note: input.note ?? '',
        }
      : a,
  );
  const last = proposal.currentStep + 1 >= proposal.approvals.length;
  const toStatus: ProposalStatus =
    input.decision === 'reject' ? 'rejected' : last ? 'approved' : 'proposed';
  const after = await commit(
    proposal,
    input.decision,
    toStatus,
    {
      approvals,
      currentStep:
        input.decision === 'approve' && !last ? proposal.currentStep + 1 : proposal.currentStep,
      ...(toStatus === 'rejected' ? { closedReason: input.note ?? '' } : {}),
    },
    actor.name,
    input.note ?? '',
  );
  if (toStatus === 'rejected') await freeBerkas(after);
  await recordAudit({
    actor,
    action: `archive.${proposal.kind}.${input.decision}`,
    recordType: 'archive-proposal',
    recordId: id,
    before: { status: proposal.status },
    after: { status: after.status, note: input.note ?? '' },
    ip: ip ?? null,
    positionId: held.id,
  });
  return after;
}

export async function cancelProposal(
  actor: Actor,
  id: string,
  reason: string,
  ip?: string,
): Promise<Proposal> {
  const proposal = await loadProposal(id);
  requireManage(actor, proposal.securityClass as SecurityClass);
  if (!['proposed', 'approved'].includes(proposal.status))
    throw conflict(
      'Usulan yang sudah dilaksanakan, ditolak, atau dibatalkan tidak dapat dibatalkan.',
    );
  const after = await commit(
    proposal,
    'cancel',
    'cancelled',
    { closedReason: reason },
    actor.name,
    reason,
  );
  await freeBerkas(after);
  await recordAudit({
    actor,
    action: `archive.${proposal.kind}.cancel`,
    recordType: 'archive-proposal',
    recordId: id,
    before: { status: proposal.status },
    after: { status: 'cancelled', reason },
    ip: ip ?? null,
  });
  return after;
}

export async function freeBerkas(proposal: Proposal): Promise<void> {
  await BerkasModel.updateMany(
    { _id: { $in: proposal.berkasIds }, proposalId: proposal._id },
    { $set: { proposalId: null } },
  );
  await releaseBerkas('proposal', String(proposal._id));
}

/** Archivists see every proposal (content by clearance); officials the ones they decide. */
export function canSeeProposal(actor: Actor, proposal: Proposal): boolean {
  if (isArchivist(actor)) return true;
  return can(actor, 'archive.approve', {
    addresseeIds: proposal.approvals.map((a) => String(a.positionId)),
  });
}

export async function listProposals(
  actor: Actor,
  query: {
    kind?: ProposalKind | undefined;
    status?: ProposalStatus | undefined;
    awaitingMe?: boolean | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ items: Proposal[]; total: number }> {
  const filter: Record<string, unknown> = {};
  if (query.awaitingMe) filter.status = 'proposed';
  if (query.kind) filter.kind = query.kind;
  if (query.status) filter.status = query.status;
  const byPosition = !isArchivist(actor) || query.awaitingMe;
  const start = (query.page - 1) * query.pageSize;
  if (byPosition) {
    // One `approverPositionIds` equality per position held, the rest ANDed; merged and
    // sorted here (an approver sees a handful of proposals).
    const found = await Promise.all(
      actor.positions.map((p) =>
        ProposalModel.find({
          approverPositionIds: new mongoose.Types.ObjectId(String(p.id)),
          ...filter,
        } as never).lean<Proposal[]>(),
      ),
    );
    const byId = new Map(found.flat().map((p) => [String(p._id), p]));
    const all = [...byId.values()]
      .filter((p) => !query.awaitingMe || isCurrentApprover(actor, p))
      .sort(
        (a, b) =>
          new Date(b.createdAt as Date).getTime() - new Date(a.createdAt as Date).getTime() ||
          String(b._id).localeCompare(String(a._id)),
      );
    return { items: all.slice(start, start + query.pageSize), total: all.length };
  }
  const [items, total] = await Promise.all([
    ProposalModel.find(filter)
      .sort({ createdAt: -1 })
      .skip(start)
      .limit(query.pageSize)
      .lean<Proposal[]>(),
    ProposalModel.countDocuments(filter),
  ]);
  return { items, total };
}

export function proposalSnapshot(proposal: Proposal): Record<string, unknown> {
  return {
    kind: proposal.kind,
    status: proposal.status,
    berkas: proposal.entries.map((e) => e.label),
    approvers: proposal.approvals.map((a) => `${a.positionTitle}: ${a.decision}`),
    baNumber: proposal.baNumber,
  };
}
