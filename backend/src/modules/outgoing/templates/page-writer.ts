import { PageSizes, degrees, rgb, type PDFDocument, type PDFPage } from 'pdf-lib';
import { layoutRuns, drawLine, type Align, type FontSet } from './text.ts';
import type { Run } from './body-model.ts';

/** A4 with the margins of the tata naskah dinas: 3 cm left, 2 cm right, top and bottom. */
export const CM = 28.3465;
export const GEOMETRY = {
  width: PageSizes.A4[0],
  height: PageSizes.A4[1],
  left: 3 * CM,
  right: 2 * CM,
  top: 2 * CM,
  bottom: 2.4 * CM,
};
export const CONTENT_WIDTH = GEOMETRY.width - GEOMETRY.left - GEOMETRY.right;
export const BODY_SIZE = 12;
export const LINE_HEIGHT = 15;

/** Baseline of a body-size line that starts at `top` (what `text` uses), for markers and
 * labels drawn beside wrapped text. */
export function baselineBelow(top: number, lineHeight = LINE_HEIGHT, size = BODY_SIZE): number {
  return top - lineHeight + (lineHeight - size) * 0.6;
}

export interface PageWriterOptions {
  /** "KONSEP" across every page of a preview, so a draft is never mistaken for the letter. */
  watermark?: string;
  /** Small print at the foot of every page (the verification notice on signed letters). */
  footer?: string;
}

/**
 * A cursor over pages: blocks ask for room with `ensure`, and a new page starts when the
 * current one is full. Continuation pages carry the page number at the top, as naskah
 * dinas do ("- 2 -").
 */
export class PageWriter {
  readonly doc: PDFDocument;
  readonly fonts: FontSet;
  readonly options: PageWriterOptions;
  readonly pages: PDFPage[] = [];
  page: PDFPage;
  y: number;

  constructor(doc: PDFDocument, fonts: FontSet, options: PageWriterOptions = {}) {
    this.doc = doc;
    this.fonts = fonts;
    this.options = options;
    this.page = this.addPage();
    this.y = GEOMETRY.height - GEOMETRY.top;
  }

  private addPage(): PDFPage {
    const page = this.doc.addPage([GEOMETRY.width, GEOMETRY.height]);
    this.pages.push(page);
    return page;
  }

  newPage(): void {
    this.page = this.addPage();
    const label = `- ${this.pages.length} -`;
    const width = this.fonts.regular.widthOfTextAtSize(label, 11);
    this.page.drawText(label, {
      x: (GEOMETRY.width - width) / 2,
      y: GEOMETRY.height - GEOMETRY.top + 6,
      size: 11,
      font: this.fonts.regular,
    });
    this.y = GEOMETRY.height - GEOMETRY.top - 18;
  }

  /** Starts a new page unless `height` points still fit above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < GEOMETRY.bottom) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  /** Writes runs as wrapped lines, breaking pages between lines. */
  text(
    runs: Run[],
    options: {
      x?: number;
      width?: number;
      size?: number;
      lineHeight?: number;
      align?: Align;
      firstLineIndent?: number;
    } = {},
  ): void {
    const x = options.x ?? GEOMETRY.left;
    const width = options.width ?? CONTENT_WIDTH;
    const size = options.size ?? BODY_SIZE;
    const lineHeight = options.lineHeight ?? LINE_HEIGHT;
    const indent = options.firstLineIndent ?? 0;
    const lines = layoutRuns(runs, this.fonts, size, width, width - indent);
    lines.forEach((line, i) => {
      const shift = i === 0 ? indent : 0;
      this.ensure(lineHeight);
      this.y -= lineHeight;
      drawLine(
        this.page,
        line,
        x + shift,
        baselineBelow(this.y + lineHeight, lineHeight, size),
        size,
        width - shift,
        options.align ?? 'left',
      );
    });
  }

  /** Applies watermark and footer to every page; called once all content is written. */
  finish(): void {
    for (const page of this.pages) {
      if (this.options.watermark) {
        const size = 96;
        const text = this.options.watermark;
        const width = this.fonts.bold.widthOfTextAtSize(text, size);
        page.drawText(text, {
          x: GEOMETRY.width / 2 - (width / 2) * Math.cos(Math.PI / 4) + 20,
          y: GEOMETRY.height / 2 - (width / 2) * Math.sin(Math.PI / 4),
          size,
          font: this.fonts.bold,
          color: rgb(0.85, 0.85, 0.85),
          opacity: 0.35,
          rotate: degrees(45),
        });
      }
      if (this.options.footer) {
        const lines = layoutRuns(
          [{ text: this.options.footer, italic: true }],
          this.fonts,
          7.5,
          CONTENT_WIDTH,
        );
        let y = GEOMETRY.bottom - 22;
        page.drawLine({
          start: { x: GEOMETRY.left, y: y + 11 },
          end: { x: GEOMETRY.width - GEOMETRY.right, y: y + 11 },
          thickness: 0.4,
          color: rgb(0.5, 0.5, 0.5),
        });
        for (const line of lines) {
          drawLine(page, line, GEOMETRY.left, y, 7.5, CONTENT_WIDTH, 'center');
          y -= 9;
        }
      }
    }
  }
}
