import type { Actor } from '../../http/actor.ts';
import type { Services } from '../../services.ts';
import { buildActor } from '../auth/actor.service.ts';
import { DispositionReportModel } from '../dispositions/report.model.ts';
import { completeDisposition } from '../dispositions/lifecycle.service.ts';
import { addReport, prepareReport } from '../dispositions/reports.service.ts';
import { loadDisposition } from '../dispositions/transitions.ts';
import { fileStorage } from '../files/file-storage.ts';
import { formatDateId } from './templates/dates.ts';
import { kindDefinition, type OutgoingKind } from './templates/kinds.ts';
import type { OutgoingLetter } from './outgoing.model.ts';
import { commitChange } from './transitions.ts';
import { displayCode } from './verification-code.ts';

/**
 * A sent reply completes the disposition that asked for it: a laporan tindak lanjut naming
 * the outgoing letter is filed on the node, then the node is completed, through the
 * dispositions module's own services and as its recipient (the drafter, who answered it).
 *
 * Idempotent and never fatal: the letter is sent whatever happens here; a step that
 * already happened is skipped on retry, and a node that cannot complete yet (children
 * still open) is left for its holder, with the report filed.
 */
export async function completeAnsweredDisposition(
  services: Services,
  letter: OutgoingLetter,
): Promise<OutgoingLetter> {
  const nodeId = letter.replyTo?.dispositionId;
  if (!nodeId || letter.dispositionCompleted || letter.status !== 'sent') return letter;
  try {
    const node = await loadDisposition(nodeId);
    if (!node) return letter;
    if (node.status !== 'selesai') {
      const recipient = await buildActor(letter.drafter.userId, 'session');
      if (
        !recipient ||
        !recipient.positions.some((p) => String(p.id) === String(node.toPositionId))
      ) {
        services.logger.warn(
          { letterId: String(letter._id), nodeId: String(nodeId) },
          'drafter no longer holds the disposition; left open',
        );
        return letter;
      }
      await fileReport(services, recipient, letter, String(nodeId));
      await completeDisposition(recipient, String(nodeId));
    }
    return await commitChange({
      letter,
      action: 'disposition_completed',
      set: { dispositionCompleted: true },
      actor: { userId: null, name: 'Sistem', positionTitle: null },
    });
  } catch (error) {
    services.logger.warn(
      { err: error, letterId: String(letter._id), nodeId: String(nodeId) },
      'could not complete the answered disposition',
    );
    return letter;
  }
}

function reportText(letter: OutgoingLetter): string {
  const definition = kindDefinition(letter.kind as OutgoingKind);
  return (
    `Telah dikirim ${definition.label} nomor ${letter.number} tanggal ${formatDateId(letter.signedAt!)} ` +
    `hal ${letter.subject}, ditandatangani ${letter.signature?.positionTitle ?? letter.signer.title} ` +
    `(kode verifikasi ${displayCode(letter.code)}).`
  );
}

async function fileReport(
  services: Services,
  recipient: Actor,
  letter: OutgoingLetter,
  nodeId: string,
): Promise<void> {
  const already = await DispositionReportModel.exists({
    dispositionId: letter.replyTo!.dispositionId,
    text: reportText(letter),
  });
  if (already) return;
  const target = await prepareReport(recipient, nodeId);
  await addReport(
    recipient,
    target,
    { text: reportText(letter) },
    [],
    fileStorage(services.config),
  );
}
