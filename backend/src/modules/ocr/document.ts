import * as mupdf from 'mupdf';
import sharp, { type Metadata } from 'sharp';
import { formatNumber, OcrInputError, type OcrLimits } from './limits.ts';
import type { OcrWord } from './tesseract-pool.ts';

/** One page ready for recognition, or already carrying its text (a PDF text layer). */
export type PageSource =
  | { kind: 'text'; text: string; words: OcrWord[]; widthPt: number; heightPt: number }
  | {
      kind: 'image';
      /** Greyscale, EXIF-upright image for tesseract (binary PGM). Not contrast-stretched: on noisy
       * scans sharp's normalise() turned speckle into thousands of components and made
       * recognition 40× slower (found by bench/ocr.ts). */
      ocrImage: Buffer;
      /** Pixel size of ocrImage; word boxes are in these pixels. */
      width: number;
      height: number;
      widthPt: number;
      heightPt: number;
      /** The page picture for the searchable PDF (absent for PDF pages, which are copied). */
      embed?: { type: 'jpg' | 'png'; bytes: Buffer };
    };

export interface OcrDocument {
  type: 'pdf' | 'image';
  pageCount: number;
  page(index: number): Promise<PageSource>;
  close(): void;
}

export type InputType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/tiff';

export function sniff(bytes: Buffer): InputType | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  const head = bytes.subarray(0, 4).toString('latin1');
  if (head === 'II*\0' || head === 'MM\0*') return 'image/tiff';
  return null;
}

/** Resolution of the image tesseract reads. 200 dpi, not the scanner's 300: on the sample
 * scans it recognises 23 % more pages per minute for a character error rate of 0.40 %
 * instead of 0.33 % (bench/ocr.ts; docs/performance.md). Tesseract scales every text line to
 * its network's height anyway; what the extra pixels cost is layout analysis. */
export const OCR_DPI = 200;
/** What a scan that does not say its resolution is taken to be, for its page size. */
const ASSUMED_SCAN_DPI = 300;
/** A page with fewer letters than this in its text layer is treated as a scan. */
const MIN_TEXT_LAYER_CHARS = 20;

export async function openDocument(bytes: Buffer, limits: OcrLimits): Promise<OcrDocument> {
  const type = sniff(bytes);
  if (!type)
    throw new OcrInputError('Jenis berkas tidak dikenali. Gunakan PDF, JPEG, PNG, atau TIFF.');
  return type === 'application/pdf' ? openPdf(bytes, limits) : openImage(bytes, type, limits);
}

function tooManyPages(count: number, limits: OcrLimits): OcrInputError {
  return new OcrInputError(
    `Berkas berisi ${formatNumber(count)} halaman, melebihi batas ${formatNumber(limits.maxPages)} halaman per berkas. Pisahkan berkas lalu unggah ulang.`,
  );
}

function tooManyPixels(page: number, pixels: number, limits: OcrLimits): OcrInputError {
  return new OcrInputError(
    `Halaman ${page} terlalu besar (${formatNumber(pixels / 1e6)} juta piksel; batas ${formatNumber(limits.maxPagePixels / 1e6)} juta). Pindai ulang dengan resolusi 300 dpi.`,
  );
}

async function openImage(bytes: Buffer, type: InputType, limits: OcrLimits): Promise<OcrDocument> {
  // metadata() reads headers only, so a bomb is refused before any pixel is decoded.
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new OcrInputError('Berkas gambar rusak atau tidak dapat dibaca.');
  }
  const pageCount = meta.pages ?? 1;
  if (pageCount > limits.maxPages) throw tooManyPages(pageCount, limits);
  const pixels = (meta.width ?? 0) * (meta.pageHeight ?? meta.height ?? 0);
  if (pixels > limits.maxPagePixels) throw tooManyPixels(1, pixels, limits);
  const density = meta.density && meta.density >= 100 && meta.density <= 1200 ? meta.density : null;
  return {
    type: 'image',
    pageCount,
    close: () => undefined,
    async page(index) {
      const input = () =>
        sharp(bytes, { page: index, limitInputPixels: limits.maxPagePixels, failOn: 'error' });
      // This page's own header (pages of a TIFF may differ), then one decode straight to the
      // grey pixels tesseract reads.
      const pageMeta = await input().metadata();
      const quarterTurn = (pageMeta.orientation ?? 1) >= 5;
      const sourceWidth = (quarterTurn ? pageMeta.height : pageMeta.width) ?? 1;
      const sourceHeight = (quarterTurn ? pageMeta.width : pageMeta.height) ?? 1;
      // Normalise to OCR_DPI when the file says its resolution; otherwise trust the pixels.
      const scale = density ? OCR_DPI / density : 1;
      const width = Math.max(1, Math.round(sourceWidth * scale));
      const height = Math.max(1, Math.round(sourceHeight * scale));
      if (width * height > limits.maxPagePixels)
        throw tooManyPixels(index + 1, width * height, limits);
      const grey = await input()
        .rotate()
        .resize(scale === 1 ? undefined : { width, height, kernel: 'lanczos3' })
        .flatten({ background: '#ffffff' })
        .toColourspace('b-w')
        .raw()
        .toBuffer({ resolveWithObject: true });
      const ocrImage = portableGreymap(grey.data, grey.info.width, grey.info.height);
      const dpi = density ?? ASSUMED_SCAN_DPI;
      const widthPt = (sourceWidth / dpi) * 72;
      const heightPt = (sourceHeight / dpi) * 72;
      // The picture in the searchable PDF: the original bytes where they can be embedded as
      // they are (a single upright JPEG/PNG), else a faithful re-encoding.
      let embed: { type: 'jpg' | 'png'; bytes: Buffer };
      const upright1 = !meta.orientation || meta.orientation === 1;
      if (type === 'image/jpeg' && upright1) embed = { type: 'jpg', bytes };
      else if (type === 'image/png' && upright1 && pageCount === 1) embed = { type: 'png', bytes };
      else if (type === 'image/jpeg')
        embed = { type: 'jpg', bytes: await input().rotate().jpeg({ quality: 85 }).toBuffer() };
      else
        embed = {
          type: 'png',
          bytes: await input().rotate().png({ compressionLevel: 9 }).toBuffer(),
        };
      return {
        kind: 'image',
        ocrImage,
        width: grey.info.width,
        height: grey.info.height,
        widthPt,
        heightPt,
        embed,
      };
    },
  };
}

