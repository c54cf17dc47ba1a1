import { rgb, type PDFPage } from 'pdf-lib';
import {
  formatAngka,
  formatTanggal,
  formatTanggalJam,
  SECURITY_LABELS,
  URGENCY_LABELS,
} from '../documents/format-id.ts';
import {
  A4,
  BLACK,
  drawCentered,
  drawLetterhead,
  drawPageFooters,
  newDocument,
  pdfText,
  savePdf,
  wrapText,
  type Fonts,
} from '../documents/pdf-kit.ts';

/** Lembar disposisi in the official layout (domain.md §4): letterhead, title, the letter's
 * identity with the sifat checkboxes, then one block per hop of the chain with the
 * "diteruskan kepada" and instruction checkboxes, catatan, batas waktu, paraf and date. */

export interface SheetLetter {
  senderName: string;
  letterNumber: string;
  letterDate: string;
  receivedDate: string;
  agendaNumber: number | null;
  agendaYear: number;
  subject: string;
  urgency: string;
  securityClass: string;
}

export interface SheetHop {
  /** "Sekretaris Daerah", or "Plh. Kepala Biro Umum". */
  fromTitle: string;
  fromName: string | null;
  sentAt: Date;
  /** The sender's usual addressees (direct subordinates) plus whoever else was chosen. */
  options: Array<{ title: string; chosen: boolean; primary: boolean }>;
  /** The configured instruction list, with the chosen ones (open-ended ones completed). */
  instructions: Array<{ text: string; chosen: boolean }>;
  note: string | null;
  urgency: string;
  dueDate: string;
}

export interface SheetInput {
  letter: SheetLetter;
  hops: SheetHop[];
  generatedAt: Date;
  generatedBy: string;
}

const MARGIN = 50;
const WIDTH = A4.width - 2 * MARGIN;
const SIZE = 9.5;
const LINE = 12;
const GREY = rgb(0.35, 0.35, 0.35);

function box(page: PDFPage, x: number, yTop: number, width: number, height: number): void {
  page.drawRectangle({ x, y: yTop - height, width, height, borderColor: BLACK, borderWidth: 0.8 });
}

function checkbox(page: PDFPage, x: number, y: number, checked: boolean): void {
  page.drawRectangle({ x, y: y - 1.5, width: 8, height: 8, borderColor: BLACK, borderWidth: 0.7 });
  if (checked) {
    page.drawLine({
      start: { x: x + 1.5, y: y + 2.5 },
      end: { x: x + 3.5, y: y },
      thickness: 1.2,
      color: BLACK,
    });
    page.drawLine({
      start: { x: x + 3.5, y: y },
      end: { x: x + 7, y: y + 6 },
      thickness: 1.2,
      color: BLACK,
    });
  }
}

/** Text lines of a labelled checkbox list inside `width`; returns the height used. */
function checkboxList(
  page: PDFPage | null,
  fonts: Fonts,
  items: Array<{ text: string; chosen: boolean; suffix?: string }>,
  x: number,
  yTop: number,
  width: number,
): number {
  let y = yTop;
  for (const item of items) {
    const label = item.suffix ? `${item.text} ${item.suffix}` : item.text;
    const lines = wrapText(
      label,
      item.chosen ? fonts.sansBold : fonts.sans,
      SIZE - 0.5,
      width - 14,
    );
    if (page) {
      checkbox(page, x, y, item.chosen);
      lines.forEach((line, i) =>
        page.drawText(line, {
          x: x + 13,
          y: y - i * (LINE - 1),
          size: SIZE - 0.5,
          font: item.chosen ? fonts.sansBold : fonts.sans,
          color: BLACK,
        }),
      );
    }
    y -= lines.length * (LINE - 1) + 3;
  }
  return yTop - y;
}

function labelled(
  page: PDFPage,
  fonts: Fonts,
  label: string,
  value: string,
  x: number,
  y: number,
  labelWidth: number,
  width: number,
): number {
  page.drawText(pdfText(label), { x, y, size: SIZE, font: fonts.sans, color: BLACK });
  page.drawText(':', { x: x + labelWidth - 6, y, size: SIZE, font: fonts.sans, color: BLACK });
  const lines = wrapText(value || '-', fonts.sansBold, SIZE, width - labelWidth);
  lines.forEach((line, i) =>
    page.drawText(line, {
      x: x + labelWidth,
      y: y - i * LINE,
      size: SIZE,
      font: fonts.sansBold,
      color: BLACK,
    }),
  );
  return lines.length * LINE;
}

