import type { Actor, HeldPosition } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { formatTanggal } from '../documents/format-id.ts';
import { notifyPosition } from '../notify/notify.service.ts';
import { publishNoteText } from '../search/publish.ts';
import { signedTitle } from './acting.ts';
import type { Disposition } from './disposition.model.ts';
import { grantAccess, syncLetterStatus, type LetterForDisposition } from './letter-link.ts';
import { grantMeetingAccess, isMeetingSource, syncMeetingDecisions } from './meeting-source.ts';
import type { DispositionReport } from './report.model.ts';
import { touchSeries } from './series.ts';
import { concludeOpenItems } from './conclude.ts';

/**
 * What follows a change, after the change itself is stored: letter access and status,
 * notifications, the audit trail and the search index. Each step is idempotent (access is
 * $addToSet, the status is recomputed from the nodes, notifications carry dedupe keys,
 * search events are "latest wins"), so a retry after a crash repairs rather than repeats.
 */

const link = (node: Pick<Disposition, '_id'>) => `/disposisi/${String(node._id)}`;

export async function afterDispatch(input: {
  /** null when the repair finishes a dispatch whose sender can no longer be loaded. */
  actor: Actor | null;
  held: HeldPosition;
  letter: LetterForDisposition;
  parent: Disposition | null;
  nodes: Disposition[];
}): Promise<void> {
  const { actor, held, letter, parent, nodes } = input;
  const first = nodes[0];
  if (!first) return;
  // The recipients' and the sender's histories know the day (series.ts).
  await touchSeries(nodes.flatMap((n) => n.dayKeys ?? []));
  // A meeting's decision: the meeting is the "letter" (meeting-source.ts); it is never
  // published, and its decisions' statuses follow the nodes.
  const meeting = isMeetingSource(first);
  if (meeting) {
    await grantMeetingAccess(letter._id, nodes);
    await syncMeetingDecisions(letter._id);
  } else {
    await grantAccess(
      letter._id,
      nodes.map((n) => n.toPositionId),
    );
    if (!parent) await syncLetterStatus(letter._id);
  }
  const sender = signedTitle(first.from);
  for (const node of nodes) {
    await notifyPosition(node.toPositionId, {
      kind: 'disposition.new',
      title: `Disposisi baru dari ${sender}`,
      body: `${letter.subject}\nInstruksi: ${node.instructions.join(', ')}${node.note ? `\nCatatan: ${node.note}` : ''}\nBatas waktu: ${formatTanggal(node.dueDate)}${node.role === 'primary' ? '\nAnda penanggung jawab.' : ''}`,
      link: link(node),
      letterId: letter._id,
      dispositionId: node._id,
      dedupeKey: `new:${String(node._id)}`,
    });
  }
  const text = [first.instructions.join('. '), first.note].filter(Boolean).join('. ');
  if (text && !meeting)
    await publishNoteText(String(letter._id), `disposition-${String(first.batchId)}`, text);
  // Last, so that a batch with its audit event is complete (dispatch.repair.ts relies on it).
  await recordAudit({
    actor,
    ...(actor ? {} : { systemName: `${signedTitle(first.from)} (dipulihkan sistem)` }),
    action: parent ? 'disposition.forward' : 'disposition.create',
    recordType: meeting ? 'meeting' : 'incoming-letter',
    recordId: String(letter._id),
    ...(meeting ? { letterId: String(letter._id) } : {}),
    positionId: held.id,
    after: {
      batchId: String(first.batchId),
      parentId: parent ? String(parent._id) : null,
      recipients: nodes.map(
        (n) => `${n.toPositionTitle} (${n.role === 'primary' ? 'penanggung jawab' : 'koordinasi'})`,
      ),
      instructions: first.instructions,
      note: first.note,
      urgency: first.urgency,
      dueDate: first.dueDate,
    },
  });
}

