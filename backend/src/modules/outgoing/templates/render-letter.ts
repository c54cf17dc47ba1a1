import { PDFDocument, rgb } from 'pdf-lib';
import type { Body, Run } from './body-model.ts';
import { renderBlocks } from './blocks.ts';
import { blankDayDateId, formatDateId } from './dates.ts';
import { kindDefinition, type OutgoingKind } from './kinds.ts';
import { drawLetterhead, SETDA_LETTERHEAD, type Letterhead } from './letterhead.ts';
import {
  BODY_SIZE,
  CONTENT_WIDTH,
  GEOMETRY,
  LINE_HEIGHT,
  PageWriter,
  baselineBelow,
} from './page-writer.ts';
import { drawQrCode } from './qr.ts';
import { embedFonts, layoutRuns } from './text.ts';

/** Everything printed on a letter. The service builds it from the draft (preview) or from
 * the frozen signed state (final); the renderer holds no business rules. */
export interface LetterRenderData {
  kind: OutgoingKind;
  /** The number, or the pattern with a blank sequence in a preview. */
  number: string;
  /** Tanggal surat; null in a preview (the day is left blank until signing). */
  date: Date | null;
  /** Month and year shown in a preview's blank date. */
  draftDate: Date;
  place: string;
  urgency: string;
  securityLabel: string | null;
  attachment: string | null;
  subject: string;
  /** "Yth." lines, one per recipient. */
  recipients: string[];
  /** "di" + place under the addressee (letters), e.g. "Tempat". */
  recipientPlace: string | null;
  /** Nota Dinas "Dari". */
  from: string | null;
  body: Body;
  signature: SignatureBlock;
  carbonCopies: string[];
  letterhead?: Letterhead;
  /** Present on the final letter: the QR code and the verification notice. */
  verification?: { code: string; url: string };
  /** Set for previews: "KONSEP" across every page. */
  watermark?: string;
}

export interface SignatureBlock {
  /** "a.n. SEKRETARIS DAERAH PROVINSI LAMPUNG", "ASISTEN ADMINISTRASI UMUM,", ... */
  headingLines: string[];
  name: string;
  /** "Pembina Utama Muda (IV/c)". */
  rank: string | null;
  nip: string | null;
}

/** Renders a letter to PDF bytes. Deterministic for the same data and `producedAt`: the
 * final letter can be rendered again after a crash and give the same bytes. */
export async function renderLetterPdf(
  data: LetterRenderData,
  producedAt: Date,
): Promise<Uint8Array> {
  const definition = kindDefinition(data.kind);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`${definition.label}: ${data.subject}`);
  doc.setProducer('Lontar');
  doc.setCreator('Lontar — Sekretariat Daerah Provinsi Lampung');
  doc.setCreationDate(producedAt);
  doc.setModificationDate(producedAt);
  const fonts = await embedFonts(doc);
  const footer = data.verification
    ? `Dokumen ini ditandatangani secara elektronik menggunakan kode verifikasi ${data.verification.code}. ` +
      `Keaslian dokumen dapat diperiksa di ${data.verification.url}`
    : undefined;
  const writer = new PageWriter(doc, fonts, { watermark: data.watermark, footer });
  drawLetterhead(writer, data.letterhead ?? SETDA_LETTERHEAD);

  const dateText = data.date ? formatDateId(data.date) : blankDayDateId(data.draftDate);
  if (definition.layout === 'letter') writeLetterHeader(writer, data, dateText);
  else if (definition.layout === 'memo') writeMemoHeader(writer, data, dateText);
  else writeTitledHeader(writer, data);

  renderBlocks(writer, data.body);
  writeSignature(writer, data, dateText);
  if (definition.layout !== 'memo') writeCarbonCopies(writer, data.carbonCopies);
  writer.finish();
  return doc.save({ useObjectStreams: false });
}

const LABEL_WIDTH = 62;
const HALF = GEOMETRY.left + CONTENT_WIDTH * 0.52;

/** "Label : value" rows with the value wrapped in its own column. */
function labelRows(
  writer: PageWriter,
  rows: Array<[string, string]>,
  x: number,
  width: number,
  labelWidth = LABEL_WIDTH,
): void {
  for (const [label, value] of rows) {
    const top = writer.y;
    writer.ensure(LINE_HEIGHT);
    writer.page.drawText(label, {
      x,
      y: baselineBelow(writer.y),
      size: BODY_SIZE,
      font: writer.fonts.regular,
    });
    writer.page.drawText(':', {
      x: x + labelWidth,
      y: baselineBelow(writer.y),
      size: BODY_SIZE,
      font: writer.fonts.regular,
    });
    writer.text([{ text: value || '-' }], { x: x + labelWidth + 9, width: width - labelWidth - 9 });
    if (writer.y === top) writer.space(LINE_HEIGHT);
  }
}

