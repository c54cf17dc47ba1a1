import type { Context } from 'koa';
import mongoose from 'mongoose';
import type { Actor, SecurityClass } from '../../http/actor.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { StoredFileModel, type StoredFile } from '../files/file.model.ts';
import { fileStorage } from '../files/file-storage.ts';
import { fileObjectKey, filesOf, registerFileAccessCheck } from '../files/files.service.ts';
import { receiveMultipart, removeKeys } from '../files/upload.ts';
import { jakartaParts } from './templates/dates.ts';
import { refusalReason } from './chain.ts';
import { loadVisible } from './drafts.service.ts';
import { OutgoingLetterModel, type OutgoingLetter, type OutgoingStatus } from './outgoing.model.ts';
import { canEdit, canSee } from './outgoing.policy.ts';
import { currentState, loadLetter } from './transitions.ts';

/**
 * Attachments (lampiran) of a draft, through the files module's streaming upload: objects
 * first, records second. They change only while the draft is editable; once the letter is
 * signed they are part of it and stay as they are.
 */
export const MAX_ATTACHMENTS = 10;

// Who may read an outgoing letter's attachment: whoever may see the letter.
registerFileAccessCheck('outgoing', async (actor, file) => {
  const letter = await OutgoingLetterModel.findById(file.ownerId).lean<OutgoingLetter>();
  return !!letter && canSee(actor, letter);
});

const editable = (letter: OutgoingLetter) =>
  letter.status === 'draft' || letter.status === 'returned';

function requireEditable(actor: Actor, letter: OutgoingLetter): void {
  if (!canEdit(actor, letter))
    throw forbidden('Hanya penyusun konsep yang dapat mengubah lampiran.');
  if (!editable(letter))
    throw conflict(refusalReason(letter.status as OutgoingStatus, 'edit'), currentState(letter));
}

export async function addAttachments(
  services: Services,
  ctx: Context,
  actor: Actor,
  id: string,
): Promise<StoredFile[]> {
  const letter = await loadVisible(actor, id);
  requireEditable(actor, letter);
  const existing = await filesOf('outgoing', letter._id);
  const storage = fileStorage(services.config);
  const year = jakartaParts(now()).year;
  const upload = await receiveMultipart(ctx, {
    storage,
    maxFileBytes: services.config.MAX_UPLOAD_BYTES,
    maxFiles: Math.max(1, MAX_ATTACHMENTS - existing.length),
    fileField: 'files',
    keyFor: (fileId, ext) => fileObjectKey('outgoing', year, String(letter._id), fileId, ext),
  });
  const keys = upload.files.map((f) => f.key);
  if (upload.files.length === 0) return [];
  if (existing.length + upload.files.length > MAX_ATTACHMENTS) {
    await removeKeys(storage, keys);
    throw conflict(`Paling banyak ${MAX_ATTACHMENTS} lampiran per surat.`);
  }
  try {
    const stored = await StoredFileModel.insertMany(
      upload.files.map((file) => ({
        _id: file.fileId,
        ownerType: 'outgoing',
        ownerId: letter._id,
        name: file.name,
        size: file.size,
        mimeType: file.mimeType,
        sha256: file.sha256,
        key: file.key,
        pageCount: file.pageCount,
        securityClass: letter.securityClass as SecurityClass,
        // Digital attachments need no OCR; the search indexes the letter itself.
        ocrStatus: 'none',
        createdBy: new mongoose.Types.ObjectId(actor.userId),
      })),
    );
    // The draft may have been submitted or signed while the files travelled: then they
    // never joined it.
    const after = await loadLetter(letter._id);
    if (!after || !editable(after)) {
      await StoredFileModel.deleteMany({ _id: { $in: upload.files.map((f) => f.fileId) } });
      await removeKeys(storage, keys);
      throw conflict(
        'Surat ini baru saja diajukan atau ditandatangani; lampiran tidak ditambahkan.',
      );
    }
    await recordAudit({
      actor,
      action: 'outgoing.attach',
      recordType: 'outgoing-letter',
      recordId: id,
      after: { attachments: upload.files.map((f) => f.name).join('; ') },
      ip: ctx.ip,
    });
    return stored.map((doc) => doc.toObject() as StoredFile);
  } catch (error) {
    await removeKeys(storage, keys);
    throw error;
  }
}

export async function removeAttachment(
  services: Services,
  actor: Actor,
  id: string,
  fileId: string,
  ip?: string,
): Promise<void> {
  const letter = await loadVisible(actor, id);
  requireEditable(actor, letter);
  const file = await StoredFileModel.findOne({
    _id: new mongoose.Types.ObjectId(fileId),
    ownerType: 'outgoing',
    ownerId: letter._id,
  }).lean<StoredFile>();
  if (!file) throw notFound('Lampiran');
  // Record first, object second: a crash leaves an orphan object for the sweeper, never a
  // record pointing at nothing.
  await StoredFileModel.deleteOne({ _id: file._id, ownerType: 'outgoing' });
  await fileStorage(services.config)
    .removeAll(file.key)
    .catch(() => undefined);
  await recordAudit({
    actor,
    action: 'outgoing.detach',
    recordType: 'outgoing-letter',
    recordId: id,
    before: { attachments: file.name },
    ip,
  });
}

export function presentAttachment(file: StoredFile) {
  return {
    id: String(file._id),
    name: file.name,
    size: file.size,
    mimeType: file.mimeType,
    sha256: file.sha256,
  };
}
