import mongoose from 'mongoose';
import type { Actor, HeldPosition, SecurityClass } from '../../http/actor.ts';
import { conflict, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { recordFiles } from '../files/files.service.ts';
import type { FileStorage } from '../files/file-storage.ts';
import { removeKeys, type ReceivedFile } from '../files/upload.ts';
import { transitionActor } from './acting.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import { afterReport } from './effects.ts';
import type { LetterForDisposition } from './letter-link.ts';
import { nodeForRecipient } from './lifecycle.service.ts';
import { DispositionReportModel, type DispositionReport } from './report.model.ts';
import { nextStatus, refusalReason, type DispositionStatus } from './state-machine.ts';
import { commitTransition, currentState } from './transitions.ts';

export interface ReportTarget {
  node: Disposition;
  letter: LetterForDisposition;
  held: HeldPosition;
  /** The id the report will get; the upload stores its files under it. */
  reportId: mongoose.Types.ObjectId;
}

/** Checks that the actor may report on the node now, before any file is received. */
export async function prepareReport(actor: Actor, id: string): Promise<ReportTarget> {
  const { node, letter, held } = await nodeForRecipient(actor, id, 'melaporkan tindak lanjutnya');
  if (!nextStatus(node.status as DispositionStatus, 'report'))
    throw conflict(refusalReason(node.status as DispositionStatus, 'report'), currentState(node));
  return { node, letter, held, reportId: new mongoose.Types.ObjectId() };
}

export interface ReportInput {
  text: string;
  /** Reports received from the node's children, carried up with this one. */
  forwardReportIds?: string[];
}

/**
 * Records a laporan tindak lanjut. The node moves first (claim on its version, so a
 * concurrent completion or a second report cannot interleave), then the files' records,
 * then the report. The uploaded objects are removed if anything before the report fails;
 * a crash after the claim leaves the node "diproses" without the report, which completion
 * notices (it counts reports, not the node's counter).
 */
export async function addReport(
  actor: Actor,
  target: ReportTarget,
  input: ReportInput,
  files: ReceivedFile[],
  storage: FileStorage,
): Promise<{ node: Disposition; report: DispositionReport }> {
  const { letter, held, reportId } = target;
  let node = target.node;
  try {
    const forwarded = await checkForwardable(node, input.forwardReportIds ?? []);
    const at = now();
    node = await commitTransition({
      node,
      action: 'report',
      set: {
        readAt: node.readAt ?? at,
        readByName: node.readByName ?? actor.name,
        processingAt: node.processingAt ?? at,
        reportCount: node.reportCount + 1,
        lastReportAt: at,
      },
      actor: transitionActor(actor, held),
    });
    const stored = await recordFiles(
      'report',
      reportId,
      files,
      letter.securityClass as SecurityClass,
      actor.userId,
    );
    const created = await DispositionReportModel.create({
      _id: reportId,
      dispositionId: node._id,
      letterId: node.letterId,
      authorPositionId: node.toPositionId,
      authorPositionTitle: held.title,
      authorUserId: new mongoose.Types.ObjectId(actor.userId),
      authorName: actor.name,
      acting: held.acting ? (held.actingKind ?? 'plh') : null,
      text: input.text.trim(),
      files: stored.map((f) => ({
        fileId: f._id,
        name: f.name,
        size: f.size,
        mimeType: f.mimeType,
      })),
      forwardedReportIds: forwarded,
      visibleToPositionIds: [...node.abovePositionIds, node.toPositionId],
    });
    const report = created.toObject() as DispositionReport;
    await afterReport({ actor, held, node, report });
    return { node, report };
  } catch (error) {
    const recorded = await DispositionReportModel.exists({ _id: reportId });
    if (!recorded) {
      await StoredFileModel.deleteMany({ ownerType: 'report', ownerId: reportId }).catch(
        () => undefined,
      );
      await removeKeys(
        storage,
        files.map((f) => f.key),
      );
    }
    throw error;
  }
}

/** Forwarded reports must come from this node's own children. */
async function checkForwardable(
  node: Disposition,
  ids: string[],
): Promise<mongoose.Types.ObjectId[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (unique.some((id) => !/^[0-9a-f]{24}$/i.test(id)))
    throw validationFailed('Laporan yang diteruskan tidak valid.');
  const reports = (
    await Promise.all(
      unique.map((id) => DispositionReportModel.findById(id).lean<DispositionReport>()),
    )
  ).filter((r): r is DispositionReport => !!r);
  const children = await DispositionModel.find({ parentId: node._id }, { _id: 1 }).lean<
    Disposition[]
  >();
  const childIds = new Set(children.map((c) => String(c._id)));
  if (
    reports.length !== unique.length ||
    reports.some((r) => !childIds.has(String(r.dispositionId)))
  ) {
    throw validationFailed('Hanya laporan dari disposisi turunan Anda yang dapat diteruskan.', {
      issues: [{ path: 'forwardReportIds', message: 'Laporan bukan dari disposisi turunan.' }],
    });
  }
  return reports.map((r) => r._id);
}
