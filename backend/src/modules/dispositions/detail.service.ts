import type { Actor } from '../../http/actor.ts';
import { filesOf } from '../files/files.service.ts';
import { presentFile } from '../files/files.presenter.ts';
import { canReadLetterContent } from '../letters/letters.policy.ts';
import { holdsAny } from './acting.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import { canSeeReport, mayActAs } from './dispositions.policy.ts';
import {
  presentDisposition,
  presentLetterSummary,
  presentReport,
} from './dispositions.presenter.ts';
import { openDisposition } from './lifecycle.service.ts';
import { isMeetingSource } from './meeting-source.ts';
import { DispositionReportModel, type DispositionReport } from './report.model.ts';
import { isOpen, type DispositionStatus } from './state-machine.ts';
import { loadDisposition } from './transitions.ts';

/** GET /api/dispositions/:id: the node (marked read for its recipient), its letter with the
 * scan, the reports the actor may read, its children and what the actor may do now. */
export async function dispositionDetail(actor: Actor, id: string) {
  const { node, letter } = await openDisposition(actor, id);
  const [children, parent, reports, files] = await Promise.all([
    DispositionModel.find({ parentId: node._id }).sort({ sentAt: 1, _id: 1 }).lean<Disposition[]>(),
    node.parentId ? loadDisposition(node.parentId) : Promise.resolve(null),
    DispositionReportModel.find({ dispositionId: node._id })
      .sort({ createdAt: 1 })
      .lean<DispositionReport[]>(),
    // A meeting's decision has no letter scan: the meeting page holds its documents.
    canReadLetterContent(actor, letter) && !isMeetingSource(node)
      ? filesOf('incoming', letter._id)
      : Promise.resolve([]),
  ]);
  // One `dispositionId` equality per child (a node has a handful): `$in` is never pushed
  // down by FerretDB and would read every report.
  const childReports = (
    await Promise.all(
      children.map((c) =>
        DispositionReportModel.find({ dispositionId: c._id }).lean<DispositionReport[]>(),
      ),
    )
  )
    .flat()
    .sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime());
  const status = node.status as DispositionStatus;
  const holdsRecipient =
    holdsAny(actor, [node.toPositionId]) && mayActAs(actor, node.toPositionId, node.securityClass);
  const open = isOpen(status);
  return {
    disposition: presentDisposition(node),
    letter: { ...presentLetterSummary(letter), files: files.map(presentFile) },
    reports: reports.filter((r) => canSeeReport(actor, r)).map(presentReport),
    childReports: childReports.filter((r) => canSeeReport(actor, r)).map(presentReport),
    children: children.map((c) => presentDisposition(c)),
    parent: parent ? presentDisposition(parent) : null,
    permissions: {
      canForward: holdsRecipient && open && letter.status !== 'void',
      canReport: holdsRecipient && open,
      canComplete:
        holdsRecipient &&
        status === 'diproses' &&
        reports.length > 0 &&
        children.every((c) => !isOpen(c.status as DispositionStatus)),
      canCancel:
        holdsAny(actor, [node.from.positionId]) &&
        mayActAs(actor, node.from.positionId, node.securityClass) &&
        status === 'terkirim',
      canReturn: holdsRecipient && (status === 'terkirim' || status === 'dibaca'),
    },
  };
}
