import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import {
  A4,
  BLACK,
  drawLetterhead,
  pdfText,
  wrapText,
  type Fonts,
} from '../../documents/pdf-kit.ts';

export const MARGIN_LEFT = 70;
export const MARGIN_RIGHT = 56;
export const MARGIN_BOTTOM = 60;
export const WIDTH = A4.width - MARGIN_LEFT - MARGIN_RIGHT;

/** A top-to-bottom writer for portrait documents (berita acara, bukti peminjaman):
 * paragraphs wrap and justify, and a new page starts when the current one is full. */
export class Flow {
  readonly doc: PDFDocument;
  readonly fonts: Fonts;
  page: PDFPage;
  y: number;

  constructor(doc: PDFDocument, fonts: Fonts, letterhead = true) {
    this.doc = doc;
    this.fonts = fonts;
    this.page = doc.addPage([A4.width, A4.height]);
    this.y = letterhead
      ? drawLetterhead(this.page, fonts, { marginX: MARGIN_LEFT - 14 })
      : A4.height - 60;
  }

  ensure(height: number): void {
    if (this.y - height >= MARGIN_BOTTOM) return;
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.y = A4.height - 60;
  }

  gap(points: number): void {
    this.y -= points;
  }

  centered(text: string, font: PDFFont, size: number, underline = false): void {
    this.ensure(size + 4);
    const safe = pdfText(text);
    const width = font.widthOfTextAtSize(safe, size);
    const x = MARGIN_LEFT + (WIDTH - width) / 2;
    this.page.drawText(safe, { x, y: this.y - size, size, font, color: BLACK });
    if (underline)
      this.page.drawLine({
        start: { x, y: this.y - size - 2 },
        end: { x: x + width, y: this.y - size - 2 },
        thickness: 0.8,
        color: BLACK,
      });
    this.y -= size + 5;
  }

  /** A wrapped paragraph; `justify` spreads all lines but the last over the width. */
  paragraph(
    text: string,
    options: {
      size?: number;
      font?: PDFFont;
      indent?: number;
      firstLineIndent?: number;
      justify?: boolean;
      lineGap?: number;
    } = {},
  ): void {
    const size = options.size ?? 11.5;
    const font = options.font ?? this.fonts.serif;
    const indent = options.indent ?? 0;
    const first = options.firstLineIndent ?? 0;
    const lineHeight = size + (options.lineGap ?? 4);
    const width = WIDTH - indent;
    const lines = wrapText(text, font, size, width - first);
    // Re-wrap after the first line with the full width.
    const rest = lines.length > 1 ? wrapText(lines.slice(1).join(' '), font, size, width) : [];
    const all = [lines[0] ?? '', ...rest];
    all.forEach((line, index) => {
      this.ensure(lineHeight);
      const x = MARGIN_LEFT + indent + (index === 0 ? first : 0);
      const available = width - (index === 0 ? first : 0);
      const isLast = index === all.length - 1;
      if (options.justify && !isLast && line.includes(' '))
        this.justified(line, x, available, font, size);
      else this.page.drawText(line, { x, y: this.y - size, size, font, color: BLACK });
      this.y -= lineHeight;
    });
  }

  private justified(line: string, x: number, width: number, font: PDFFont, size: number): void {
    const words = line.split(' ');
    const textWidth = words.reduce((sum, w) => sum + font.widthOfTextAtSize(w, size), 0);
    const space = (width - textWidth) / (words.length - 1);
    let cursor = x;
    for (const word of words) {
      this.page.drawText(word, { x: cursor, y: this.y - size, size, font, color: BLACK });
      cursor += font.widthOfTextAtSize(word, size) + space;
    }
  }

  /** `label : value` rows with the colons aligned. */
  fields(
    rows: Array<[string, string]>,
    options: { indent?: number; labelWidth?: number; size?: number } = {},
  ): void {
    const size = options.size ?? 11.5;
    const indent = options.indent ?? 0;
    const labelWidth = options.labelWidth ?? 110;
    for (const [label, value] of rows) {
      const valueX = MARGIN_LEFT + indent + labelWidth + 10;
      const lines = wrapText(value || '-', this.fonts.serif, size, MARGIN_LEFT + WIDTH - valueX);
      this.ensure(lines.length * (size + 4));
      this.page.drawText(pdfText(label), {
        x: MARGIN_LEFT + indent,
        y: this.y - size,
        size,
        font: this.fonts.serif,
        color: BLACK,
      });
      this.page.drawText(':', {
        x: MARGIN_LEFT + indent + labelWidth,
        y: this.y - size,
        size,
        font: this.fonts.serif,
        color: BLACK,
      });
      for (const line of lines) {
        this.page.drawText(line, {
          x: valueX,
          y: this.y - size,
          size,
          font: this.fonts.serif,
          color: BLACK,
        });
        this.y -= size + 4;
      }
    }
  }