function writeLetterHeader(writer: PageWriter, data: LetterRenderData, dateText: string): void {
  const start = writer.y;
  writer.text([{ text: `${data.place}, ${dateText}` }], {
    x: HALF,
    width: GEOMETRY.width - GEOMETRY.right - HALF,
  });
  writer.y = start;
  const rows: Array<[string, string]> = [
    ['Nomor', data.number],
    ['Sifat', [data.urgency, data.securityLabel].filter(Boolean).join(' / ')],
    ['Lampiran', data.attachment ?? '-'],
    ['Hal', data.subject],
  ];
  writer.space(LINE_HEIGHT + 6);
  labelRows(writer, rows, GEOMETRY.left, HALF - GEOMETRY.left - 12);
  writer.space(LINE_HEIGHT);
  writeAddressees(writer, data, HALF, GEOMETRY.width - GEOMETRY.right - HALF);
  writer.space(LINE_HEIGHT);
}

function writeAddressees(
  writer: PageWriter,
  data: LetterRenderData,
  x: number,
  width: number,
): void {
  const yth = 'Yth. ';
  const ythWidth = writer.fonts.regular.widthOfTextAtSize(yth, BODY_SIZE);
  if (data.recipients.length <= 1) {
    writer.text([{ text: yth + (data.recipients[0] ?? '') }], { x, width });
  } else {
    writer.text([{ text: 'Yth.' }], { x, width });
    data.recipients.forEach((recipient, i) => {
      writer.ensure(LINE_HEIGHT);
      writer.page.drawText(`${i + 1}.`, {
        x,
        y: baselineBelow(writer.y),
        size: BODY_SIZE,
        font: writer.fonts.regular,
      });
      writer.text([{ text: recipient }], { x: x + 18, width: width - 18 });
    });
  }
  if (data.recipientPlace) {
    const indent = data.recipients.length <= 1 ? ythWidth : 18;
    writer.text([{ text: 'di' }], { x: x + indent, width: width - indent });
    writer.text([{ text: data.recipientPlace }], {
      x: x + indent + 14,
      width: width - indent - 14,
    });
  }
}

function writeMemoHeader(writer: PageWriter, data: LetterRenderData, dateText: string): void {
  const definition = kindDefinition(data.kind);
  centredTitle(writer, definition.title ?? definition.label.toUpperCase(), 14, true);
  writer.space(10);
  const rows: Array<[string, string]> = [
    ['Yth.', data.recipients.join('; ')],
    ['Dari', data.from ?? ''],
    ...(data.carbonCopies.length > 0
      ? [['Tembusan', data.carbonCopies.join('; ')] as [string, string]]
      : []),
    ['Tanggal', dateText],
    ['Nomor', data.number],
    ['Sifat', [data.urgency, data.securityLabel].filter(Boolean).join(' / ')],
    ['Lampiran', data.attachment ?? '-'],
    ['Hal', data.subject],
  ];
  labelRows(writer, rows, GEOMETRY.left, CONTENT_WIDTH, 70);
  writer.space(6);
  writer.page.drawLine({
    start: { x: GEOMETRY.left, y: writer.y },
    end: { x: GEOMETRY.width - GEOMETRY.right, y: writer.y },
    thickness: 1,
  });
  writer.space(LINE_HEIGHT);
}

function writeTitledHeader(writer: PageWriter, data: LetterRenderData): void {
  const definition = kindDefinition(data.kind);
  centredTitle(writer, definition.title ?? definition.label.toUpperCase(), 14, true);
  centredTitle(writer, `NOMOR ${data.number}`, BODY_SIZE, false);
  if (definition.subjectUnderTitle) {
    writer.space(4);
    centredTitle(writer, 'TENTANG', BODY_SIZE, false);
    centredTitle(writer, data.subject.toUpperCase(), BODY_SIZE, true);
  }
  writer.space(LINE_HEIGHT);
  if (definition.addresseeAboveBody && data.recipients.length > 0) {
    writeAddressees(writer, data, GEOMETRY.left, CONTENT_WIDTH);
    writer.space(LINE_HEIGHT * 0.6);
  }
}

