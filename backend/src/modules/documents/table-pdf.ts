import { rgb } from 'pdf-lib';
import {
  A4,
  BLACK,
  drawCentered,
  drawPageFooters,
  newDocument,
  pdfText,
  savePdf,
  wrapText,
} from './pdf-kit.ts';
import { formatTanggalJam } from './format-id.ts';

export interface TableColumn {
  header: string;
  /** Share of the usable width; the shares are normalised. */
  weight: number;
  align?: 'left' | 'center' | 'right';
}

export interface TablePdfInput {
  title: string;
  subtitle?: string;
  columns: TableColumn[];
  rows: string[][];
  generatedAt: Date;
  generatedBy: string;
  emptyText?: string;
}

const MARGIN = 28;
const SIZE = 7.5;
const LINE = 9;
const PAD = 3;

/** A landscape A4 register (buku agenda surat masuk/keluar, daftar arsip): title block on
 * the first page, the column header repeated on every page, rows wrapped inside their cells
 * and never split across pages, `Halaman x dari y` in the footer. */
export async function renderTablePdf(input: TablePdfInput): Promise<Buffer> {
  const { doc, fonts } = await newDocument(input.title);
  const pageSize: [number, number] = [A4.height, A4.width];
  const usable = pageSize[0] - 2 * MARGIN;
  const totalWeight = input.columns.reduce((sum, c) => sum + c.weight, 0);
  const widths = input.columns.map((c) => (usable * c.weight) / totalWeight);

  let page = doc.addPage(pageSize);
  let y = pageSize[1] - MARGIN - 10;
  drawCentered(page, input.title, y, fonts.serifBold, 13);
  y -= 15;
  if (input.subtitle) {
    drawCentered(page, input.subtitle, y, fonts.serif, 10);
    y -= 14;
  }
  y -= 4;

  const drawHeader = () => {
    const lines = input.columns.map((c, i) =>
      wrapText(c.header, fonts.sansBold, SIZE, widths[i]! - 2 * PAD),
    );
    const height = Math.max(...lines.map((l) => l.length)) * LINE + 2 * PAD;
    let x = MARGIN;
    input.columns.forEach((_, i) => {
      page.drawRectangle({
        x,
        y: y - height,
        width: widths[i]!,
        height,
        color: rgb(0.9, 0.92, 0.95),
        borderColor: BLACK,
        borderWidth: 0.5,
      });
      lines[i]!.forEach((line, j) => {
        page.drawText(line, {
          x: x + PAD,
          y: y - PAD - (j + 1) * LINE + 2,
          size: SIZE,
          font: fonts.sansBold,
          color: BLACK,
        });
      });
      x += widths[i]!;
    });
    y -= height;
  };
  drawHeader();

  if (input.rows.length === 0) {
    y -= 16;
    drawCentered(page, input.emptyText ?? 'Tidak ada data untuk periode ini.', y, fonts.serif, 10);
  }
  for (const row of input.rows) {
    const cells = input.columns.map((_, i) =>
      wrapText(row[i] ?? '', fonts.sans, SIZE, widths[i]! - 2 * PAD),
    );
    const height = Math.max(...cells.map((c) => c.length)) * LINE + 2 * PAD;
    if (y - height < MARGIN + 18) {
      page = doc.addPage(pageSize);
      y = pageSize[1] - MARGIN;
      drawHeader();
    }
    let x = MARGIN;
    input.columns.forEach((column, i) => {
      const width = widths[i]!;
      page.drawRectangle({ x, y: y - height, width, height, borderColor: BLACK, borderWidth: 0.4 });
      cells[i]!.forEach((line, j) => {
        const textWidth = fonts.sans.widthOfTextAtSize(line, SIZE);
        const tx =
          column.align === 'right'
            ? x + width - PAD - textWidth
            : column.align === 'center'
              ? x + (width - textWidth) / 2
              : x + PAD;
        page.drawText(line, {
          x: tx,
          y: y - PAD - (j + 1) * LINE + 2,
          size: SIZE,
          font: fonts.sans,
          color: BLACK,
        });
      });
      x += width;
    });
    y -= height;
  }
  drawPageFooters(
    doc,
    fonts,
    pdfText(
      `Dicetak dari Lontar oleh ${input.generatedBy}, ${formatTanggalJam(input.generatedAt)}`,
    ),
  );
  return savePdf(doc);
}
