import { createHash } from 'node:crypto';
import type mongoose from 'mongoose';
import { addDays, endOfJakartaDay, jakartaDate, weekday } from '../calendar/dates.ts';
import { letterSummaryOf } from '../dispositions/letter-link.ts';
import { DEFAULT_DUE_WORKING_DAYS } from '../dispositions/settings.service.ts';
import { fileObjectKey } from '../files/files.service.ts';
import { jobDoneKeys } from '../jobs/job.model.ts';
import { letterNumberKeyOf, senderKeyOf } from '../letters/letters.keys.ts';
import type { IncomingLetter } from '../letters/letters.model.ts';
import { auditSnapshot } from '../letters/letters.side-effects.ts';
import { guessSenderCategory, type IncomingChannel } from '../letters/sender-category.ts';
import { generateLetter, rng, type GeneratedLetter } from './corpus.ts';
import { ID_KIND, seedObjectId } from './ids.ts';
import type { SeedOrg, SeedPosition } from './org-context.ts';
import type { Placement } from './plan.ts';

/**
 * One practice letter and everything the product would have written for it by the anchor
 * instant: the registration (letter, scan record, OCR job and page), the disposition tree
 * as officials worked it (nodes, their applied transition claims, reports), the search
 * events and the letter's own audit events. The life of the letter is simulated with
 * delays drawn per letter; whatever would happen after the anchor has not happened yet,
 * which is what leaves the recent letters open and some older ones overdue.
 */

type Doc = Record<string, unknown>;
type Id = mongoose.Types.ObjectId;

export interface AuditDraft {
  _id: Id;
  at: Date;
  actor: SeedPosition;
  action: string;
  recordType: string;
  recordId: string;
  after: Record<string, unknown>;
}

export interface SearchDraft {
  _id: Id;
  at: Date;
  event: Doc;
}

export interface LetterBundle {
  index: number;
  letterId: Id;
  letter: Doc;
  file: Doc;
  scanKey: string;
  scanLines: string[];
  ocrPage: Doc;
  job: Doc;
  jobClaim: Doc;
  dispositions: Doc[];
  transitions: Doc[];
  reports: Doc[];
  search: SearchDraft[];
  audit: AuditDraft[];
  senderName: string;
  knownItemQuery: string;
}

const HOUR = 3_600_000;

const REPORT_TEXTS = [
  'Telah ditindaklanjuti sesuai arahan. Bahan telah disiapkan dan disampaikan kepada pimpinan.',
  'Rapat koordinasi telah dihadiri; notula dan daftar hadir terlampir pada berkas kegiatan.',
  'Data yang diminta telah dihimpun dari perangkat daerah terkait dan dikirim melalui surat elektronik.',
  'Konsep jawaban telah disusun dan diparaf; menunggu penandatanganan oleh pimpinan.',
  'Kegiatan telah dilaksanakan sesuai jadwal; laporan singkat disampaikan untuk diketahui.',
  'Telah dikoordinasikan dengan instansi pengirim; tindak lanjut dijadwalkan pada minggu berikutnya.',
  'Surat telah dipelajari; tidak ada hal yang perlu ditindaklanjuti lebih lanjut, diusulkan untuk diarsipkan.',
  'Narasumber telah ditugaskan dan surat tugas telah diterbitkan.',
];
const NOTES = [
  null,
  null,
  'Mohon segera dilaporkan hasilnya.',
  'Perhatikan batas waktu.',
  'Koordinasikan dengan perangkat daerah terkait.',
];
const TOP_INSTRUCTIONS = [
  ['Tindak lanjuti'],
  ['Pelajari dan laporkan'],
  ['Hadiri'],
  ['Wakili'],
  ['Siapkan bahan'],
  ['Tanggapan dan saran'],
  ['Untuk diketahui', 'Arsipkan'],
];
const DOWN_INSTRUCTIONS = [
  ['Tindak lanjuti'],
  ['Siapkan bahan'],
  ['Siapkan konsep jawaban'],
  ['Hadiri'],
  ['Jadwalkan'],
  ['Edarkan'],
];

/** How a practice letter reached the desk, in the shares a provincial secretariat sees
 * (most on paper by hand or courier, a growing share through SRIKANDI and email). Drawn
 * from a hash of the letter number, not from the seed's random stream, so adding it left
 * every other generated value as it was. */