function drawIdentity(page: PDFPage, fonts: Fonts, letter: SheetLetter, yTop: number): number {
  const half = WIDTH / 2;
  const agenda =
    letter.agendaNumber === null ? '-' : `${formatAngka(letter.agendaNumber)}/${letter.agendaYear}`;
  let left = yTop - 16;
  left -= labelled(page, fonts, 'Surat dari', letter.senderName, MARGIN + 8, left, 78, half - 16);
  left -= labelled(
    page,
    fonts,
    'Nomor surat',
    letter.letterNumber,
    MARGIN + 8,
    left,
    78,
    half - 16,
  );
  left -= labelled(
    page,
    fonts,
    'Tanggal surat',
    formatTanggal(letter.letterDate),
    MARGIN + 8,
    left,
    78,
    half - 16,
  );
  let right = yTop - 16;
  const rx = MARGIN + half + 8;
  right -= labelled(
    page,
    fonts,
    'Diterima tanggal',
    formatTanggal(letter.receivedDate),
    rx,
    right,
    88,
    half - 16,
  );
  right -= labelled(page, fonts, 'Nomor agenda', agenda, rx, right, 88, half - 16);
  right -= labelled(
    page,
    fonts,
    'Klasifikasi',
    SECURITY_LABELS[letter.securityClass] ?? letter.securityClass,
    rx,
    right,
    88,
    half - 16,
  );
  page.drawText('Sifat', { x: rx, y: right, size: SIZE, font: fonts.sans, color: BLACK });
  page.drawText(':', { x: rx + 82, y: right, size: SIZE, font: fonts.sans, color: BLACK });
  let cx = rx + 88;
  for (const key of ['sangat_segera', 'segera', 'biasa']) {
    checkbox(page, cx, right, letter.urgency === key);
    const label = URGENCY_LABELS[key]!;
    page.drawText(label, { x: cx + 11, y: right, size: SIZE - 1, font: fonts.sans, color: BLACK });
    cx += 15 + fonts.sans.widthOfTextAtSize(label, SIZE - 1);
  }
  right -= LINE;
  let y = Math.min(left, right) - 6;
  page.drawLine({
    start: { x: MARGIN, y: y + LINE - 2 },
    end: { x: MARGIN + WIDTH, y: y + LINE - 2 },
    thickness: 0.5,
    color: BLACK,
  });
  y -= 4;
  y -= labelled(page, fonts, 'Perihal', letter.subject, MARGIN + 8, y, 78, WIDTH - 16);
  const height = yTop - y + 2;
  box(page, MARGIN, yTop, WIDTH, height);
  page.drawLine({
    start: { x: MARGIN + half, y: yTop },
    end: { x: MARGIN + half, y: Math.min(left, right) + LINE - 8 },
    thickness: 0.5,
    color: BLACK,
  });
  return yTop - height;
}

/** The instruction list in two sub-columns (as on the printed form), so a hop stays short
 * enough for two or three to share a page. */
function instructionColumns(
  page: PDFPage | null,
  fonts: Fonts,
  items: SheetHop['instructions'],
  x: number,
  yTop: number,
  width: number,
): number {
  const half = Math.ceil(items.length / 2);
  const sub = (width - 6) / 2;
  return Math.max(
    checkboxList(page, fonts, items.slice(0, half), x, yTop, sub),
    checkboxList(page, fonts, items.slice(half), x + sub + 6, yTop, sub),
  );
}

/** Height a hop block needs (measured by laying it out without a page). */
function hopHeight(fonts: Fonts, hop: SheetHop): number {
  const colWidth = WIDTH / 2 - 16;
  const lists = Math.max(
    checkboxList(
      null,
      fonts,
      hop.options.map((o) => ({ text: o.title, chosen: o.chosen })),
      0,
      0,
      colWidth,
    ),
    instructionColumns(null, fonts, hop.instructions, 0, 0, colWidth),
  );
  const noteLines = wrapText(hop.note ?? '-', fonts.sans, SIZE, WIDTH - 100).length;
  return 22 + 14 + lists + 10 + noteLines * LINE + LINE + 78;
}

