import mongoose from 'mongoose';
import type { Actor, SecurityClass } from '../../http/actor.ts';
import { StoredFileModel, type StoredFile } from './file.model.ts';
import type { FileStorage } from './file-storage.ts';
import type { ReceivedFile } from './upload.ts';

export type OwnerType = StoredFile['ownerType'];

/** `{prefix}/{yyyy}/{ownerId}/{fileId}/original.{ext}` (design.md §5); derived objects
 * (searchable.pdf, pages/, thumb.webp) sit beside `original` under the same folder. */
export function fileObjectKey(
  prefix: string,
  year: number,
  ownerId: string,
  fileId: string,
  ext: string,
): string {
  return `${prefix}/${year}/${ownerId}/${fileId}/original.${ext}`;
}

/** The folder of a file's objects, for derived files: `.../{fileId}/`. */
export function fileFolder(file: Pick<StoredFile, 'key'>): string {
  return file.key.slice(0, file.key.lastIndexOf('/') + 1);
}

/** Records files that are already in the bucket (object first, metadata second). */
export async function recordFiles(
  ownerType: OwnerType,
  ownerId: mongoose.Types.ObjectId,
  files: ReceivedFile[],
  securityClass: SecurityClass,
  createdBy: string | null,
): Promise<StoredFile[]> {
  if (files.length === 0) return [];
  const docs = await StoredFileModel.insertMany(
    files.map((file) => ({
      _id: file.fileId,
      ownerType,
      ownerId,
      name: file.name,
      size: file.size,
      mimeType: file.mimeType,
      sha256: file.sha256,
      key: file.key,
      securityClass,
      pageCount: file.pageCount,
      ocrStatus: 'queued',
      createdBy:
        createdBy && mongoose.isValidObjectId(createdBy)
          ? new mongoose.Types.ObjectId(createdBy)
          : null,
    })),
  );
  return docs.map((doc) => doc.toObject() as StoredFile);
}

export async function filesOf(
  ownerType: OwnerType,
  ownerId: string | mongoose.Types.ObjectId,
): Promise<StoredFile[]> {
  return StoredFileModel.find({ ownerType, ownerId })
    .sort({ createdAt: 1, _id: 1 })
    .lean<StoredFile[]>();
}

export async function getStoredFile(id: string): Promise<StoredFile | null> {
  if (!/^[0-9a-f]{24}$/i.test(id)) return null;
  return StoredFileModel.findById(id).lean<StoredFile>();
}

/** Records first, objects second: a crash in between leaves an orphan object (the sweeper
 * removes it), never a record pointing at nothing. */
export async function removeOwnerFiles(
  storage: FileStorage,
  ownerType: OwnerType,
  ownerId: mongoose.Types.ObjectId,
): Promise<void> {
  const files = await filesOf(ownerType, ownerId);
  await StoredFileModel.deleteMany({ ownerType, ownerId });
  await Promise.allSettled(files.map((file) => storage.removeAll(file.key)));
}

/** Who may read a file is decided by the module that owns it (letters, outgoing, ...). */
export type FileAccessCheck = (actor: Actor, file: StoredFile) => Promise<boolean>;
const accessChecks = new Map<OwnerType, FileAccessCheck>();

export function registerFileAccessCheck(ownerType: OwnerType, check: FileAccessCheck): void {
  accessChecks.set(ownerType, check);
}

/** Deny unless the owning module says yes. */
export async function canReadStoredFile(actor: Actor, file: StoredFile): Promise<boolean> {
  const check = accessChecks.get(file.ownerType);
  return check ? check(actor, file) : false;
}
