import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import type { Services } from '../../services.ts';
import { jakartaDateString } from '../documents/format-id.ts';
import { fileStorage } from '../files/file-storage.ts';
import { fileObjectKey } from '../files/files.service.ts';
import { IncomingLetterModel } from '../letters/letters.model.ts';
import { registerIncomingLetter } from '../letters/registration.service.ts';
import type { StoredFile } from '../files/file.model.ts';
import type { ReceivedFile } from '../files/upload.ts';
import { now } from '../../lib/clock.ts';
import type { OutgoingLetter } from './outgoing.model.ts';
import { bodyText, type Body } from './templates/body-model.ts';
import { kindDefinition, type OutgoingKind } from './templates/kinds.ts';
import { displayCode } from './verification-code.ts';

/**
 * Delivers a signed letter to an internal position's inbox as an internal incoming letter,
 * through the letters module's own registration (agenda number, OCR, search, audit): the
 * final PDF is copied under the incoming letter's folder and registered as its scan.
 *
 * Idempotent: the incoming letter's id is derived from (outgoing letter, addressee), so a
 * retry after a crash finds the letter it already registered instead of registering twice.
 */
export function internalLetterId(
  outgoingId: mongoose.Types.ObjectId,
  positionId: mongoose.Types.ObjectId,
): mongoose.Types.ObjectId {
  const digest = createHash('sha256')
    .update(`outgoing:${String(outgoingId)}:${String(positionId)}`)
    .digest('hex');
  return new mongoose.Types.ObjectId(digest.slice(0, 24));
}

export async function deliverInternally(
  services: Services,
  actor: Actor,
  letter: OutgoingLetter,
  addresseePositionId: mongoose.Types.ObjectId,
  copyPositionIds: mongoose.Types.ObjectId[],
  finalPdf: Buffer,
  attachments: StoredFile[] = [],
): Promise<mongoose.Types.ObjectId> {
  const letterId = internalLetterId(letter._id, addresseePositionId);
  const existing = await IncomingLetterModel.findById(letterId, { status: 1 }).lean<{
    status: string;
  }>();
  if (existing && existing.status !== 'pending') return letterId;

  const storage = fileStorage(services.config);
  const year = Number(jakartaDateString(now()).slice(0, 4));
  const fileId = new mongoose.Types.ObjectId();
  const key = fileObjectKey('letters', year, String(letterId), String(fileId), 'pdf');
  await storage.putBuffer(key, finalPdf, 'application/pdf');
  // The lampiran travel with the letter, copied under the incoming letter's folder.
  const copies: ReceivedFile[] = [];
  for (const attachment of attachments) {
    const copyId = new mongoose.Types.ObjectId();
    const ext = attachment.key.slice(attachment.key.lastIndexOf('.') + 1);
    const copyKey = fileObjectKey('letters', year, String(letterId), String(copyId), ext);
    await storage.putBuffer(copyKey, await storage.getBuffer(attachment.key), attachment.mimeType);
    copies.push({
      fileId: copyId,
      key: copyKey,
      name: attachment.name,
      size: attachment.size,
      mimeType: attachment.mimeType as ReceivedFile['mimeType'],
      sha256: attachment.sha256,
    });
  }
  const definition = kindDefinition(letter.kind as OutgoingKind);
  const sender =
    letter.signer.mode !== 'direct' && letter.signer.onBehalfOfTitle
      ? letter.signer.onBehalfOfTitle
      : letter.signer.title;
  const data = {
    senderName: sender,
    letterNumber: letter.number!,
    letterDate: jakartaDateString(letter.signedAt!),
    subject: letter.subject,
    summary: bodyText((letter.body ?? []) as Body).slice(0, 1000),
    attachmentCount: attachments.length,
    attachmentDescription: letter.attachmentLabel ?? '',
    classificationCode: letter.classificationCode,
    securityClass: letter.securityClass,
    urgency: letter.urgency,
    kind: definition.label,
    addresseePositionId: String(addresseePositionId),
    copyPositionIds: copyPositionIds.map(String),
    // A unit of this government, whose letter came through Lontar itself.
    senderCategory: 'perangkat-daerah',
    notes: `Naskah dinas internal dari Lontar; kode verifikasi ${displayCode(letter.code)}.`,
    // Every internal addressee gets the same number and sender: not a duplicate.
    confirmDuplicate: true,
  };
  const digest = createHash('sha256').update(finalPdf).digest('hex');
  await registerIncomingLetter({
    channel: 'lontar',
    actor,
    letterId,
    year,
    data: JSON.stringify(data),
    files: [
      {
        fileId,
        key,
        name: `${letter.number!.replace(/[^A-Za-z0-9.-]+/g, '_')}.pdf`,
        size: finalPdf.length,
        mimeType: 'application/pdf',
        sha256: digest,
      },
      ...copies,
    ],
    storage,
    logger: services.logger,
  });
  return letterId;
}
