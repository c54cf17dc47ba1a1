import ExcelJS from 'exceljs';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { formatTanggal, MONTHS_ID, SECURITY_LABELS } from '../documents/format-id.ts';
import { renderTablePdf, type TableColumn } from '../documents/table-pdf.ts';
import { walkRegister } from './lists.service.ts';
import type { OutgoingLetter } from './outgoing.model.ts';
import type { ExportQuery } from './outgoing.schema.ts';
import { KIND_DEFINITIONS, type OutgoingKind } from './templates/kinds.ts';
import { csvRow } from '../../lib/csv.ts';

/** The buku agenda surat keluar as PDF, .xlsx or CSV (domain.md §3: nomor, tanggal, tujuan,
 * perihal, lampiran, tanggal kirim, cara kirim, keterangan), in signing order. */
export const MAX_EXPORT_ROWS = 20_000;

const COLUMNS: Array<TableColumn & { excelWidth: number }> = [
  { header: 'No.', weight: 0.5, align: 'center', excelWidth: 6 },
  { header: 'Nomor Surat', weight: 2.2, excelWidth: 28 },
  { header: 'Tanggal', weight: 1.3, excelWidth: 18 },
  { header: 'Tujuan', weight: 2.6, excelWidth: 40 },
  { header: 'Perihal', weight: 3.2, excelWidth: 50 },
  { header: 'Lampiran', weight: 1, excelWidth: 14 },
  { header: 'Tanggal Kirim', weight: 1.3, excelWidth: 18 },
  { header: 'Cara Kirim', weight: 1.3, excelWidth: 18 },
  { header: 'Keterangan', weight: 2, excelWidth: 34 },
];

export const METHOD_LABELS: Record<string, string> = {
  internal: 'Lontar (internal)',
  kurir: 'Kurir',
  pos: 'Pos',
  email: 'Pos-el',
  langsung: 'Diantar langsung',
};

function rowFor(letter: OutgoingLetter, index: number): string[] {
  const sent = letter.dispatches.filter((d) => d.status === 'sent');
  const methods = [...new Set(sent.map((d) => METHOD_LABELS[d.method] ?? d.method))].join(', ');
  const firstSent = sent.map((d) => d.sentAt).sort((a, b) => a.getTime() - b.getTime())[0];
  const remarks = [
    KIND_DEFINITIONS[letter.kind as OutgoingKind].label,
    letter.securityClass !== 'B' ? (SECURITY_LABELS[letter.securityClass] ?? '') : '',
    `ttd. ${letter.signature?.positionTitle ?? letter.signer.title}`,
    letter.status === 'signed' ? 'belum dikirim' : '',
  ]
    .filter(Boolean)
    .join('; ');
  return [
    String(index + 1),
    letter.number ?? '',
    letter.signedAt ? formatTanggal(letter.signedAt) : '',
    letter.recipients.map((r) => r.label).join('; '),
    letter.subject,
    letter.attachmentLabel || '-',
    firstSent ? formatTanggal(firstSent) : '',
    methods,
    remarks,
  ];
}

function periodLabel(query: ExportQuery): string {
  if (query.month) {
    const [y, m] = query.month.split('-').map(Number) as [number, number];
    return `Bulan ${MONTHS_ID[m - 1]} ${y}`;
  }
  if (query.from || query.to)
    return `Periode ${query.from ? formatTanggal(query.from) : 'awal'} s.d. ${query.to ? formatTanggal(query.to) : formatTanggal(now())}`;
  if (query.year) return `Tahun ${query.year}`;
  return 'Semua periode';
}

export async function exportOutgoingRegister(
  actor: Actor,
  query: ExportQuery,
): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  // The register's walk, newest first, one letter past the bound to know it was passed.
  const found = await walkRegister(actor, query, 0, MAX_EXPORT_ROWS + 1);
  if (found.items.length > MAX_EXPORT_ROWS) {
    throw new AppError(
      413,
      'PAYLOAD_TOO_LARGE',
      `Terlalu banyak surat (${found.total}) untuk satu ekspor; persempit filter (paling banyak ${MAX_EXPORT_ROWS}).`,
    );
  }
  const letters = found.items.reverse();
  const rows = letters.map(rowFor);
  const period = periodLabel(query);
  const stamp = (
    query.month ?? (query.year ? String(query.year) : now().toISOString().slice(0, 10))
  ).replace(/[^0-9-]/g, '');
  const base = `buku-agenda-surat-keluar-${stamp}`;
  const subtitle = `${query.unit ? `Unit ${query.unit} - ` : ''}${period}`;
  if (query.format === 'pdf') {
    const body = await renderTablePdf({
      title: 'BUKU AGENDA SURAT KELUAR',
      subtitle,
      columns: COLUMNS,
      rows,
      generatedAt: now(),
      generatedBy: actor.name,
    });
    return { body, contentType: 'application/pdf', fileName: `${base}.pdf` };
  }
  if (query.format === 'xlsx') {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Lontar';
    const sheet = workbook.addWorksheet('Surat Keluar', {
      pageSetup: {
        orientation: 'landscape',
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      },
    });
    sheet.addRow(['BUKU AGENDA SURAT KELUAR']).font = { bold: true, size: 14 };
    sheet.addRow([subtitle]);
    sheet.addRow([]);
    const header = sheet.addRow(COLUMNS.map((c) => c.header));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5EAF2' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    COLUMNS.forEach((c, i) => (sheet.getColumn(i + 1).width = c.excelWidth));
    rows.forEach((row, i) => {
      sheet.addRow([i + 1, ...row.slice(1)]).alignment = { vertical: 'top', wrapText: true };
    });
    sheet.views = [{ state: 'frozen', ySplit: 4 }];
    sheet.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4, column: COLUMNS.length } };
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    return {
      body,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName: `${base}.xlsx`,
    };
  }
  const lines = [COLUMNS.map((c) => c.header), ...rows].map((row) => csvRow(row));
  const body = Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
  return { body, contentType: 'text/csv; charset=utf-8', fileName: `${base}.csv` };
}