function drawHop(page: PDFPage, fonts: Fonts, hop: SheetHop, index: number, yTop: number): number {
  const height = hopHeight(fonts, hop);
  box(page, MARGIN, yTop, WIDTH, height);
  page.drawRectangle({
    x: MARGIN,
    y: yTop - 18,
    width: WIDTH,
    height: 18,
    color: rgb(0.92, 0.92, 0.92),
    borderColor: BLACK,
    borderWidth: 0.8,
  });
  page.drawText(pdfText(`Disposisi ${index + 1}: ${hop.fromTitle}`), {
    x: MARGIN + 8,
    y: yTop - 13,
    size: SIZE,
    font: fonts.sansBold,
    color: BLACK,
  });
  const when = pdfText(formatTanggalJam(hop.sentAt));
  page.drawText(when, {
    x: MARGIN + WIDTH - 8 - fonts.sans.widthOfTextAtSize(when, SIZE - 1),
    y: yTop - 13,
    size: SIZE - 1,
    font: fonts.sans,
    color: BLACK,
  });

  const half = WIDTH / 2;
  let y = yTop - 32;
  page.drawText('Diteruskan kepada:', {
    x: MARGIN + 8,
    y,
    size: SIZE,
    font: fonts.sansBold,
    color: BLACK,
  });
  page.drawText('Instruksi:', {
    x: MARGIN + half + 8,
    y,
    size: SIZE,
    font: fonts.sansBold,
    color: BLACK,
  });
  y -= 14;
  const left = checkboxList(
    page,
    fonts,
    hop.options.map((o) => ({
      text: o.title,
      chosen: o.chosen,
      suffix: o.chosen ? (o.primary ? '(penanggung jawab)' : '(koordinasi)') : undefined,
    })),
    MARGIN + 8,
    y,
    half - 16,
  );
  const right = instructionColumns(page, fonts, hop.instructions, MARGIN + half + 8, y, half - 16);
  page.drawLine({
    start: { x: MARGIN + half, y: yTop - 18 },
    end: { x: MARGIN + half, y: y - Math.max(left, right) + 4 },
    thickness: 0.5,
    color: BLACK,
  });
  y -= Math.max(left, right) + 6;
  page.drawLine({
    start: { x: MARGIN, y: y + 8 },
    end: { x: MARGIN + WIDTH, y: y + 8 },
    thickness: 0.5,
    color: BLACK,
  });
  y -= 4;
  y -= labelled(page, fonts, 'Catatan', hop.note ?? '-', MARGIN + 8, y, 80, WIDTH - 16);
  labelled(
    page,
    fonts,
    'Batas waktu',
    `${formatTanggal(hop.dueDate)} (${URGENCY_LABELS[hop.urgency] ?? hop.urgency})`,
    MARGIN + 8,
    y,
    80,
    WIDTH / 2,
  );

  // Paraf block, right-aligned as on paper.
  const px = MARGIN + WIDTH - 200;
  let py = y - 4;
  page.drawText(pdfText(`Bandar Lampung, ${formatTanggal(hop.sentAt)}`), {
    x: px,
    y: py,
    size: SIZE,
    font: fonts.sans,
    color: BLACK,
  });
  py -= LINE;
  page.drawText(pdfText(hop.fromTitle), {
    x: px,
    y: py,
    size: SIZE,
    font: fonts.sans,
    color: BLACK,
  });
  py -= 10;
  page.drawText('Paraf:', { x: px, y: py - 12, size: SIZE - 1, font: fonts.sans, color: GREY });
  page.drawLine({
    start: { x: px + 30, y: py - 14 },
    end: { x: px + 120, y: py - 14 },
    thickness: 0.4,
    color: GREY,
    dashArray: [2, 2],
  });
  py -= 36;
  page.drawText(pdfText(hop.fromName ?? '........................................'), {
    x: px,
    y: py,
    size: SIZE,
    font: fonts.sansBold,
    color: BLACK,
  });
  return yTop - height;
}

export async function renderDispositionSheet(input: SheetInput): Promise<Buffer> {
  const agenda =
    input.letter.agendaNumber === null
      ? ''
      : ` ${input.letter.agendaNumber}/${input.letter.agendaYear}`;
  const { doc, fonts } = await newDocument(`Lembar Disposisi${agenda}`);
  let page = doc.addPage([A4.width, A4.height]);
  let y = drawLetterhead(page, fonts, { marginX: MARGIN });
  drawCentered(page, 'LEMBAR DISPOSISI', y, fonts.serifBold, 14);
  const titleWidth = fonts.serifBold.widthOfTextAtSize('LEMBAR DISPOSISI', 14);
  page.drawLine({
    start: { x: A4.width / 2 - titleWidth / 2, y: y - 3 },
    end: { x: A4.width / 2 + titleWidth / 2, y: y - 3 },
    thickness: 0.8,
    color: BLACK,
  });
  y -= 18;
  y = drawIdentity(page, fonts, input.letter, y) - 12;
  if (input.hops.length === 0) {
    page.drawText('Surat ini belum didisposisikan.', {
      x: MARGIN,
      y: y - 10,
      size: SIZE,
      font: fonts.sans,
      color: GREY,
    });
  }
  input.hops.forEach((hop, index) => {
    const needed = hopHeight(fonts, hop);
    if (y - needed < 45) {
      page = doc.addPage([A4.width, A4.height]);
      y = A4.height - MARGIN;
    }
    y = drawHop(page, fonts, hop, index, y) - 10;
  });
  drawPageFooters(
    doc,
    fonts,
    `Dicetak dari Lontar oleh ${input.generatedBy}, ${formatTanggalJam(input.generatedAt)}`,
  );
  return savePdf(doc);
}
