import mongoose from 'mongoose';
import { clearanceAllows, type Actor, type SecurityClass } from '../../http/actor.ts';
import { canEditBerkas, canManage, canReadBerkas, isArchivist } from './archive.policy.ts';
import type { Berkas, BerkasItem } from './berkas.model.ts';
import type { ItemWithTrail } from './berkas.items.service.ts';
import type { EffectiveRetention } from './retention.service.ts';
import { BoxModel, type Box } from './location.model.ts';
import type { Loan } from './loans.model.ts';
import { berkasLabel, loanNumberLabel } from './loans.service.ts';
import type { Proposal } from './proposals.model.ts';
import { beritaAcaraNumber } from './pdf/berita-acara.ts';
import { currentApproval, isCurrentApprover } from './proposals.service.ts';
import { RESTRICTED } from './letter-sources.ts';
import { today } from './dates.ts';

const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);

export function boxLocation(box: Pick<Box, 'building' | 'room' | 'cabinet' | 'shelf'>): string {
  return [
    box.building,
    box.room,
    box.cabinet && `lemari/rak ${box.cabinet}`,
    box.shelf && `baris ${box.shelf}`,
  ]
    .filter(Boolean)
    .join(', ');
}

export function presentBox(box: Box & { berkasCount?: number }) {
  return {
    id: String(box._id),
    code: box.code,
    building: box.building,
    room: box.room,
    cabinet: box.cabinet ?? '',
    shelf: box.shelf ?? '',
    holder: box.holder as 'unit' | 'pusat',
    unitName: box.unitName ?? '',
    notes: box.notes ?? '',
    active: box.active,
    location: boxLocation(box),
    berkasCount: box.berkasCount ?? null,
  };
}

export async function boxesById(berkasList: Berkas[]): Promise<Map<string, Box>> {
  const ids = [
    ...new Set(
      berkasList
        .map((b) => b.boxId)
        .filter(Boolean)
        .map(String),
    ),
  ];
  if (ids.length === 0) return new Map();
  // One `_id` equality per box ($in is not pushed down on FerretDB); a page names a few.
  const boxes = await Promise.all(
    ids.map((id) => BoxModel.findById(new mongoose.Types.ObjectId(id)).lean<Box>()),
  );
  return new Map(boxes.filter((b): b is Box => !!b).map((b) => [String(b._id), b]));
}

export function presentBerkas(actor: Actor, berkas: Berkas, boxes: Map<string, Box> = new Map()) {
  const readable = canReadBerkas(actor, berkas);
  const box = berkas.boxId ? boxes.get(String(berkas.boxId)) : undefined;
  const day = today();
  const editable = canEditBerkas(actor, berkas);
  const manage = canManage(actor, berkas.securityClass as SecurityClass);
  return {
    id: String(berkas._id),
    number: berkas.number ?? 0,
    label: berkasLabel(berkas),
    year: berkas.year,
    unitId: String(berkas.unitId),
    unitCode: berkas.unitCode,
    unitName: berkas.unitName,
    classificationCode: berkas.classificationCode,
    title: readable ? berkas.title : RESTRICTED,
    description: readable ? (berkas.description ?? '') : '',
    securityClass: berkas.securityClass as SecurityClass,
    status: berkas.status,
    itemCount: berkas.itemCount ?? 0,
    periodStart: berkas.periodStart ?? null,
    periodEnd: berkas.periodEnd ?? null,
    media: berkas.media,
    closedOn: berkas.closedOn ?? null,
    closedByName: berkas.closedByName ?? null,
    retention: berkas.retention
      ? {
          sourceCode: berkas.retention.sourceCode,
          activeYears: berkas.retention.activeYears,
          inactiveYears: berkas.retention.inactiveYears,
          finalDisposition: berkas.retention.finalDisposition,
        }
      : null,
    activeUntil: berkas.activeUntil ?? null,
    inactiveUntil: berkas.inactiveUntil ?? null,
    finalDisposition: berkas.finalDisposition ?? null,
    appraisal: berkas.appraisal
      ? {
          decision: berkas.appraisal.decision,
          note: berkas.appraisal.note ?? '',
          at: iso(berkas.appraisal.at),
          byName: berkas.appraisal.byName,
        }
      : null,
    legalHold: berkas.legalHold
      ? {
          reason: berkas.legalHold.reason,
          setAt: iso(berkas.legalHold.setAt),
          setByName: berkas.legalHold.setByName,
        }
      : null,
    box: box ? { id: String(box._id), code: box.code, location: boxLocation(box) } : null,
    folder: berkas.folder ?? null,
    loanId: berkas.loanId ? String(berkas.loanId) : null,
    proposalId: berkas.proposalId ? String(berkas.proposalId) : null,
    transferredAt: iso(berkas.transferredAt),
    disposedAt: iso(berkas.disposedAt),
    handedOverAt: iso(berkas.handedOverAt),
    createdByName: berkas.createdByName,
    createdAt: iso(berkas.createdAt),
    readable,
    due: {
      transfer: berkas.status === 'closed' && !!berkas.activeUntil && berkas.activeUntil <= day,
      final:
        ['closed', 'inactive'].includes(berkas.status) &&
        !!berkas.inactiveUntil &&
        berkas.inactiveUntil <= day,
    },
    permissions: {
      edit: editable && ['open', 'closed'].includes(berkas.status),
      file: editable && berkas.status === 'open',
      close: editable && berkas.status === 'open',
      reopen: manage && berkas.status === 'closed' && !berkas.proposalId,
      manage,
    },
  };
}