const CHANNEL_SHARES: Array<[IncomingChannel, number]> = [
  ['langsung', 0.45],
  ['srikandi', 0.25],
  ['email', 0.14],
  ['pos', 0.1],
  ['faksimile', 0.02],
  ['lainnya', 0.04],
];
export function practiceChannelOf(letterNumber: string): IncomingChannel {
  const x = createHash('sha256').update(letterNumber).digest().readUInt32BE(0) / 2 ** 32;
  let sum = 0;
  for (const [channel, share] of CHANNEL_SHARES) {
    sum += share;
    if (x < sum) return channel;
  }
  return 'lainnya';
}

function kindOf(subject: string): string {
  if (subject.startsWith('Undangan')) return 'Surat Undangan';
  if (subject.startsWith('Nota Dinas')) return 'Nota Dinas';
  if (subject.startsWith('Surat Edaran')) return 'Surat Edaran';
  if (subject.startsWith('Laporan')) return 'Laporan';
  return 'Surat Dinas';
}

/** Working days after `date` (weekends only; the calendar's holidays are not consulted). */
function addWorkingDays(date: string, days: number): string {
  let day = date;
  for (let left = days; left > 0;) {
    day = addDays(day, 1);
    if (weekday(day) !== 0 && weekday(day) !== 6) left--;
  }
  return day;
}

interface NodeSim {
  doc: Doc;
  position: SeedPosition;
  sender: SeedPosition;
  version: number;
  status: string;
  readAt: Date | null;
  processingAt: Date | null;
  reportCount: number;
  lastReportAt: Date | null;
  childCount: number;
  closedAt: Date | null;
  /** When this node's own work is finished (report and completion), if it ever is. */
  reportId: Id | null;
  children: NodeSim[];
}

