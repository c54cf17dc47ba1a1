import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import type { Actor, SecurityClass } from '../../http/actor.ts';
import { conflict } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { fileStorage } from '../files/file-storage.ts';
import { runWithLease } from '../files/lease.ts';
import { allocateNumber } from '../numbering/numbering.service.ts';
import { UserModel, type User } from '../org/org.model.ts';
import { requireManage } from './archive.policy.ts';
import { BerkasModel, type Berkas } from './berkas.model.ts';
import { today } from './dates.ts';
import { disposeBerkasFiles } from './disposal.ts';
import { refusalFor } from './eligibility.ts';
import { buildHandoverPackage } from './handover-package.ts';
import { BoxModel, type Box } from './location.model.ts';
import { renderBeritaAcara } from './pdf/berita-acara.ts';
import { renderProposalList } from './pdf/lists.ts';
import { DisposedFileModel, ProposalModel, type Proposal } from './proposals.model.ts';
import { commit, freeBerkas, loadProposal, proposalSnapshot } from './proposals.service.ts';

const EXECUTION_LEASE_MS = 30 * 60_000;

/**
 * Carries out an approved proposal, resumably:
 *   1. approved → executing (claimed once; the execution date and executor are fixed here);
 *   2. the berita acara number (gap-free, claimed on the proposal's unique `baKey`);
 *   3. each berkas not yet done: pemindahan → inactive at the records centre; pemusnahan →
 *      its files leave object storage (disposal.ts); penyerahan → handed over. Each berkas
 *      is checked again first (a hold or a loan may have come since the approval): any
 *      refusal stops the run before anything else changes;
 *   4. the berita acara and the list as PDF (and for a handover the export package),
 *      stored beside the proposal for ever; 5. executing → executed, the berkas freed.
 * Running it again after a failure continues where it stopped.
 */
export async function executeProposal(
  services: Services,
  actor: Actor,
  id: string,
  ip?: string,
): Promise<Proposal> {
  let result: Proposal | null = null;
  const ran = await runWithLease(`archive-execute:${id}`, EXECUTION_LEASE_MS, async () => {
    result = await execute(services, actor, id, ip);
  });
  if (!ran)
    throw conflict(
      'Usulan ini sedang dilaksanakan. Tunggu sampai selesai, lalu muat ulang halaman.',
    );
  return result!;
}