  /** A bordered table with a grey header; rows wrap inside their cells. */
  table(
    columns: Array<{ header: string; weight: number; align?: 'left' | 'center' | 'right' }>,
    rows: string[][],
    size = 9.5,
  ): void {
    const total = columns.reduce((sum, c) => sum + c.weight, 0);
    const widths = columns.map((c) => (WIDTH * c.weight) / total);
    const pad = 3;
    const line = size + 2.5;
    const drawRow = (cells: string[], font: PDFFont, shade: boolean) => {
      const wrapped = cells.map((cell, i) => wrapText(cell, font, size, widths[i]! - 2 * pad));
      const height = Math.max(...wrapped.map((w) => w.length)) * line + 2 * pad;
      this.ensure(height);
      let x = MARGIN_LEFT;
      wrapped.forEach((lines, i) => {
        const width = widths[i]!;
        this.page.drawRectangle({
          x,
          y: this.y - height,
          width,
          height,
          borderColor: BLACK,
          borderWidth: 0.5,
          ...(shade ? { color: rgb(0.9, 0.92, 0.95) } : {}),
        });
        lines.forEach((text, j) => {
          const w = font.widthOfTextAtSize(text, size);
          const align = columns[i]!.align ?? 'left';
          const tx =
            align === 'right'
              ? x + width - pad - w
              : align === 'center'
                ? x + (width - w) / 2
                : x + pad;
          this.page.drawText(text, {
            x: tx,
            y: this.y - pad - (j + 1) * line + 2.5,
            size,
            font,
            color: BLACK,
          });
        });
        x += width;
      });
      this.y -= height;
    };
    drawRow(
      columns.map((c) => c.header),
      this.fonts.sansBold,
      true,
    );
    for (const row of rows) drawRow(row, this.fonts.sans, false);
  }

  /** Signature blocks side by side: heading lines, room to sign, name (bold, underlined), NIP. */
  signatures(blocks: SignatureBlock[], options: { columns?: number } = {}): void {
    const columns = options.columns ?? Math.min(2, blocks.length);
    const columnWidth = WIDTH / columns;
    for (let start = 0; start < blocks.length; start += columns) {
      const row = blocks.slice(start, start + columns);
      const headingLines = Math.max(...row.map((b) => b.heading.length));
      const height = headingLines * 15 + 60 + 30;
      this.ensure(height);
      const top = this.y;
      row.forEach((block, index) => {
        const center =
          MARGIN_LEFT +
          columnWidth * (columns === 1 ? 0.5 : index + 0.5) +
          (row.length === 1 && columns === 2 ? columnWidth / 2 : 0);
        const drawCenter = (
          text: string,
          y: number,
          font: PDFFont,
          size: number,
          underline = false,
        ) => {
          const lines = wrapText(text, font, size, columnWidth - 12);
          let cursor = y;
          for (const line of lines) {
            const w = font.widthOfTextAtSize(line, size);
            this.page.drawText(line, { x: center - w / 2, y: cursor, size, font, color: BLACK });
            if (underline)
              this.page.drawLine({
                start: { x: center - w / 2, y: cursor - 2 },
                end: { x: center + w / 2, y: cursor - 2 },
                thickness: 0.6,
                color: BLACK,
              });
            cursor -= size + 3;
          }
          return cursor;
        };
        let y = top - 12;
        for (const line of block.heading) y = drawCenter(line, y, this.fonts.serif, 11);
        y = top - 12 - headingLines * 15 - 52;
        y = drawCenter(
          block.name || '(................................................)',
          y,
          this.fonts.serifBold,
          11,
          !!block.name,
        );
        if (block.nip !== undefined)
          drawCenter(
            block.nip ? `NIP ${block.nip}` : 'NIP ................................',
            y,
            this.fonts.serif,
            10,
          );
      });
      this.y = top - height;
    }
  }
}

export interface SignatureBlock {
  heading: string[];
  name: string;
  nip?: string | null;
}

export function formatNip(nip: string | null | undefined): string {
  if (!nip) return '';
  return /^\d{18}$/.test(nip)
    ? `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}`
    : nip;
}