export function presentItem(item: BerkasItem | ItemWithTrail, readable: boolean) {
  const trail = item as Partial<ItemWithTrail>;
  return {
    id: String(item._id),
    letterType: item.letterType,
    letterId: String(item.letterId),
    letterNumber: readable ? item.letterNumber : '',
    letterDate: item.letterDate ?? null,
    party: item.party,
    subject: readable ? item.subject : RESTRICTED,
    classificationCode: item.classificationCode,
    securityClass: item.securityClass as SecurityClass,
    fileCount: item.fileCount ?? 0,
    filedAt: iso(item.filedAt),
    filedByName: item.filedByName,
    dispositions: readable ? (trail.dispositions ?? []) : [],
    reportCount: readable ? (trail.reportCount ?? 0) : 0,
  };
}

export function presentRetention(retention: EffectiveRetention | null) {
  return retention
    ? {
        sourceCode: retention.sourceCode,
        inherited: retention.inherited,
        activeYears: retention.activeYears,
        inactiveYears: retention.inactiveYears,
        finalDisposition: retention.finalDisposition,
        note: retention.note,
      }
    : null;
}

export function presentLoan(loan: Loan) {
  const day = today();
  return {
    id: String(loan._id),
    number: loanNumberLabel(loan),
    status: loan.status as 'out' | 'returned',
    overdue: loan.status === 'out' && loan.dueDate < day,
    borrowerName: loan.borrowerName,
    borrowerNip: loan.borrowerNip ?? '',
    borrowerUnit: loan.borrowerUnit ?? '',
    borrowerPhone: loan.borrowerPhone ?? '',
    purpose: loan.purpose,
    items: loan.items.map((i) => ({
      berkasId: String(i.berkasId),
      label: i.label,
      classificationCode: i.classificationCode,
      title: i.title,
      securityClass: i.securityClass,
      location: i.location ?? '',
    })),
    outDate: loan.outDate,
    dueDate: loan.dueDate,
    lentByName: loan.lentByName,
    returnedOn: loan.returnedOn ?? null,
    returnedByName: loan.returnedByName ?? null,
    returnNote: loan.returnNote ?? '',
    lastReminderOn: loan.lastReminderOn ?? null,
    reminderCount: loan.reminderCount ?? 0,
    createdAt: iso(loan.createdAt),
  };
}

export function presentProposal(actor: Actor, proposal: Proposal) {
  const approval = currentApproval(proposal);
  return {
    id: String(proposal._id),
    kind: proposal.kind as 'transfer' | 'disposal' | 'handover',
    status: proposal.status,
    note: proposal.note ?? '',
    receiverName: proposal.receiverName ?? '',
    securityClass: proposal.securityClass as SecurityClass,
    entries: proposal.entries.map((e) => ({
      berkasId: String(e.berkasId),
      label: e.label,
      unitName: e.unitName,
      classificationCode: e.classificationCode,
      title: clearanceAllows(actor.clearance, e.securityClass as SecurityClass)
        ? e.title
        : RESTRICTED,
      periodStart: e.periodStart ?? null,
      periodEnd: e.periodEnd ?? null,
      itemCount: e.itemCount ?? 0,
      securityClass: e.securityClass as SecurityClass,
      retention: e.retention ?? '',
      finalDisposition: e.finalDisposition ?? null,
      location: e.location ?? '',
      done: (proposal.doneBerkasIds ?? []).some((id) => String(id) === String(e.berkasId)),
    })),
    itemCount: proposal.entries.reduce((sum, e) => sum + (e.itemCount ?? 0), 0),
    approvals: proposal.approvals.map((a) => ({
      positionId: String(a.positionId),
      positionTitle: a.positionTitle,
      decision: a.decision as 'pending' | 'approved' | 'rejected',
      decidedAt: iso(a.decidedAt),
      decidedByName: a.decidedByName ?? null,
      acting: a.acting ?? null,
      note: a.note ?? '',
    })),
    awaiting: approval ? approval.positionTitle : null,
    proposedByName: proposal.proposedByName,
    createdAt: iso(proposal.createdAt),
    closedReason: proposal.closedReason ?? '',
    beritaAcaraNumber: proposal.baNumber ? beritaAcaraNumber(proposal) : null,
    executedOn: proposal.executedOn ?? null,
    executedByName: proposal.executedByName ?? null,
    disposedFileCount: proposal.disposedFileCount ?? 0,
    documents: {
      beritaAcara: !!proposal.beritaAcara,
      daftar: true,
      paket: proposal.package
        ? { size: proposal.package.size, sha256: proposal.package.sha256 }
        : null,
    },
    permissions: {
      decide: isCurrentApprover(actor, proposal),
      execute:
        isArchivist(actor) &&
        canManage(actor, proposal.securityClass as SecurityClass) &&
        ['approved', 'executing'].includes(proposal.status),
      cancel:
        isArchivist(actor) &&
        canManage(actor, proposal.securityClass as SecurityClass) &&
        ['proposed', 'approved'].includes(proposal.status),
    },
  };
}
