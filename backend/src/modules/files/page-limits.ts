import * as mupdf from 'mupdf';
import sharp, { type Metadata } from 'sharp';
import { OCR_DPI } from '../ocr/document.ts';
import { DEFAULT_LIMITS, formatNumber, type OcrLimits } from '../ocr/limits.ts';

/**
 * The OCR limits (ocr/limits.ts: pages per file, pixels per page) applied where a file is
 * taken (upload, import) and where a page is drawn (the viewer), so no file that the OCR
 * would refuse as a decompression bomb reaches a renderer. Only headers and page boxes are
 * read: no pixel is decoded before the size is known to be bounded.
 */

/** The widest page image the viewer may ask for (files.routes.ts). */
export const MAX_VIEW_WIDTH = 2400;

/** A file or page over the limits; the message (Bahasa Indonesia) says which and why. */
export class PageLimitError extends Error {
  override readonly name = 'PageLimitError';
}

/** The refusal of a whole file, as upload and import word it. */
export function fileRefusal(name: string, error: PageLimitError): string {
  return `Berkas "${name}" ditolak: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`;
}

type Box = { width: number; height: number };

const millions = (pixels: number) => formatNumber(pixels / 1e6);
const cm = (points: number) =>
  new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format((points / 72) * 2.54);

function checkPageCount(count: number, limits: OcrLimits): void {
  if (count > limits.maxPages) {
    throw new PageLimitError(
      `Berkas berisi ${formatNumber(count)} halaman, melebihi batas ${formatNumber(limits.maxPages)} halaman per berkas. Pisahkan berkasnya lalu unggah ulang.`,
    );
  }
}

/** A page drawn `width` pixels wide by the viewer is `width² × height/width` pixels: a page
 * far taller than wide is a bomb for the viewer even when its area is small. */
function checkViewable(page: number, box: Box, limits: OcrLimits): void {
  const pixels = MAX_VIEW_WIDTH * MAX_VIEW_WIDTH * (box.height / box.width);
  if (pixels > limits.maxPagePixels) {
    throw new PageLimitError(
      `Halaman ${page} terlalu panjang dibanding lebarnya (${formatNumber(box.height / box.width)} : 1) untuk ditampilkan. Pindai ulang dengan ukuran kertas biasa (A4/F4).`,
    );
  }
}

function checkPdfPage(page: number, box: Box, limits: OcrLimits): void {
  if (!(box.width >= 1 && box.height >= 1))
    throw new PageLimitError(`Halaman ${page} tidak memiliki ukuran halaman yang sah.`);
  const scale = OCR_DPI / 72;
  const pixels = box.width * scale * box.height * scale;
  if (pixels > limits.maxPagePixels) {
    throw new PageLimitError(
      `Halaman ${page} berukuran ${cm(box.width)} × ${cm(box.height)} cm (${millions(pixels)} juta piksel pada ${OCR_DPI} dpi), melebihi batas ${millions(limits.maxPagePixels)} juta piksel per halaman. Pindai ulang dengan ukuran kertas biasa (A4/F4).`,
    );
  }
  checkViewable(page, box, limits);
}

function checkImagePage(page: number, box: Box, limits: OcrLimits): void {
  if (!(box.width >= 1 && box.height >= 1))
    throw new PageLimitError(`Gambar halaman ${page} tidak memiliki ukuran yang sah.`);
  const pixels = box.width * box.height;
  if (pixels > limits.maxPagePixels) {
    throw new PageLimitError(
      `Gambar halaman ${page} berukuran ${formatNumber(box.width)} × ${formatNumber(box.height)} piksel (${millions(pixels)} juta piksel), melebihi batas ${millions(limits.maxPagePixels)} juta piksel per halaman. Pindai ulang dengan resolusi 300 dpi.`,
    );
  }
  checkViewable(page, box, limits);
}

/** Pixel size of one page of an image file as it is shown (EXIF quarter turns applied),
 * from its header alone. */
export async function imagePageBox(bytes: Buffer, pageIndex: number): Promise<Box> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { page: pageIndex, limitInputPixels: false }).metadata();
  } catch {
    throw new PageLimitError(`Gambar halaman ${pageIndex + 1} rusak atau tidak dapat dibaca.`);
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  return (meta.orientation ?? 1) >= 5 ? { width: height, height: width } : { width, height };
}

/**
 * Measures a whole file against the limits: page count, and every page's box (PDF: at the
 * OCR's resolution; image: its decoded pixels), plus the proportions the viewer can draw.
 * Returns the page count; throws PageLimitError for a file to refuse.
 */
export async function measureScan(
  bytes: Buffer,
  mimeType: string,
  limits: OcrLimits = DEFAULT_LIMITS,
): Promise<{ pageCount: number }> {
  if (mimeType === 'application/pdf') return measurePdf(bytes, limits);
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new PageLimitError('Berkas gambar rusak atau tidak dapat dibaca.');
  }
  const pageCount = meta.pages ?? 1;
  checkPageCount(pageCount, limits);
  for (let index = 0; index < pageCount; index++) {
    // Pages of a TIFF may differ in size: each has its own header.
    checkImagePage(index + 1, await imagePageBox(bytes, index), limits);
  }
  return { pageCount };
}

function measurePdf(bytes: Buffer, limits: OcrLimits): { pageCount: number } {
  let doc: mupdf.Document;
  try {
    doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  } catch {
    throw new PageLimitError('Berkas PDF rusak atau tidak dapat dibaca.');
  }
  try {
    if (doc.needsPassword())
      throw new PageLimitError('Berkas PDF dilindungi kata sandi. Unggah berkas tanpa kata sandi.');
    const pageCount = doc.countPages();
    checkPageCount(pageCount, limits);
    for (let index = 0; index < pageCount; index++) {
      // Loading a PDF page reads its dictionary, not its content: cheap for any page box.
      const page = doc.loadPage(index);
      try {
        checkPdfPage(index + 1, boxOf(page), limits);
      } finally {
        page.destroy();
      }
    }
    return { pageCount };
  } catch (error) {
    if (error instanceof PageLimitError) throw error;
    throw new PageLimitError('Berkas PDF rusak atau tidak dapat dibaca.');
  } finally {
    doc.destroy();
  }
}

export function boxOf(page: mupdf.Page): Box {
  const [x0, y0, x1, y1] = page.getBounds();
  return { width: x1 - x0, height: y1 - y0 };
}

/** The viewer's own bound: the picture it is about to draw, `width` pixels wide. */
export function checkRender(page: number, box: Box, width: number, limits: OcrLimits): void {
  const height = Math.ceil(width * (box.height / Math.max(1, box.width)));
  if (width * height > limits.maxPagePixels) {
    throw new PageLimitError(
      `Halaman ${page} akan berukuran ${formatNumber(width)} × ${formatNumber(height)} piksel (${millions(width * height)} juta piksel), melebihi batas ${millions(limits.maxPagePixels)} juta piksel untuk ditampilkan. Unduh berkas aslinya untuk melihatnya.`,
    );
  }
}

/** The viewer's bound on what it decodes: an image page's own pixels. */
export function checkDecode(page: number, box: Box, limits: OcrLimits): void {
  const pixels = box.width * box.height;
  if (pixels > limits.maxPagePixels) {
    throw new PageLimitError(
      `Gambar halaman ${page} berukuran ${formatNumber(box.width)} × ${formatNumber(box.height)} piksel (${millions(pixels)} juta piksel), melebihi batas ${millions(limits.maxPagePixels)} juta piksel untuk ditampilkan. Unduh berkas aslinya untuk melihatnya.`,
    );
  }
}