export async function afterReport(input: {
  actor: Actor;
  held: HeldPosition;
  node: Disposition;
  report: DispositionReport;
}): Promise<void> {
  const { actor, held, node, report } = input;
  await notifyPosition(node.from.positionId, {
    kind: 'disposition.report',
    title: `Laporan tindak lanjut dari ${signedTitle({ positionTitle: report.authorPositionTitle, acting: report.acting })}`,
    body: report.text.slice(0, 500),
    link: link(node),
    letterId: node.letterId,
    dispositionId: node._id,
    dedupeKey: `report:${String(report._id)}`,
  });
  await recordAudit({
    actor,
    action: 'disposition.report',
    recordType: 'disposition',
    recordId: String(node._id),
    letterId: String(node.letterId),
    positionId: held.id,
    after: {
      to: node.toPositionTitle,
      role: node.role,
      reportId: String(report._id),
      files: report.files.map((f) => f.name),
      forwardedReportIds: report.forwardedReportIds.map(String),
    },
  });
  if (isMeetingSource(node)) await syncMeetingDecisions(node.letterId);
  else await publishNoteText(String(node.letterId), `report-${String(report._id)}`, report.text);
}

const AUDIT_ACTION = {
  read: 'disposition.read',
  complete: 'disposition.complete',
  cancel: 'disposition.cancel',
  return: 'disposition.return',
} as const;

/** After read, complete, cancel and return. */
export async function afterLifecycle(input: {
  actor: Actor;
  held: HeldPosition;
  before: Disposition;
  node: Disposition;
  action: keyof typeof AUDIT_ACTION;
}): Promise<void> {
  const { actor, held, before, node, action } = input;
  await recordAudit({
    actor,
    action: AUDIT_ACTION[action],
    recordType: 'disposition',
    recordId: String(node._id),
    letterId: String(node.letterId),
    positionId: held.id,
    before: { status: before.status },
    // Who the node was for, so the sentence names it without reading the node.
    after: {
      status: node.status,
      to: node.toPositionTitle,
      role: node.role,
      ...(node.reason ? { reason: node.reason } : {}),
    },
  });
  if (isMeetingSource(node)) {
    // A meeting has no letter status: its decisions' statuses follow their nodes.
    await syncMeetingDecisions(node.letterId);
  } else if (node.parentId === null && action !== 'read') {
    const status = await syncLetterStatus(node.letterId);
    // The letter is done: say so in its Riwayat, and close what is still open in its tree
    // (coordination items; conclude.ts has the rule).
    if (status === 'done' && action === 'complete') {
      const finisher = signedTitle({
        positionTitle: held.title,
        acting: held.acting ? (held.actingKind ?? 'plh') : null,
      });
      await recordAudit({
        actor,
        action: 'incoming.done',
        recordType: 'incoming-letter',
        recordId: String(node.letterId),
        positionId: held.id,
        before: { status: 'in_progress' },
        after: { status: 'done', primary: finisher },
      });
      await concludeOpenItems(node.letterId, actor);
    }
  }
  const by = signedTitle({
    positionTitle: held.title,
    acting: held.acting ? (held.actingKind ?? 'plh') : null,
  });
  if (action === 'complete') {
    await notifyPosition(node.from.positionId, {
      kind: 'disposition.completed',
      title: `Disposisi diselesaikan oleh ${by}`,
      body: `Disposisi kepada ${node.toPositionTitle} telah selesai ditindaklanjuti.`,
      link: link(node),
      letterId: node.letterId,
      dispositionId: node._id,
      dedupeKey: `completed:${String(node._id)}`,
    });
  } else if (action === 'return') {
    await notifyPosition(node.from.positionId, {
      kind: 'disposition.returned',
      title: `Disposisi dikembalikan oleh ${by}`,
      body: `Alasan: ${node.reason ?? '-'}`,
      link: link(node),
      letterId: node.letterId,
      dispositionId: node._id,
      dedupeKey: `returned:${String(node._id)}`,
    });
  } else if (action === 'cancel') {
    await notifyPosition(node.toPositionId, {
      kind: 'disposition.cancelled',
      title: `Disposisi dibatalkan oleh ${by}`,
      body: 'Disposisi yang dikirim kepada Anda dibatalkan oleh pengirimnya sebelum dibaca.',
      link: link(node),
      letterId: node.letterId,
      dispositionId: node._id,
      dedupeKey: `cancelled:${String(node._id)}`,
    });
  }
}
