import * as mupdf from 'mupdf';
import { DEFAULT_LIMITS, type OcrLimits } from '../ocr/limits.ts';
import { boxOf, checkDecode, checkRender, imagePageBox } from './page-limits.ts';

/** Page access to a stored scan for the viewer and the stamp: PDFs and multi-page TIFFs
 * through mupdf (a maintained renderer, not a hand-written parser), single images as one page. */

const MAGIC: Record<string, string> = {
  'application/pdf': 'application/pdf',
  'image/tiff': 'image/tiff',
  'image/jpeg': 'image/jpeg',
  'image/png': 'image/png',
};

function open(buffer: Buffer, mimeType: string): mupdf.Document {
  const magic = MAGIC[mimeType];
  if (!magic) throw new Error(`unsupported type ${mimeType}`);
  return mupdf.Document.openDocument(buffer, magic);
}

export function countPages(buffer: Buffer, mimeType: string): number {
  const doc = open(buffer, mimeType);
  try {
    return doc.countPages();
  } finally {
    doc.destroy();
  }
}

/**
 * One page as PNG, `width` pixels wide (height follows the page's proportions), refused with
 * PageLimitError when the picture would exceed the OCR's pixel limit. For a PDF page the
 * check comes before anything is drawn. An image page is decoded whole when loaded, so
 * images go through renderStoredPage, which checks their headers first.
 */
export function renderPagePng(
  buffer: Buffer,
  mimeType: string,
  pageIndex: number,
  width: number,
  limits: OcrLimits = DEFAULT_LIMITS,
): { png: Buffer; pageCount: number } {
  const doc = open(buffer, mimeType);
  try {
    const pageCount = doc.countPages();
    if (pageIndex < 0 || pageIndex >= pageCount) throw new RangeError('page out of range');
    const page = doc.loadPage(pageIndex);
    try {
      const box = boxOf(page);
      checkRender(pageIndex + 1, box, width, limits);
      const scale = width / Math.max(1, box.width);
      const pixmap = page.toPixmap(
        mupdf.Matrix.scale(scale, scale),
        mupdf.ColorSpace.DeviceRGB,
        false,
        true,
      );
      try {
        return { png: Buffer.from(pixmap.asPNG()), pageCount };
      } finally {
        pixmap.destroy();
      }
    } finally {
      page.destroy();
    }
  } finally {
    doc.destroy();
  }
}

/** A page of any stored scan for the viewer: an image page's header is checked against the
 * limits before mupdf decodes it (a 65,000 × 65,000 JPEG header is a few bytes). */
export async function renderStoredPage(
  buffer: Buffer,
  mimeType: string,
  pageIndex: number,
  width: number,
  limits: OcrLimits = DEFAULT_LIMITS,
): Promise<{ png: Buffer; pageCount: number }> {
  if (mimeType !== 'application/pdf') {
    const pageCount = countPages(buffer, mimeType);
    if (pageIndex < 0 || pageIndex >= pageCount) throw new RangeError('page out of range');
    const box = await imagePageBox(buffer, pageIndex);
    checkDecode(pageIndex + 1, box, limits);
    checkRender(pageIndex + 1, box, width, limits);
  }
  return renderPagePng(buffer, mimeType, pageIndex, width, limits);
}