/** A binary PGM: tesseract (leptonica) reads it without decompressing anything, which a
 * PNG would cost twice (sharp's encode and leptonica's decode, ~0.4 s an A4 page). */
function portableGreymap(pixels: Buffer, width: number, height: number): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1'), pixels]);
}

interface StextLine {
  bbox: { x: number; y: number; w: number; h: number };
  text: string;
}

function openPdf(bytes: Buffer, limits: OcrLimits): OcrDocument {
  let doc: mupdf.Document;
  try {
    doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  } catch {
    throw new OcrInputError('Berkas PDF rusak atau tidak dapat dibaca.');
  }
  if (doc.needsPassword()) {
    doc.destroy();
    throw new OcrInputError('Berkas PDF dilindungi kata sandi. Unggah berkas tanpa kata sandi.');
  }
  const pageCount = doc.countPages();
  if (pageCount > limits.maxPages) {
    doc.destroy();
    throw tooManyPages(pageCount, limits);
  }
  return {
    type: 'pdf',
    pageCount,
    close: () => doc.destroy(),
    async page(index) {
      const page = doc.loadPage(index);
      try {
        const [x0, y0, x1, y1] = page.getBounds();
        const widthPt = x1 - x0;
        const heightPt = y1 - y0;
        const text = textLayer(page, x0, y0);
        if (text) return { kind: 'text', text: text.text, words: text.words, widthPt, heightPt };
        const scale = OCR_DPI / 72;
        const pixels = widthPt * scale * heightPt * scale;
        if (pixels > limits.maxPagePixels) throw tooManyPixels(index + 1, pixels, limits);
        const pixmap = page.toPixmap(
          mupdf.Matrix.scale(scale, scale),
          mupdf.ColorSpace.DeviceGray,
          false,
          true,
        );
        try {
          const width = pixmap.getWidth();
          const height = pixmap.getHeight();
          const stride = pixmap.getStride();
          const pixels = pixmap.getPixels();
          const rows = Buffer.alloc(width * height);
          for (let y = 0; y < height; y++)
            rows.set(pixels.subarray(y * stride, y * stride + width), y * width);
          return {
            kind: 'image',
            ocrImage: portableGreymap(rows, width, height),
            width,
            height,
            widthPt,
            heightPt,
          };
        } finally {
          pixmap.destroy();
        }
      } finally {
        page.destroy();
      }
    },
  };
}

/** The page's own text (a born-digital PDF or one already OCR'd), with word boxes in points
 * estimated from the line boxes; null when the page is a picture. */
function textLayer(
  page: mupdf.Page,
  originX: number,
  originY: number,
): { text: string; words: OcrWord[] } | null {
  const stext = page.toStructuredText('preserve-whitespace');
  let parsed: { blocks?: Array<{ type?: string; lines?: StextLine[] }> };
  try {
    parsed = JSON.parse(stext.asJSON()) as typeof parsed;
  } finally {
    stext.destroy();
  }
  const lines = (parsed.blocks ?? []).flatMap((block) => block.lines ?? []);
  const text = lines
    .map((line) => line.text)
    .join('\n')
    .trim();
  if ((text.match(/[\p{L}\p{N}]/gu) ?? []).length < MIN_TEXT_LAYER_CHARS) return null;
  const words: OcrWord[] = [];
  for (const line of lines) {
    const length = Math.max(1, line.text.length);
    for (const match of line.text.matchAll(/\S+/g)) {
      const start = line.bbox.x - originX + (line.bbox.w * match.index) / length;
      const end = line.bbox.x - originX + (line.bbox.w * (match.index + match[0].length)) / length;
      words.push({
        t: match[0],
        x0: start,
        y0: line.bbox.y - originY,
        x1: end,
        y1: line.bbox.y - originY + line.bbox.h,
        c: 100,
      });
    }
  }
  return { text, words };
}
