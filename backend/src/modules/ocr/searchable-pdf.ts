import {
  beginText,
  endText,
  PDFDocument,
  type PDFFont,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  setCharacterSqueeze,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  StandardFonts,
  TextRenderingMode,
} from 'pdf-lib';
import type { OcrWord } from './tesseract-pool.ts';

/** What the builder needs per page: the picture (or the original PDF page) and the words. */
export interface SearchablePage {
  widthPt: number;
  heightPt: number;
  /** Present for image inputs; absent when the original PDF page is copied. */
  embed?: { type: 'jpg' | 'png'; bytes: Buffer };
  /** Word boxes in the coordinate space of `space` (pixels of the OCR image, top-left origin). */
  words: OcrWord[];
  space: { width: number; height: number };
  /** False for pages that already carry text (PDF text layer): nothing is added. */
  addText: boolean;
}

/**
 * The scan with an invisible text layer (text render mode 3) laid over each word, so viewers
 * can search and select the words where they appear. Original pictures are embedded as they
 * are; PDF originals keep their pages and only gain the layer.
 */
export async function buildSearchablePdf(
  pages: SearchablePage[],
  originalPdf?: Buffer,
): Promise<Buffer> {
  const out = await PDFDocument.create();
  out.setProducer('Lontar');
  out.setCreator('Lontar OCR');
  const font = await out.embedFont(StandardFonts.Helvetica);
  let source: PDFDocument | null = null;
  if (originalPdf)
    source = await PDFDocument.load(originalPdf, {
      ignoreEncryption: false,
      updateMetadata: false,
    });
  for (const [index, spec] of pages.entries()) {
    let page: PDFPage;
    if (source) {
      const [copied] = await out.copyPages(source, [index]);
      page = out.addPage(copied!);
    } else {
      page = out.addPage([spec.widthPt, spec.heightPt]);
      if (spec.embed) {
        const image =
          spec.embed.type === 'jpg'
            ? await out.embedJpg(spec.embed.bytes)
            : await out.embedPng(spec.embed.bytes);
        page.drawImage(image, { x: 0, y: 0, width: spec.widthPt, height: spec.heightPt });
      }
    }
    if (spec.addText && spec.words.length > 0) addTextLayer(page, font, spec);
  }
  return Buffer.from(await out.save({ useObjectStreams: true }));
}

/** Helvetica speaks WinAnsi only; anything else becomes '?' rather than failing the page. */
function encodable(text: string): string {
  return text.normalize('NFC').replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

function addTextLayer(page: PDFPage, font: PDFFont, spec: SearchablePage): void {
  const fontKey = page.node.newFontDictionary('LontarOcr', font.ref);
  const { x: originX, y: originY, width: boxWidth, height: boxHeight } = page.getCropBox();
  const rotated = page.getRotation().angle % 180 !== 0;
  const pageWidth = rotated ? boxHeight : boxWidth;
  const pageHeight = rotated ? boxWidth : boxHeight;
  const sx = pageWidth / spec.space.width;
  const sy = pageHeight / spec.space.height;
  const operators = [
    pushGraphicsState(),
    beginText(),
    setTextRenderingMode(TextRenderingMode.Invisible),
  ];
  for (const word of spec.words) {
    const text = encodable(word.t);
    const height = Math.max(1, (word.y1 - word.y0) * sy);
    const size = height * 0.85;
    const natural = font.widthOfTextAtSize(text, size);
    const width = Math.max(1, (word.x1 - word.x0) * sx);
    operators.push(
      setFontAndSize(fontKey, size),
      // Stretch the glyphs so the selection covers the word's box on the picture.
      setCharacterSqueeze(natural > 0 ? (100 * width) / natural : 100),
      setTextMatrix(
        1,
        0,
        0,
        1,
        originX + word.x0 * sx,
        originY + pageHeight - word.y1 * sy + height * 0.2,
      ),
      showText(font.encodeText(text + ' ')),
    );
  }
  operators.push(endText(), popGraphicsState());
  page.pushOperators(...operators);
}
