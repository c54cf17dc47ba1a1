import { now } from '../../lib/clock.ts';
import { jakartaDate, daysBetween } from '../calendar/dates.ts';
import { signedTitle } from './acting.ts';
import type { ActorSnapshot, Disposition } from './disposition.model.ts';
import { letterSummaryOf, type LetterForDisposition } from './letter-link.ts';
import type { DispositionReport } from './report.model.ts';
import type { DispositionJson, LetterSummaryJson, ReportJson } from './dispositions.schema.ts';
import {
  isOpen,
  type DispositionStatus,
  type RecipientRole,
  type Urgency,
} from './state-machine.ts';

const iso = (value: Date | null | undefined): string | null =>
  value ? new Date(value).toISOString() : null;

function presentActor(snapshot: ActorSnapshot) {
  return {
    positionId: String(snapshot.positionId),
    positionTitle: snapshot.positionTitle,
    signedTitle: signedTitle(snapshot),
    unitId: String(snapshot.unitId),
    userName: snapshot.userName ?? null,
    acting: (snapshot.acting ?? null) as 'plt' | 'plh' | null,
  };
}

/** Overdue: still open after the end of the deadline day (Jakarta). */
export function lateness(
  node: Pick<Disposition, 'status' | 'dueAt' | 'dueDate'>,
  at: Date = now(),
): { overdue: boolean; daysLate: number } {
  const overdue =
    isOpen(node.status as DispositionStatus) && at.getTime() >= new Date(node.dueAt).getTime();
  return {
    overdue,
    daysLate: overdue ? Math.max(1, daysBetween(node.dueDate, jakartaDate(at))) : 0,
  };
}

export function presentDisposition(node: Disposition, at: Date = now()): DispositionJson {
  return {
    id: String(node._id),
    letterId: String(node.letterId),
    parentId: node.parentId ? String(node.parentId) : null,
    batchId: String(node.batchId),
    depth: node.depth,
    from: presentActor(node.from),
    to: {
      positionId: String(node.toPositionId),
      positionTitle: node.toPositionTitle,
      unitId: String(node.toUnitId),
      unitName: node.toUnitName ?? '',
    },
    role: node.role as RecipientRole,
    instructions: [...node.instructions],
    note: node.note ?? null,
    urgency: node.urgency as Urgency,
    dueDate: node.dueDate,
    status: node.status as DispositionStatus,
    version: node.version,
    sentAt: new Date(node.sentAt).toISOString(),
    readAt: iso(node.readAt),
    readByName: node.readByName ?? null,
    processingAt: iso(node.processingAt),
    closedAt: iso(node.closedAt),
    closedBy: node.closedBy ? presentActor(node.closedBy) : null,
    reason: node.reason ?? null,
    reportCount: node.reportCount ?? 0,
    childCount: node.childCount ?? 0,
    ...lateness(node, at),
  };
}

export function presentLetterSummary(letter: LetterForDisposition): LetterSummaryJson {
  return presentStoredLetterSummary(letter._id, letterSummaryOf(letter));
}

/** The same, from the summary copied onto a node (letter-link.ts `letterSummaryOf`). */
export function presentStoredLetterSummary(
  letterId: unknown,
  summary: NonNullable<Disposition['letterSummary']>,
): LetterSummaryJson {
  return {
    id: String(letterId),
    agendaNumber: summary.agendaNumber ?? null,
    letterNumber: summary.letterNumber,
    subject: summary.subject,
    senderName: summary.senderName,
    letterDate: summary.letterDate,
    receivedDate: summary.receivedDate,
    urgency: summary.urgency as Urgency,
    securityClass: summary.securityClass as LetterSummaryJson['securityClass'],
    status: summary.status as LetterSummaryJson['status'],
    addresseePositionId: String(summary.addresseePositionId),
    // A meeting's decision (meeting-source.ts): `id` is then the meeting's.
    source: summary.source === 'meeting' ? 'meeting' : 'letter',
  };
}

export function presentReport(report: DispositionReport): ReportJson {
  return {
    id: String(report._id),
    dispositionId: String(report.dispositionId),
    author: {
      positionId: String(report.authorPositionId),
      positionTitle: report.authorPositionTitle,
      signedTitle: signedTitle({
        positionTitle: report.authorPositionTitle,
        acting: report.acting,
      }),
      name: report.authorName,
      acting: (report.acting ?? null) as 'plt' | 'plh' | null,
    },
    text: report.text,
    files: report.files.map((f) => ({
      id: String(f.fileId),
      name: f.name,
      size: f.size,
      mimeType: f.mimeType,
      contentUrl: `/api/files/${String(f.fileId)}/content`,
    })),
    forwardedReportIds: report.forwardedReportIds.map(String),
    createdAt: new Date(report.createdAt).toISOString(),
  };
}
