import { rgb } from 'pdf-lib';
import {
  A4,
  BLACK,
  drawCentered,
  drawLetterhead,
  newDocument,
  pdfText,
  savePdf,
  wrapText,
} from './pdf-kit.ts';
import { formatAngka, formatTanggal, formatTanggalJam, URGENCY_LABELS } from './format-id.ts';

export interface ReceiptInput {
  agendaNumber: number;
  agendaYear: number;
  registerName: string;
  registeredAt: Date;
  receivedDate: string;
  senderName: string;
  letterNumber: string;
  letterDate: string;
  /** Already masked ("RAHASIA") by the caller when the reader may not see it. */
  subject: string;
  urgency: string;
  attachments: string;
  fileCount: number;
  pageCount: number | null;
  clerkName: string;
  /** Short reference printed for checking the receipt against the register. */
  reference: string;
}

/** Tanda terima surat for the courier: half an A4 sheet, so two fit on one page when
 * printed twice (one for the courier, one kept with the letter). */
export async function renderIncomingReceipt(input: ReceiptInput): Promise<Buffer> {
  const { doc, fonts } = await newDocument(
    `Tanda Terima Surat - Agenda ${input.agendaNumber}/${input.agendaYear}`,
  );
  const page = doc.addPage([A4.width, A4.height]);
  let y = drawLetterhead(page, fonts);
  drawCentered(page, 'TANDA TERIMA SURAT', y, fonts.serifBold, 13);
  y -= 16;
  drawCentered(
    page,
    `Nomor Agenda ${formatAngka(input.agendaNumber)}/${input.agendaYear} - ${input.registerName}`,
    y,
    fonts.serif,
    11,
  );
  y -= 26;

  const left = 60;
  const valueX = 190;
  const width = A4.width - valueX - 60;
  const rows: Array<[string, string]> = [
    ['Nomor agenda', `${formatAngka(input.agendaNumber)} / ${input.agendaYear}`],
    ['Diterima pada', formatTanggalJam(input.registeredAt)],
    ['Tanggal terima', formatTanggal(input.receivedDate)],
    ['Pengirim', input.senderName],
    ['Nomor surat', input.letterNumber],
    ['Tanggal surat', formatTanggal(input.letterDate)],
    ['Perihal', input.subject],
    ['Sifat', URGENCY_LABELS[input.urgency] ?? input.urgency],
    ['Lampiran', input.attachments || '-'],
    [
      'Berkas pindaian',
      `${input.fileCount} berkas${input.pageCount ? `, ${input.pageCount} halaman` : ''}`,
    ],
  ];
  for (const [label, value] of rows) {
    page.drawText(pdfText(label), { x: left, y, size: 10.5, font: fonts.serif, color: BLACK });
    page.drawText(':', { x: valueX - 10, y, size: 10.5, font: fonts.serif });
    const lines = wrapText(value, fonts.serif, 10.5, width);
    lines.forEach((line, i) =>
      page.drawText(line, {
        x: valueX,
        y: y - i * 13,
        size: 10.5,
        font: fonts.serif,
        color: BLACK,
      }),
    );
    y -= 13 * lines.length + 5;
  }

  y -= 10;
  const colLeft = 90;
  const colRight = 360;
  page.drawText('Yang menyerahkan,', { x: colLeft, y, size: 10.5, font: fonts.serif });
  page.drawText(pdfText(`Bandar Lampung, ${formatTanggal(input.registeredAt)}`), {
    x: colRight,
    y: y + 14,
    size: 10.5,
    font: fonts.serif,
  });
  page.drawText('Yang menerima,', { x: colRight, y, size: 10.5, font: fonts.serif });
  y -= 60;
  page.drawText('(..............................................)', {
    x: colLeft - 10,
    y,
    size: 10.5,
    font: fonts.serif,
  });
  const clerk = pdfText(input.clerkName);
  page.drawText(`( ${clerk} )`, { x: colRight, y, size: 10.5, font: fonts.serif });
  y -= 12;
  page.drawText('Nama dan tanda tangan kurir', {
    x: colLeft - 10,
    y,
    size: 8,
    font: fonts.sans,
    color: rgb(0.35, 0.35, 0.35),
  });
  page.drawText('Agendaris / Pencatat Surat', {
    x: colRight,
    y,
    size: 8,
    font: fonts.sans,
    color: rgb(0.35, 0.35, 0.35),
  });

  y -= 22;
  page.drawLine({
    start: { x: 40, y },
    end: { x: A4.width - 40, y },
    thickness: 0.5,
    dashArray: [4, 3],
    color: rgb(0.5, 0.5, 0.5),
  });
  page.drawText(
    pdfText(`Ref. ${input.reference} - simpan tanda terima ini sebagai bukti penyerahan surat.`),
    {
      x: 40,
      y: y - 12,
      size: 7.5,
      font: fonts.sans,
      color: rgb(0.35, 0.35, 0.35),
    },
  );
  return savePdf(doc);
}
