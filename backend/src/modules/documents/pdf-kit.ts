import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

/** Shared building blocks for every PDF Lontar prints (receipts, stamps, registers,
 * disposition sheets, berita acara): fonts, text that always encodes, wrapping, the
 * provincial letterhead, page footers. pdf-lib's standard fonts cover Latin text
 * (WinAnsi), which is all Bahasa Indonesia needs, and keep PDFs small. */

export interface Fonts {
  serif: PDFFont;
  serifBold: PDFFont;
  sans: PDFFont;
  sansBold: PDFFont;
}

export const A4 = { width: 595.28, height: 841.89 } as const;
export const BLACK = rgb(0, 0, 0);
export const GREY = rgb(0.4, 0.4, 0.4);

export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  const [serif, serifBold, sans, sansBold] = await Promise.all([
    doc.embedFont(StandardFonts.TimesRoman),
    doc.embedFont(StandardFonts.TimesRomanBold),
    doc.embedFont(StandardFonts.Helvetica),
    doc.embedFont(StandardFonts.HelveticaBold),
  ]);
  return { serif, serifBold, sans, sansBold };
}

/** Replaces what WinAnsi cannot encode, so user text (any Unicode) never breaks a render. */
export function pdfText(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .normalize('NFC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[\t\r\n]+/g, ' ')
    .replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

/** Splits text into lines no wider than `maxWidth`; words longer than a line are cut. */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const words = pdfText(text).split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    while (font.widthOfTextAtSize(word, size) > maxWidth && word.length > 1) {
      let cut = word.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(word.slice(0, cut), size) > maxWidth) cut--;
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
    }
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= maxWidth) line = candidate;
    else {
      if (line) lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

export function drawCentered(
  page: PDFPage,
  text: string,
  y: number,
  font: PDFFont,
  size: number,
  centerX = page.getWidth() / 2,
): void {
  const safe = pdfText(text);
  page.drawText(safe, {
    x: centerX - font.widthOfTextAtSize(safe, size) / 2,
    y,
    size,
    font,
    color: BLACK,
  });
}

export interface LetterheadOptions {
  /** Defaults to the Sekretariat Daerah of Provinsi Lampung. */
  lines?: string[];
  address?: string;
  marginX?: number;
}

export const DEFAULT_LETTERHEAD = {
  lines: ['PEMERINTAH PROVINSI LAMPUNG', 'SEKRETARIAT DAERAH'],
  address: 'Jalan Wolter Monginsidi Nomor 69 Telukbetung, Bandar Lampung 35215',
};

/** Draws the kop surat at the top of the page; returns the y below its double rule. */
export function drawLetterhead(
  page: PDFPage,
  fonts: Fonts,
  options: LetterheadOptions = {},
): number {
  const lines = options.lines ?? DEFAULT_LETTERHEAD.lines;
  const address = options.address ?? DEFAULT_LETTERHEAD.address;
  const marginX = options.marginX ?? 50;
  let y = page.getHeight() - 50;
  lines.forEach((line, index) => {
    const size = index === 0 ? 13 : 15;
    drawCentered(page, line, y, fonts.serifBold, size);
    y -= size + 4;
  });
  drawCentered(page, address, y, fonts.serif, 9);
  y -= 8;
  const right = page.getWidth() - marginX;
  page.drawLine({ start: { x: marginX, y }, end: { x: right, y }, thickness: 2, color: BLACK });
  page.drawLine({
    start: { x: marginX, y: y - 3 },
    end: { x: right, y: y - 3 },
    thickness: 0.6,
    color: BLACK,
  });
  return y - 18;
}

/** `Halaman 2 dari 5` plus a generated-at line on every page. */
export function drawPageFooters(doc: PDFDocument, fonts: Fonts, note: string): void {
  const pages = doc.getPages();
  pages.forEach((page, index) => {
    const label = `Halaman ${index + 1} dari ${pages.length}`;
    page.drawText(pdfText(note), { x: 40, y: 20, size: 7, font: fonts.sans, color: GREY });
    page.drawText(label, {
      x: page.getWidth() - 40 - fonts.sans.widthOfTextAtSize(label, 7),
      y: 20,
      size: 7,
      font: fonts.sans,
      color: GREY,
    });
  });
}

export async function newDocument(title: string): Promise<{ doc: PDFDocument; fonts: Fonts }> {
  const doc = await PDFDocument.create();
  doc.setTitle(pdfText(title));
  doc.setCreator('Lontar - Sekretariat Daerah Provinsi Lampung');
  doc.setProducer('Lontar');
  doc.setLanguage('id-ID');
  return { doc, fonts: await embedFonts(doc) };
}

export async function savePdf(doc: PDFDocument): Promise<Buffer> {
  return Buffer.from(await doc.save());
}