async function execute(
  services: Services,
  actor: Actor,
  id: string,
  ip?: string,
): Promise<Proposal> {
  let proposal = await loadProposal(id);
  requireManage(actor, proposal.securityClass as SecurityClass);
  if (proposal.status !== 'approved' && proposal.status !== 'executing') {
    throw conflict(
      proposal.status === 'executed'
        ? 'Usulan ini sudah dilaksanakan.'
        : 'Usulan ini belum disetujui semua pejabat penyetuju.',
    );
  }
  const done = new Set((proposal.doneBerkasIds ?? []).map(String));
  const remaining = await BerkasModel.find({
    _id: { $in: proposal.berkasIds.filter((b) => !done.has(String(b))) },
  }).lean<Berkas[]>();
  const day = proposal.executedOn ?? today();
  const refusals = remaining
    .map((b) => refusalFor(proposal.kind as 'transfer', b, day, id))
    .filter((r): r is string => !!r);
  if (refusals.length > 0) throw conflict(`Pelaksanaan ditolak. ${refusals[0]}`, { refusals });

  if (proposal.status === 'approved') {
    const user = await UserModel.findById(actor.userId, { nip: 1 }).lean<User>();
    proposal = await commit(
      proposal,
      'execute',
      'executing',
      {
        executedOn: day,
        executedAt: now(),
        executedBy: new mongoose.Types.ObjectId(actor.userId),
        executedByName: actor.name,
        executedByNip: user?.nip ?? null,
      },
      actor.name,
    );
  }
  if (!proposal.baNumber) proposal = await claimBeritaAcaraNumber(proposal);

  const storage = fileStorage(services.config);
  let destination: Box | null = null;
  if (proposal.kind === 'transfer' && proposal.destinationBoxId)
    destination = await BoxModel.findById(proposal.destinationBoxId).lean<Box>();
  for (const berkas of remaining) {
    if (proposal.kind === 'transfer') {
      await BerkasModel.updateOne(
        { _id: berkas._id, status: 'closed' },
        {
          $set: {
            status: 'inactive',
            transferredAt: now(),
            transferProposalId: proposal._id,
            ...(destination ? { boxId: destination._id, folder: null } : {}),
          },
        },
      );
    } else if (proposal.kind === 'disposal') {
      await disposeBerkasFiles(storage, berkas, proposal._id);
      await BerkasModel.updateOne(
        { _id: berkas._id },
        {
          $set: {
            status: 'disposed',
            disposedAt: now(),
            finalProposalId: proposal._id,
            boxId: null,
            folder: null,
          },
        },
      );
    } else {
      await BerkasModel.updateOne(
        { _id: berkas._id },
        { $set: { status: 'handed_over', handedOverAt: now(), finalProposalId: proposal._id } },
      );
    }
    await ProposalModel.updateOne(
      { _id: proposal._id },
      { $addToSet: { doneBerkasIds: berkas._id } },
    );
  }

  const fresh = (await ProposalModel.findById(proposal._id).lean<Proposal>())!;
  const disposedFiles = proposal.kind === 'disposal' ? await countDisposed(fresh) : 0;
  const beritaAcara = await renderBeritaAcara(fresh, {
    disposedFiles,
    destination: destination
      ? `boks ${destination.code} (${destination.building}, ${destination.room})`
      : null,
  });
  const list = await renderProposalList(fresh, actor.name, fresh.executedAt ?? now());
  const folder = `archive/proposals/${String(proposal._id)}`;
  const stored = {
    beritaAcara: await store(storage, `${folder}/berita-acara.pdf`, beritaAcara),
    list: await store(storage, `${folder}/daftar-arsip.pdf`, list),
  };
  let pkg: { key: string; sha256: string; size: number } | null = null;
  if (proposal.kind === 'handover') {
    const built = await buildHandoverPackage(storage, fresh, { beritaAcara, list });
    pkg = { key: built.key, sha256: built.sha256, size: built.size };
  }
  const executed = await commit(
    fresh,
    'complete',
    'executed',
    { ...stored, package: pkg, disposedFileCount: disposedFiles },
    actor.name,
  );
  await freeBerkas(executed);
  await recordAudit({
    actor,
    action: `archive.${proposal.kind}.execute`,
    recordType: 'archive-proposal',
    recordId: id,
    before: { status: 'approved' },
    after: proposalSnapshot(executed),
    ip: ip ?? null,
  });
  for (const berkasId of executed.berkasIds) {
    await recordAudit({
      actor,
      action: `archive.berkas.${proposal.kind}`,
      recordType: 'berkas',
      recordId: String(berkasId),
      after: { proposalId: id, beritaAcara: executed.baNumber },
      ip: ip ?? null,
    });
  }
  return executed;
}

async function countDisposed(proposal: Proposal): Promise<number> {
  return DisposedFileModel.countDocuments({ proposalId: proposal._id });
}

async function store(
  storage: ReturnType<typeof fileStorage>,
  key: string,
  body: Buffer,
): Promise<{ key: string; sha256: string; size: number }> {
  await storage.putBuffer(key, body, 'application/pdf');
  return { key, sha256: createHash('sha256').update(body).digest('hex'), size: body.length };
}

async function claimBeritaAcaraNumber(proposal: Proposal): Promise<Proposal> {
  const year = Number((proposal.executedOn ?? today()).slice(0, 4));
  await allocateNumber({
    series: `archive-ba-${proposal.kind}`,
    year,
    claim: async (number) => {
      try {
        const result = await ProposalModel.updateOne(
          { _id: proposal._id, baNumber: null },
          { $set: { baNumber: number, baYear: year, baKey: `${proposal.kind}:${year}:${number}` } },
        );
        if (result.matchedCount === 0)
          throw conflict('Berita acara usulan ini sudah bernomor. Muat ulang halaman.');
        return 'claimed';
      } catch (error) {
        if (isDuplicateKey(error)) return 'taken';
        throw error;
      }
    },
  });
  return (await ProposalModel.findById(proposal._id).lean<Proposal>())!;
}