function centredTitle(writer: PageWriter, text: string, size: number, bold: boolean): void {
  const runs: Run[] = [{ text, bold }];
  writer.text(runs, { size, lineHeight: size + 4, align: 'center' });
}

const SIGNATURE_X = GEOMETRY.left + CONTENT_WIDTH * 0.36;
const SIGNATURE_WIDTH = GEOMETRY.width - GEOMETRY.right - SIGNATURE_X;
const SIGN_SPACE = 74;

function writeSignature(writer: PageWriter, data: LetterRenderData, dateText: string): void {
  const definition = kindDefinition(data.kind);
  const centred = (runs: Run[]) =>
    writer.text(runs, { x: SIGNATURE_X, width: SIGNATURE_WIDTH, align: 'center' });
  const dateLines: string[] = definition.enacted
    ? [`Ditetapkan di ${data.place}`, `pada tanggal ${dateText}`]
    : definition.layout === 'titled'
      ? [`${data.place}, ${dateText}`]
      : [];
  const headingLines = layoutRuns(
    data.signature.headingLines.map((line, i) => ({ text: i === 0 ? line : `\n${line}` })),
    writer.fonts,
    BODY_SIZE,
    SIGNATURE_WIDTH,
  ).length;
  // Keep the whole block on one page with at least the last lines of the body above it.
  writer.space(LINE_HEIGHT);
  writer.ensure((dateLines.length + headingLines + 3) * LINE_HEIGHT + SIGN_SPACE);
  for (const line of dateLines) centred([{ text: line }]);
  if (dateLines.length > 0) writer.space(4);
  for (const line of data.signature.headingLines) centred([{ text: line }]);
  const top = writer.y;
  const qrSize = 62;
  const centreX = SIGNATURE_X + SIGNATURE_WIDTH / 2;
  if (data.verification) {
    drawQrCode(
      writer.page,
      data.verification.url,
      centreX - qrSize / 2 - 48,
      top - qrSize - 4,
      qrSize,
    );
    const note = ['Ditandatangani', 'secara elektronik', `Kode: ${data.verification.code}`];
    note.forEach((line, i) => {
      writer.page.drawText(line, {
        x: centreX - 48 + qrSize / 2 + 6,
        y: top - 22 - i * 10,
        size: 8,
        font: i === 2 ? writer.fonts.bold : writer.fonts.regular,
      });
    });
  } else {
    writer.page.drawRectangle({
      x: centreX - 92,
      y: top - SIGN_SPACE + 6,
      width: 184,
      height: SIGN_SPACE - 12,
      borderColor: rgb(0.55, 0.55, 0.55),
      borderWidth: 0.6,
      borderDashArray: [3, 3],
    });
    ['Tanda tangan elektronik dan', 'kode verifikasi dibubuhkan', 'saat penandatanganan'].forEach(
      (line, i) => {
        const width = writer.fonts.italic.widthOfTextAtSize(line, 8.5);
        writer.page.drawText(line, {
          x: centreX - width / 2,
          y: top - 26 - i * 11,
          size: 8.5,
          font: writer.fonts.italic,
          color: rgb(0.4, 0.4, 0.4),
        });
      },
    );
  }
  writer.y = top - SIGN_SPACE;
  centred([{ text: data.signature.name, bold: true, underline: true }]);
  if (data.signature.rank) centred([{ text: data.signature.rank }]);
  if (data.signature.nip) centred([{ text: `NIP ${data.signature.nip}` }]);
}

function writeCarbonCopies(writer: PageWriter, copies: string[]): void {
  if (copies.length === 0) return;
  writer.space(LINE_HEIGHT);
  writer.ensure(LINE_HEIGHT * 2);
  writer.text([{ text: 'Tembusan:' }]);
  copies.forEach((copy, i) => {
    writer.ensure(LINE_HEIGHT);
    const marker = copies.length > 1 ? `${i + 1}.` : '';
    if (marker)
      writer.page.drawText(marker, {
        x: GEOMETRY.left,
        y: baselineBelow(writer.y),
        size: BODY_SIZE,
        font: writer.fonts.regular,
      });
    const last = i === copies.length - 1;
    writer.text([{ text: `${copy}${last ? '.' : ';'}` }], {
      x: GEOMETRY.left + (marker ? 18 : 0),
      width: CONTENT_WIDTH - 18,
    });
  });
}
