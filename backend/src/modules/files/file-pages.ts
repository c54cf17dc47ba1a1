import * as mupdf from 'mupdf';

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

/** One page as PNG, `width` pixels wide (height follows the page's proportions). */
export function renderPagePng(
  buffer: Buffer,
  mimeType: string,
  pageIndex: number,
  width: number,
): { png: Buffer; pageCount: number } {
  const doc = open(buffer, mimeType);
  try {
    const pageCount = doc.countPages();
    if (pageIndex < 0 || pageIndex >= pageCount) throw new RangeError('page out of range');
    const page = doc.loadPage(pageIndex);
    try {
      const [x0, , x1] = page.getBounds();
      const scale = width / Math.max(1, x1 - x0);
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
