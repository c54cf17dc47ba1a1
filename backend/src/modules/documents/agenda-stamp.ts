import * as mupdf from 'mupdf';
import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import { embedFonts, pdfText, savePdf, type Fonts } from './pdf-kit.ts';
import { formatAngka, formatTanggal, formatJam } from './format-id.ts';

export interface StampInput {
  agendaNumber: number;
  agendaYear: number;
  registerName: string;
  registeredAt: Date;
  receivedDate: string;
  classificationCode: string;
}

const STAMP_BLUE = rgb(0.08, 0.2, 0.55);

/**
 * Cap agenda: a new PDF holding the scan's first page with the agenda stamp in its top
 * right corner. The original file is only read, never changed. PDFs keep their first page
 * as vectors (copied with pdf-lib); images, TIFF pages, and PDFs pdf-lib cannot parse are
 * placed as an image page.
 */
export async function renderAgendaStamp(
  source: Buffer,
  mimeType: string,
  input: StampInput,
): Promise<Buffer> {
  // A copy with its own ArrayBuffer: pdf-lib's JPEG reader ignores a Buffer's byteOffset,
  // and small Buffers share Node's pooled slab.
  const original = new Uint8Array(source.byteLength);
  original.set(source);
  const doc = await PDFDocument.create();
  doc.setTitle(pdfText(`Cap Agenda ${input.agendaNumber}/${input.agendaYear}`));
  doc.setCreator('Lontar - Sekretariat Daerah Provinsi Lampung');
  const fonts = await embedFonts(doc);
  let page: PDFPage | null = null;

  if (mimeType === 'application/pdf') {
    try {
      const source = await PDFDocument.load(original, {
        ignoreEncryption: true,
        updateMetadata: false,
      });
      const [copied] = await doc.copyPages(source, [0]);
      if (copied) page = doc.addPage(copied);
    } catch {
      page = null; // Fall back to a raster of the first page below.
    }
  }
  if (!page) {
    const image =
      mimeType === 'image/jpeg'
        ? await doc.embedJpg(original)
        : mimeType === 'image/png'
          ? await doc.embedPng(original)
          : await doc.embedPng(firstPageAsPng(source, mimeType));
    // An A4-wide page with the image's proportions.
    const width = 595.28;
    const height = (width * image.height) / image.width;
    page = doc.addPage([width, height]);
    page.drawImage(image, { x: 0, y: 0, width, height });
  }
  drawStamp(page, fonts, input);
  return savePdf(doc);
}

function firstPageAsPng(original: Buffer, mimeType: string): Buffer {
  const document = mupdf.Document.openDocument(original, mimeType);
  try {
    const first = document.loadPage(0);
    const [x0, , x1] = first.getBounds();
    // About 150 dpi across an A4 width: sharp enough to read, small enough to print fast.
    const scale = 1240 / Math.max(1, x1 - x0);
    const pixmap = first.toPixmap(
      mupdf.Matrix.scale(scale, scale),
      mupdf.ColorSpace.DeviceRGB,
      false,
      true,
    );
    const png = Buffer.from(pixmap.asPNG());
    pixmap.destroy();
    first.destroy();
    return png;
  } finally {
    document.destroy();
  }
}

function drawStamp(page: PDFPage, fonts: Fonts, input: StampInput): void {
  const { x: boxX0, y: boxY0, width: pageWidth, height: pageHeight } = page.getMediaBox();
  const width = 200;
  const height = 78;
  const x = boxX0 + pageWidth - width - 18;
  const y = boxY0 + pageHeight - height - 18;
  page.drawRectangle({
    x,
    y,
    width,
    height,
    color: rgb(1, 1, 1),
    opacity: 0.88,
    borderColor: STAMP_BLUE,
    borderWidth: 1.6,
  });
  page.drawRectangle({
    x: x + 3,
    y: y + 3,
    width: width - 6,
    height: height - 6,
    borderColor: STAMP_BLUE,
    borderWidth: 0.5,
  });
  const line = (text: string, dy: number, size: number, bold = false) => {
    const font = bold ? fonts.sansBold : fonts.sans;
    const safe = pdfText(text);
    const shown = font.widthOfTextAtSize(safe, size) > width - 16 ? safe.slice(0, 40) : safe;
    page.drawText(shown, { x: x + 8, y: y + height - dy, size, font, color: STAMP_BLUE });
  };
  line('SEKRETARIAT DAERAH PROV. LAMPUNG', 15, 7.5, true);
  line(input.registerName, 25, 6.5);
  line(`No. Agenda : ${formatAngka(input.agendaNumber)}/${input.agendaYear}`, 39, 10, true);
  line(`Diterima   : ${formatTanggal(input.receivedDate)}`, 52, 7.5);
  line(
    `Dicatat    : ${formatTanggal(input.registeredAt)} ${formatJam(input.registeredAt)}`,
    62,
    7.5,
  );
  line(`Kode klas. : ${input.classificationCode}`, 72, 7.5);
}
