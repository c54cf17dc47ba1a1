import mongoose from 'mongoose';
import { now } from '../../lib/clock.ts';
import { DispositionReportModel } from '../dispositions/report.model.ts';
import { StoredFileModel, type StoredFile } from '../files/file.model.ts';
import type { FileStorage } from '../files/file-storage.ts';
import { OcrPageModel } from '../ocr/ocr-page.model.ts';
import { OutgoingLetterModel, type OutgoingLetter } from '../outgoing/outgoing.model.ts';
import { removeFileText } from '../search/publish.ts';
import { BerkasItemModel, type Berkas, type BerkasItem } from './berkas.model.ts';
import { DisposedFileModel, type DisposedFile } from './proposals.model.ts';
import { retryUpsertOnDuplicate } from '../../lib/upsert.ts';

/**
 * Pemusnahan of one berkas's electronic records: every file of its letters (scans,
 * attachments, disposition report files, signed outgoing PDFs) leaves object storage,
 * together with what was derived from it (searchable PDF, page images, OCR text, search
 * text). What is kept, for ever: the letters' metadata, the berkas and its items, and a
 * record of each destroyed file (name, size, type, sha256) next to the berita acara.
 *
 * Resumable and idempotent, three passes: 1. copy each file's metadata into
 * `archive_disposed_files` (upsert by key); 2. remove the file records and derived text;
 * 3. remove the objects of every copied file not yet marked removed. A crash anywhere is
 * finished by running it again; no record ever points at a removed object.
 */
export async function disposeBerkasFiles(
  storage: FileStorage,
  berkas: Berkas,
  proposalId: mongoose.Types.ObjectId,
): Promise<number> {
  const items = await BerkasItemModel.find({ berkasId: berkas._id }).lean<BerkasItem[]>();
  for (const item of items) {
    // One `(ownerType, ownerId)` equality per owner: an `$or` is not pushed down on
    // FerretDB and would read every file record.
    const owners = await ownersOf(item);
    const files = (
      await Promise.all(
        owners.map((owner) => StoredFileModel.find(owner as never).lean<StoredFile[]>()),
      )
    ).flat();
    for (const file of files) {
      await remember(
        {
          key: file.key,
          fileId: file._id,
          kind: 'file',
          ownerType: file.ownerType,
          ownerId: file.ownerId,
          letterType: item.letterType,
          letterId: item.letterId,
          name: file.name,
          size: file.size,
          mimeType: file.mimeType,
          sha256: file.sha256,
        },
        berkas,
        proposalId,
      );
    }
    if (item.letterType === 'outgoing') {
      const letter = await OutgoingLetterModel.findById(item.letterId, {
        final: 1,
        number: 1,
      }).lean<OutgoingLetter>();
      if (letter?.final) {
        await remember(
          {
            key: letter.final.key,
            fileId: null,
            kind: 'final',
            ownerType: 'outgoing',
            ownerId: letter._id,
            letterType: 'outgoing',
            letterId: letter._id,
            name: `${(letter.number ?? 'surat').replace(/[^A-Za-z0-9.-]+/g, '_')}.pdf`,
            size: letter.final.size,
            mimeType: 'application/pdf',
            sha256: letter.final.sha256,
          },
          berkas,
          proposalId,
        );
      }
    }
    for (const file of files) {
      await OcrPageModel.deleteMany({ fileId: file._id });
      await removeFileText(String(file._id));
      await StoredFileModel.deleteOne({ _id: file._id });
    }
  }
  const pending = await DisposedFileModel.find({
    berkasId: berkas._id,
    objectsRemoved: false,
  }).lean<DisposedFile[]>();
  for (const disposed of pending) {
    if (disposed.kind === 'file') {
      const folder = disposed.key.slice(0, disposed.key.lastIndexOf('/') + 1);
      for (const object of await storage.list(folder)) await storage.removeAll(object.key);
    }
    await storage.removeAll(disposed.key);
    await DisposedFileModel.updateOne({ _id: disposed._id }, { $set: { objectsRemoved: true } });
  }
  return DisposedFileModel.countDocuments({ berkasId: berkas._id });
}

async function ownersOf(item: BerkasItem): Promise<Array<{ ownerType: string; ownerId: unknown }>> {
  if (item.letterType === 'imported') return [{ ownerType: 'import', ownerId: item.letterId }];
  const owners: Array<{ ownerType: string; ownerId: unknown }> = [
    { ownerType: item.letterType, ownerId: item.letterId },
  ];
  if (item.letterType === 'incoming') {
    const reports = await DispositionReportModel.find(
      { letterId: item.letterId },
      { _id: 1 },
    ).lean();
    for (const report of reports) owners.push({ ownerType: 'report', ownerId: report._id });
  }
  return owners;
}

type Remembered = Omit<
  DisposedFile,
  '_id' | 'berkasId' | 'proposalId' | 'objectsRemoved' | 'disposedAt' | 'createdAt' | 'updatedAt'
>;

async function remember(
  file: Remembered,
  berkas: Berkas,
  proposalId: mongoose.Types.ObjectId,
): Promise<void> {
  // A retried execution beside a running one inserts the same key: the second try is a
  // no-op update (lib/upsert.ts).
  await retryUpsertOnDuplicate(() =>
    DisposedFileModel.updateOne(
      { key: file.key },
      {
        $setOnInsert: {
          ...file,
          berkasId: berkas._id,
          proposalId,
          objectsRemoved: false,
          disposedAt: now(),
        },
      },
      { upsert: true },
    ),
  );
}
