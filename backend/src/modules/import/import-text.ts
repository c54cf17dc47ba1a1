import { StoredFileModel, type StoredFile } from '../files/file.model.ts';
import { OcrPageModel, type OcrPage } from '../ocr/ocr-page.model.ts';
import { publishPageText, publishSearchDocument, truncateFilePages } from '../search/publish.ts';
import { ImportedLetterModel, type ImportedLetter } from './import.model.ts';

/** Publishes an imported letter's metadata to search, with the register access rule
 * (search.policy.ts): no positions, so B/T for the letter desk and archivists, R/SR for
 * archivists cleared for them. Old classification codes are published as written. */
export async function publishImportedLetter(letter: ImportedLetter): Promise<void> {
  await publishSearchDocument({
    kind: letter.direction as 'incoming' | 'outgoing',
    letterId: String(letter._id),
    agendaNumber: letter.agendaNumber || null,
    letterNumber: letter.letterNumber || null,
    subject: letter.subject,
    senderName: letter.direction === 'incoming' ? letter.party : null,
    recipientName: letter.direction === 'outgoing' ? letter.party : null,
    summary: [letter.summary, letter.notes].filter(Boolean).join(' ') || null,
    date: letter.letterDate,
    classificationCode: letter.classificationCode,
    status: 'arsip',
    acl: { securityClass: letter.securityClass as 'B', unitIds: [], positionIds: [] },
  });
}

/**
 * The OCR worker publishes page text only for letters' own files; imported scans are
 * published here once their OCR has finished (every file done or failed): the text of
 * each page goes to the search index under the imported letter. Idempotent (the index
 * keeps the latest text per page), so running it again is harmless.
 */
export async function publishImportedText(limit = 200): Promise<number> {
  const letters = await ImportedLetterModel.find({ textPending: true, status: 'imported' })
    .limit(limit)
    .lean<ImportedLetter[]>();
  let published = 0;
  for (const letter of letters) {
    const files = await StoredFileModel.find({ ownerType: 'import', ownerId: letter._id }).lean<
      StoredFile[]
    >();
    if (files.some((f) => f.ocrStatus === 'queued' || f.ocrStatus === 'processing')) continue;
    for (const file of files.filter((f) => f.ocrStatus === 'done')) {
      const pages = await OcrPageModel.find({ fileId: file._id })
        .sort({ page: 1 })
        .lean<OcrPage[]>();
      for (const page of pages)
        await publishPageText(String(file._id), String(letter._id), page.page, page.text ?? '');
      await truncateFilePages(String(file._id), pages.length);
    }
    await ImportedLetterModel.updateOne({ _id: letter._id }, { $set: { textPending: false } });
    published++;
  }
  return published;
}