export function buildLetter(
  place: Placement,
  org: SeedOrg,
  anchor: Date,
  registerName: string,
): LetterBundle {
  const { index } = place;
  const random = rng(0x1e77e4 + index * 7);
  const draw = rng(0xd15b05 + index * 13);
  const between = (lo: number, hi: number) => lo + draw() * (hi - lo);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(draw() * list.length)]!;

  const letterDate = place.date;
  const sent = addDays(letterDate, -Math.floor(between(1, 9)));
  const [y, m, d] = sent.split('-').map(Number) as [number, number, number];
  const generated: GeneratedLetter = generateLetter(index, random, { year: y, month: m, day: d });

  const t0 = place.at;
  const letterId = seedObjectId(ID_KIND.letter, 0, index, t0);
  const fileId = seedObjectId(ID_KIND.file, 0, index, t0);
  const clerk = org.clerk;

  const confidential = place.register === 'RAHASIA';
  const securityClass = confidential
    ? 'R'
    : generated.securityClass === 'R'
      ? 'T'
      : generated.securityClass;
  const u = draw();
  const urgency = u < 0.75 ? 'biasa' : u < 0.95 ? 'segera' : 'sangat_segera';
  const asistens = org.sekda.children.filter((p) => p.kind === 'asisten');
  const toAsisten = draw() < 0.05;
  const addressee = toAsisten ? pick(asistens) : org.sekda;
  const copies =
    draw() < 0.1 ? [pick(asistens.filter((p) => p._id !== addressee._id))].filter(Boolean) : [];
  const chain = [addressee._id, ...addressee.ancestorIds];

  const readers = new Map<string, Id>();
  for (const id of [...chain, ...copies.map((p) => p._id)]) readers.set(String(id), id);
  const disposed = new Map<string, Id>();
  const reads: Array<{ positionId: Id; userId: Id; at: Date }> = [];
  const happened = (at: Date) => at.getTime() <= anchor.getTime();

  const pages = generated.pages;
  const text = pages.join('\n\n');
  const sha = createHash('sha256');
  const scanLines = [
    ...pages[0]!.split('\n').slice(0, 5),
    `Diterima ${registerName}: ${place.number}/${place.year}`,
    ...pages[0]!.split('\n').slice(5),
  ];
  sha.update(scanLines.join('\n'));
  const scanKey = fileObjectKey('letters', place.year, String(letterId), String(fileId), 'png');

  // --- dispositions ------------------------------------------------------------------------
  const nodes: NodeSim[] = [];
  const transitions: Doc[] = [];
  const reports: Doc[] = [];
  const search: SearchDraft[] = [];
  const audit: AuditDraft[] = [];
  let batchNo = 0;
  let reportNo = 0;
  let searchNo = 0;
  let auditNo = 0;
  const addSearch = (at: Date, event: Doc) =>
    search.push({ _id: seedObjectId(ID_KIND.searchEvent, searchNo++, index, at), at, event });
  const addAudit = (draft: Omit<AuditDraft, '_id'>) =>
    audit.push({ _id: seedObjectId(ID_KIND.audit, auditNo++, index, draft.at), ...draft });

  const snapshot = (p: SeedPosition) => ({
    positionId: p._id,
    positionTitle: p.title,
    unitId: p.unitId,
    userId: p.holder.userId,
    userName: p.holder.name,
    acting: null,
  });
  const claim = (node: NodeSim, action: string, to: string, at: Date, set: Doc) => {
    transitions.push({
      _id: `${String(node.doc._id)}:${node.version}`,
      dispositionId: node.doc._id,
      letterId,
      fromVersion: node.version,
      action,
      fromStatus: node.status,
      toStatus: to,
      set,
      actorUserId: node.position.holder.userId,
      actorName: node.position.holder.name,
      actorPositionTitle: node.position.title,
      at,
    });
    node.version++;
    node.status = to;
  };
  /** Nobody clears a letter above their clearance (dispositions.policy). */
  const fit = (p: SeedPosition) =>
    securityClass !== 'R' || ['R', 'SR'].includes(p.holder.clearance);

  const dispatch = (
    sender: SeedPosition,
    parent: NodeSim | null,
    recipients: Array<{ position: SeedPosition; role: 'primary' | 'coordinate' }>,
    at: Date,
  ): NodeSim[] => {
    const batchId = seedObjectId(ID_KIND.batch, batchNo++, index, at);
    const instructions = pick(parent ? DOWN_INSTRUCTIONS : TOP_INSTRUCTIONS);
    const note = pick(NOTES);
    const today = jakartaDate(at);
    const own = addWorkingDays(today, DEFAULT_DUE_WORKING_DAYS[urgency]);
    const parentDue = parent?.doc.dueDate as string | undefined;
    const dueDate = parentDue && parentDue < own && parentDue >= today ? parentDue : own;
    const made = recipients.map(({ position, role }) => {
      const doc: Doc = {
        _id: seedObjectId(ID_KIND.disposition, nodes.length + 1, index, at),
        letterId,
        parentId: parent ? parent.doc._id : null,
        ancestorIds: parent ? [...(parent.doc.ancestorIds as Id[]), parent.doc._id] : [],
        depth: parent ? (parent.doc.depth as number) + 1 : 0,
        batchId,
        from: snapshot(sender),
        toPositionId: position._id,
        toPositionTitle: position.title,
        toUnitId: position.unitId,
        toUnitName: position.unitName,
        toUnitPath: position.unitPath,
        role,
        abovePositionIds: parent
          ? [...(parent.doc.abovePositionIds as Id[]), parent.doc.toPositionId]
          : [sender._id],
        instructions,
        note,
        urgency,
        dueDate,
        dueAt: endOfJakartaDay(dueDate),
        securityClass,
        sentAt: at,
        createdAt: at,
      };
      const node: NodeSim = {
        doc,
        position,
        sender,
        version: 0,
        status: 'terkirim',
        readAt: null,
        processingAt: null,
        reportCount: 0,
        lastReportAt: null,
        childCount: 0,
        closedAt: null,
        reportId: null,
        children: [],
      };
      nodes.push(node);
      disposed.set(String(position._id), position._id);
      readers.set(String(position._id), position._id);
      return node;
    });
    if (parent) {
      parent.childCount += made.length;
      parent.readAt ??= at;
      parent.processingAt ??= at;
      claim(parent, 'forward', 'diproses', at, {
        readAt: parent.readAt,
        readByName: parent.position.holder.name,
        processingAt: parent.processingAt,
        childCount: parent.childCount,
      });
      parent.children.push(...made);
    }
    const noteText = [instructions.join('. '), note].filter(Boolean).join('. ');
    addSearch(at, {
      type: 'note',
      letterId: String(letterId),
      noteId: `disposition-${String(batchId)}`,
      text: noteText,
    });
    addAudit({
      at,
      actor: sender,
      action: parent ? 'disposition.forward' : 'disposition.create',
      recordType: 'incoming-letter',
      recordId: String(letterId),
      after: {
        batchId: String(batchId),
        parentId: parent ? String(parent.doc._id) : null,
        recipients: made.map(
          (n) =>
            `${n.position.title} (${n.doc.role === 'primary' ? 'penanggung jawab' : 'koordinasi'})`,
        ),
        instructions,
        note,
        urgency,
        dueDate,
      },
    });
    return made;
  };

  /** Works a node: read, forward down (the primary only), report, complete. Returns when its
   * own report was made (null if it never was by the anchor). */
  // Some work is left undone (the overdue items); most of it is cleared within a quarter.
  const recent = anchor.getTime() - t0.getTime() < 90 * 24 * HOUR;
  const stall = () => draw() < (recent ? 0.012 : 0.003);
  const speed = urgency === 'biasa' ? 1 : urgency === 'segera' ? 0.4 : 0.15;
  const work = (node: NodeSim): Date | null => {
    const sentAt = node.doc.sentAt as Date;
    const readAt = new Date(sentAt.getTime() + between(0.3, 26) * HOUR * speed);
    if (!happened(readAt)) return null;
    node.readAt = readAt;
    claim(node, 'read', 'dibaca', readAt, {
      readAt,
      readByName: node.position.holder.name,
    });
    if (stall()) return null;
    const below = node.position.children.filter(
      (p) => (p.kind === 'kepala_biro' || p.kind === 'kepala_bagian') && fit(p),
    );
    let ready = readAt;
    const forwardedReports: Id[] = [];
    if (node.doc.role === 'primary' && below.length > 0 && node.doc.depth !== 2) {
      const forwardAt = new Date(readAt.getTime() + between(0.2, 20) * HOUR * speed);
      if (!happened(forwardAt)) return null;
      const primary = pick(below);
      const recipients: Array<{ position: SeedPosition; role: 'primary' | 'coordinate' }> = [
        { position: primary, role: 'primary' },
      ];
      const others = below.filter((p) => p._id !== primary._id);
      if (others.length > 0 && draw() < 0.2)
        recipients.push({ position: pick(others), role: 'coordinate' });
      const children = dispatch(node.position, node, recipients, forwardAt);
      let last = forwardAt;
      for (const child of children) {
        const done = work(child);
        if (child.doc.role !== 'primary') continue;
        if (!done) return null;
        if (child.reportId) forwardedReports.push(child.reportId);
        if (done > last) last = done;
      }
      ready = last;
    }
    const due = (node.doc.dueAt as Date).getTime();
    const window = Math.max(due - ready.getTime(), 2 * HOUR);
    const reportAt = new Date(
      ready.getTime() + Math.max(0.5 * HOUR, between(0.1, 1.25) * window * speed),
    );
    if (!happened(reportAt) || stall()) return null;
    const reportId = seedObjectId(ID_KIND.report, reportNo++, index, reportAt);
    const textOf = pick(REPORT_TEXTS);
    node.reportCount++;
    node.lastReportAt = reportAt;
    node.processingAt ??= reportAt;
    claim(node, 'report', 'diproses', reportAt, {
      readAt: node.readAt,
      readByName: node.position.holder.name,
      processingAt: node.processingAt,
      reportCount: node.reportCount,
      lastReportAt: reportAt,
    });
    reports.push({
      _id: reportId,
      dispositionId: node.doc._id,
      letterId,
      authorPositionId: node.position._id,
      authorPositionTitle: node.position.title,
      authorUserId: node.position.holder.userId,
      authorName: node.position.holder.name,
      acting: null,
      text: textOf,
      files: [],
      forwardedReportIds: forwardedReports,
      visibleToPositionIds: [...(node.doc.abovePositionIds as Id[]), node.position._id],
      createdAt: reportAt,
      updatedAt: reportAt,
    });
    addSearch(reportAt, {
      type: 'note',
      letterId: String(letterId),
      noteId: `report-${String(reportId)}`,
      text: textOf,
    });
    node.reportId = reportId;
    const completeAt = new Date(reportAt.getTime() + between(0.1, 20) * HOUR * speed);
    if (!happened(completeAt)) return reportAt;
    node.closedAt = completeAt;
    claim(node, 'complete', 'selesai', completeAt, {
      closedAt: completeAt,
      closedBy: snapshot(node.position),
    });
    return reportAt;
  };

  // --- the letter's life -------------------------------------------------------------------
  const voided = draw() < 0.003;
  const ocrDoneAt = new Date(t0.getTime() + between(20, 300) * 1000);
  const addresseeReadAt = new Date(t0.getTime() + between(0.2, 20) * HOUR * speed);
  if (!voided && happened(addresseeReadAt)) {
    reads.push({ positionId: addressee._id, userId: addressee.holder.userId, at: addresseeReadAt });
    for (const copy of copies) {
      const at = new Date(t0.getTime() + between(1, 60) * HOUR);
      if (happened(at)) reads.push({ positionId: copy._id, userId: copy.holder.userId, at });
    }
    const disposeAt = new Date(addresseeReadAt.getTime() + between(0.1, 22) * HOUR * speed);
    if (happened(disposeAt) && draw() > 0.004) {
      const below = addressee.children.filter(
        (p) => (p.kind === 'asisten' || p.kind === 'kepala_biro') && fit(p),
      );
      const primary = pick(below);
      const recipients: Array<{ position: SeedPosition; role: 'primary' | 'coordinate' }> = [
        { position: primary, role: 'primary' },
      ];
      const others = below.filter((p) => p._id !== primary._id);
      if (draw() < 0.25) recipients.push({ position: pick(others), role: 'coordinate' });
      for (const node of dispatch(addressee, null, recipients, disposeAt)) work(node);
    }
  }

  const top = nodes.filter((n) => n.doc.parentId === null);
  const primaries = top.filter((n) => n.doc.role === 'primary');
  const status = voided
    ? 'void'
    : top.length === 0
      ? 'registered'
      : primaries.length > 0 && primaries.every((n) => n.status === 'selesai')
        ? 'done'
        : 'in_progress';

  const dispositions = nodes.map((node) => ({
    ...node.doc,
    status: node.status,
    version: node.version,
    readAt: node.readAt,
    readByName: node.readAt ? node.position.holder.name : null,
    processingAt: node.processingAt,
    reportCount: node.reportCount,
    lastReportAt: node.lastReportAt,
    childCount: node.childCount,
    closedAt: node.closedAt,
    closedBy: node.closedAt ? snapshot(node.position) : null,
    reason: null,
    updatedAt: lastOf(
      [node.doc.sentAt as Date, node.readAt, node.processingAt, node.lastReportAt, node.closedAt],
      node.doc.sentAt as Date,
    ),
  }));

  const summary = pages[0]!.split('\n').slice(5, 6).join(' ').slice(0, 240);
  const letter: Doc = {
    _id: letterId,
    status,
    register: place.register,
    agendaYear: place.year,
    agendaNumber: place.number,
    agendaKey: `${place.register}:${place.year}:${place.number}`,
    registeredAt: t0,
    senderName: generated.senderName,
    senderKey: senderKeyOf(generated.senderName),
    senderCategory: guessSenderCategory(generated.senderName),
    channel: practiceChannelOf(generated.letterNumber),
    letterNumber: generated.letterNumber,
    letterNumberKey: letterNumberKeyOf(generated.letterNumber),
    letterDate: sent,
    receivedDate: letterDate,
    subject: generated.subject,
    summary,
    attachmentCount: draw() < 0.3 ? 1 + Math.floor(draw() * 3) : 0,
    attachmentDescription: '',
    classificationCode: generated.classificationCode,
    securityClass,
    urgency,
    kind: kindOf(generated.subject),
    notes: '',
    addresseePositionId: addressee._id,
    copyPositionIds: copies.map((p) => p._id),
    chainPositionIds: chain,
    disposedPositionIds: [...disposed.values()],
    readerPositionIds: [...readers.values()],
    readPositionIds: reads.map((r) => r.positionId),
    reads,
    registeredBy: clerk.holder.userId,
    registeredByName: clerk.holder.name,
    correctionCount: 0,
    lastCorrectedAt: null,
    voidReason: voided ? 'Surat tercatat ganda; sudah didaftarkan dengan nomor lain.' : null,
    voidedAt: voided ? new Date(t0.getTime() + 2 * HOUR) : null,
    voidedBy: voided ? clerk.holder.userId : null,
    voidedByName: voided ? clerk.holder.name : null,
    // Its one scan (below), as registration keeps it: without it every register row would
    // count the letter's files (the start-up backfill has long passed when the seed runs).
    fileCount: 1,
    createdAt: t0,
  };
  const lastChange = lastOf(
    [
      t0,
      ...reads.map((r) => r.at),
      ...dispositions.map((n) => n.updatedAt),
      letter.voidedAt as Date | null,
    ],
    t0,
  );
  letter.updatedAt = lastChange;
  // Lists show the letter from a copy on each node, refreshed with every change of the
  // letter (dispositions/letter-link.ts): the copy of its final state.
  const letterSummary = letterSummaryOf(letter as never);
  for (const node of dispositions) (node as Doc).letterSummary = letterSummary;

  // Registration, as registerIncomingLetter's audit step writes it (before dispositions).
  audit.unshift({
    _id: seedObjectId(ID_KIND.audit, 0xff, index, t0),
    at: t0,
    actor: clerk,
    action: 'incoming.register',
    recordType: 'incoming-letter',
    recordId: String(letterId),
    after: auditSnapshot({
      ...letter,
      status: 'registered',
      voidReason: null,
    } as unknown as IncomingLetter),
  });
  if (voided)
    addAudit({
      at: letter.voidedAt as Date,
      actor: clerk,
      action: 'incoming.void',
      recordType: 'incoming-letter',
      recordId: String(letterId),
      after: { status: 'void', reason: letter.voidReason },
    });

  const size = 0; // filled in when the scan is rendered
  const file: Doc = {
    _id: fileId,
    ownerType: 'incoming',
    ownerId: letterId,
    name: `pindaian-${place.number}-${place.year}.png`,
    size,
    mimeType: 'image/png',
    sha256: '',
    key: scanKey,
    securityClass,
    pageCount: 1,
    ocrStatus: 'done',
    createdBy: clerk.holder.userId,
    createdAt: t0,
    updatedAt: ocrDoneAt,
  };
  const confidence = Math.round(between(78, 96) * 10) / 10;
  const ocrPage: Doc = {
    _id: seedObjectId(ID_KIND.ocrPage, 0, index, ocrDoneAt),
    fileId,
    page: 1,
    text,
    ocrText: text,
    confidence,
    lowConfidence: false,
    source: 'ocr',
    width: 380,
    height: 0,
    words: [],
    sourceSha: '',
    createdAt: ocrDoneAt,
    updatedAt: ocrDoneAt,
  };
  const jobId = seedObjectId(ID_KIND.job, 0, index, t0);
  const startedAt = new Date(t0.getTime() + 3000);
  const job: Doc = {
    _id: jobId,
    type: 'ocr',
    dedupeKey: `ocr:${String(fileId)}`,
    payload: { fileId: String(fileId) },
    status: 'done',
    runAfter: t0,
    leaseUntil: new Date(startedAt.getTime() + 120_000),
    leasedBy: 'worker',
    attempts: 1,
    startedAt,
    claims: 1,
    progress: { page: 1, pages: 1 },
    finishedAt: ocrDoneAt,
    ...jobDoneKeys(ocrDoneAt),
    createdAt: t0,
    updatedAt: ocrDoneAt,
  };
  const jobClaim: Doc = { _id: `${String(jobId)}:1`, job: jobId, at: startedAt };

  // Search: the OCR worker's page and truncate events, then the letter's latest state.
  addSearch(ocrDoneAt, {
    type: 'page',
    letterId: String(letterId),
    fileId: String(fileId),
    page: 1,
    text,
  });
  addSearch(ocrDoneAt, { type: 'file-truncate', fileId: String(fileId), page: 1 });
  addSearch(lastChange, {
    type: 'doc',
    letterId: String(letterId),
    doc: {
      kind: 'incoming',
      agendaNumber: `${place.number}/${place.year}`,
      letterNumber: generated.letterNumber,
      subject: generated.subject,
      senderName: generated.senderName,
      recipientName: null,
      summary: summary || null,
      date: sent,
      classificationCode: generated.classificationCode,
      status,
      securityClass,
      unitIds: [],
      positionIds: [...readers.values()].map(String),
    },
  });
  search.sort((a, b) => a.at.getTime() - b.at.getTime());
  audit.sort((a, b) => a.at.getTime() - b.at.getTime());

  return {
    index,
    letterId,
    letter,
    file,
    scanKey,
    scanLines,
    ocrPage,
    job,
    jobClaim,
    dispositions,
    transitions,
    reports,
    search,
    audit,
    senderName: generated.senderName,
    knownItemQuery: generated.knownItemQuery,
  };
}

function lastOf(dates: Array<Date | null | undefined>, fallback: Date): Date {
  let last = fallback;
  for (const d of dates) if (d && d > last) last = d;
  return last;
}
