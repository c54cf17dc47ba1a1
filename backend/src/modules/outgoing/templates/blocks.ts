import { rgb } from 'pdf-lib';
import { listMarker, type Block, type ListBlock, type TableBlock } from './body-model.ts';
import {
  BODY_SIZE,
  CONTENT_WIDTH,
  GEOMETRY,
  LINE_HEIGHT,
  baselineBelow,
  type PageWriter,
} from './page-writer.ts';
import { drawLine, layoutRuns, type Line } from './text.ts';

const PARAGRAPH_GAP = 6;
const INDENT = 1.25 * 28.3465;

/** Writes the body blocks at the writer's cursor, inside [x, x + width]. */
export function renderBlocks(
  writer: PageWriter,
  blocks: Block[],
  x = GEOMETRY.left,
  width = CONTENT_WIDTH,
): void {
  blocks.forEach((block, index) => {
    if (index > 0) writer.space(PARAGRAPH_GAP);
    if (block.type === 'paragraph') {
      writer.text(block.runs, {
        x,
        width,
        align: block.align ?? 'justify',
        firstLineIndent: block.indent ? INDENT : 0,
      });
    } else if (block.type === 'list') {
      renderList(writer, block, x, width);
    } else {
      renderTable(writer, block, x, width);
    }
  });
}

function renderList(writer: PageWriter, block: ListBlock, x: number, width: number): void {
  const markerWidth =
    block.style === 'bullet'
      ? 14
      : Math.max(
          20,
          writer.fonts.regular.widthOfTextAtSize(`${block.items.length}.`, BODY_SIZE) + 8,
        );
  block.items.forEach((item, index) => {
    if (index > 0) writer.space(2);
    writer.ensure(LINE_HEIGHT);
    const marker = listMarker(block.style, index);
    const markerY = baselineBelow(writer.y);
    writer.page.drawText(marker, { x, y: markerY, size: BODY_SIZE, font: writer.fonts.regular });
    writer.text(item.runs, { x: x + markerWidth, width: width - markerWidth, align: 'justify' });
  });
}

const CELL_PAD = 4;
const CELL_SIZE = 11;
const CELL_LINE = 13.5;
/** 3 cm: wider than the labels naskah dinas use (Hari/tanggal, Kepada, Pangkat/Gol.). */
const LABEL_MIN = 3 * 28.3465;

function renderTable(writer: PageWriter, block: TableBlock, x: number, width: number): void {
  const columns = Math.max(...block.rows.map((row) => row.cells.length));
  const widths = columnWidths(writer, block, columns, width);
  const borders = block.borders ?? true;
  block.rows.forEach((row, rowIndex) => {
    const bold = !!block.header && rowIndex === 0;
    const cells: Line[][] = widths.map((columnWidth, column) => {
      const runs = row.cells[column]?.runs ?? [];
      const styled = bold ? runs.map((run) => ({ ...run, bold: true })) : runs;
      return layoutRuns(styled, writer.fonts, CELL_SIZE, columnWidth - 2 * CELL_PAD);
    });
    const height = Math.max(...cells.map((lines) => lines.length)) * CELL_LINE + 2 * CELL_PAD - 2;
    // A row is never split across pages; the header row is repeated on the next page.
    if (writer.y - height < GEOMETRY.bottom) {
      writer.newPage();
      if (block.header && rowIndex > 0)
        renderTable(writer, { ...block, rows: [block.rows[0]!] }, x, width);
    }
    let cellX = x;
    const top = writer.y;
    cells.forEach((lines, column) => {
      const columnWidth = widths[column]!;
      if (bold && borders) {
        writer.page.drawRectangle({
          x: cellX,
          y: top - height,
          width: columnWidth,
          height,
          color: rgb(0.92, 0.92, 0.92),
        });
      }
      lines.forEach((line, i) => {
        const y = top - CELL_PAD - (i + 1) * CELL_LINE + (CELL_LINE - CELL_SIZE) * 0.7;
        drawLine(
          writer.page,
          line,
          cellX + CELL_PAD,
          y,
          CELL_SIZE,
          columnWidth - 2 * CELL_PAD,
          bold ? 'center' : 'left',
        );
      });
      if (borders) {
        writer.page.drawRectangle({
          x: cellX,
          y: top - height,
          width: columnWidth,
          height,
          borderWidth: 0.6,
          borderColor: rgb(0, 0, 0),
        });
      }
      cellX += columnWidth;
    });
    writer.y = top - height;
  });
}

/** Column widths from the content: each column gets its natural width up to a fair share,
 * and narrow columns (numbers, "Hari/tanggal") give the rest to wide ones. */
function columnWidths(
  writer: PageWriter,
  block: TableBlock,
  columns: number,
  width: number,
): number[] {
  const natural = Array.from({ length: columns }, (_, column) =>
    Math.max(
      24,
      ...block.rows.map((row) => {
        const runs = row.cells[column]?.runs ?? [];
        const text = runs.map((r) => r.text).join('');
        return (
          writer.fonts.bold.widthOfTextAtSize(text.replace(/[^\x20-\x7e]/g, 'x'), CELL_SIZE) +
          2 * CELL_PAD +
          2
        );
      }),
    ),
  );
  const total = natural.reduce((a, b) => a + b, 0);
  if (block.borders === false && columns > 1) {
    // A layout table ("Hari/tanggal : ..."): labels keep their width, the last column the
    // rest. The label column is at least LABEL_MIN wide, so the layout tables of one letter
    // (a surat tugas's Dasar, Kepada, Untuk) line up at the same tab stop.
    const head = natural.slice(0, -1);
    head[0] = Math.max(head[0]!, LABEL_MIN);
    const used = head.reduce((a, b) => a + b, 0);
    if (used <= width * 0.6) return [...head, width - used];
  }
  if (total <= width) {
    // Spread the spare room over the columns in proportion, keeping the table full width.
    return natural.map((w) => (w / total) * width);
  }
  const fair = width / columns;
  const small = natural.filter((w) => w <= fair);
  const smallTotal = small.reduce((a, b) => a + b, 0);
  const largeCount = columns - small.length;
  const largeWidth = largeCount > 0 ? (width - smallTotal) / largeCount : fair;
  return natural.map((w) => (w <= fair ? w : largeWidth));
}
