import { PDFDocument, type PDFPage } from 'pdf-lib';
import type { Services } from '../../services.ts';
import { filesOf } from '../files/files.service.ts';
import type { OutgoingLetter } from './outgoing.model.ts';

/**
 * The signed document is the letter AND its attachments (issue 16): the PDF attachments'
 * pages and the image attachments (one A4 page each, scaled to fit) are appended after the
 * letter's pages before signing, in upload order, so one signature covers everything the
 * official signed. The attachment files themselves stay as uploaded.
 */
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 36;

export async function bundleAttachments(
  services: Services,
  letter: OutgoingLetter,
  rendered: Uint8Array,
): Promise<Uint8Array> {
  const files = (await filesOf('outgoing', letter._id)).filter(
    (f) =>
      f.mimeType === 'application/pdf' || f.mimeType === 'image/png' || f.mimeType === 'image/jpeg',
  );
  if (!files.length) return rendered;
  const doc = await PDFDocument.load(rendered, { updateMetadata: false });
  for (const file of files) {
    const bytes = await services.storage.getBuffer(file.key);
    try {
      await append(doc, file.mimeType, bytes);
    } catch (error) {
      // An attachment pdf-lib cannot read (damaged, encrypted) stays a separate file; the
      // letter is still signed rather than blocked.
      services.logger.warn({ err: error, fileId: String(file._id) }, 'attachment not bundled');
    }
  }
  return doc.save({ useObjectStreams: false });
}

async function append(doc: PDFDocument, mimeType: string, bytes: Buffer): Promise<void> {
  if (mimeType === 'application/pdf') {
    const source = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
    });
    const pages = await doc.copyPages(source, source.getPageIndices());
    pages.forEach((page: PDFPage) => doc.addPage(page));
    return;
  }
  const image = mimeType === 'image/png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
  const page = doc.addPage(A4);
  const scale = Math.min(
    (A4[0] - 2 * MARGIN) / image.width,
    (A4[1] - 2 * MARGIN) / image.height,
    1,
  );
  const width = image.width * scale;
  const height = image.height * scale;
  page.drawImage(image, { x: (A4[0] - width) / 2, y: A4[1] - MARGIN - height, width, height });
}
