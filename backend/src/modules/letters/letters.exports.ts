import ExcelJS from 'exceljs';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import {
  formatTanggal,
  MONTHS_ID,
  SECURITY_LABELS,
  URGENCY_LABELS,
} from '../documents/format-id.ts';
import { renderTablePdf, type TableColumn } from '../documents/table-pdf.ts';
import type { IncomingLetter } from './letters.model.ts';
import { canReadLetterContent } from './letters.policy.ts';
import { RESTRICTED_SUBJECT } from './letters.presenter.ts';
import { collectLetters } from './letters.query.ts';
import type { ExportQuery } from './letters.schema.ts';
import { positionTitles } from './positions.ts';
import { registerNames } from './registers.service.ts';
import { csvRow } from '../../lib/csv.ts';

export const MAX_EXPORT_ROWS = 20_000;

const COLUMNS: Array<TableColumn & { key: string; excelWidth: number }> = [
  { key: 'agenda', header: 'No. Agenda', weight: 0.9, align: 'center', excelWidth: 11 },
  { key: 'received', header: 'Tanggal Terima', weight: 1.3, excelWidth: 18 },
  { key: 'sender', header: 'Pengirim', weight: 2.6, excelWidth: 40 },
  { key: 'number', header: 'Nomor Surat', weight: 2, excelWidth: 28 },
  { key: 'date', header: 'Tanggal Surat', weight: 1.3, excelWidth: 18 },
  { key: 'subject', header: 'Perihal', weight: 3.2, excelWidth: 50 },
  { key: 'attachments', header: 'Lampiran', weight: 1, excelWidth: 14 },
  { key: 'to', header: 'Diteruskan Kepada', weight: 1.8, excelWidth: 30 },
  { key: 'code', header: 'Kode Klasifikasi', weight: 1, excelWidth: 14 },
  { key: 'urgency', header: 'Sifat', weight: 1, excelWidth: 14 },
  { key: 'remarks', header: 'Keterangan', weight: 1.6, excelWidth: 30 },
];

export interface RegisterExport {
  body: Buffer;
  contentType: string;
  fileName: string;
}

/** Applies month (`2026-11`) and year shortcuts to the filters. */
function effectiveQuery(query: ExportQuery): ExportQuery {
  if (!query.month) return query;
  const [y, m] = query.month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return {
    ...query,
    from: `${query.month}-01`,
    to: `${query.month}-${String(last).padStart(2, '0')}`,
  };
}

function periodLabel(query: ExportQuery): string {
  if (query.month) {
    const [y, m] = query.month.split('-').map(Number) as [number, number];
    return `Bulan ${MONTHS_ID[m - 1]} ${y}`;
  }
  if (query.from || query.to) {
    return `Periode ${query.from ? formatTanggal(query.from) : 'awal'} s.d. ${query.to ? formatTanggal(query.to) : formatTanggal(now())}`;
  }
  if (query.year) return `Tahun ${query.year}`;
  return 'Semua periode';
}

async function rowsFor(actor: Actor, letters: IncomingLetter[]): Promise<string[][]> {
  const titles = await positionTitles(
    letters.flatMap((l) => [l.addresseePositionId, ...(l.copyPositionIds ?? [])]),
  );
  return letters.map((letter) => {
    const open = canReadLetterContent(actor, letter);
    const remarks = [
      // The reason is typed free text: for readers of the content and its author (security.md).
      letter.status === 'void'
        ? `DIBATALKAN${open || String(letter.voidedBy) === actor.userId ? `: ${letter.voidReason ?? ''}` : ''}`
        : '',
      letter.securityClass !== 'B' ? (SECURITY_LABELS[letter.securityClass] ?? '') : '',
      open && (letter.copyPositionIds ?? []).length
        ? `Tembusan: ${(letter.copyPositionIds ?? []).map((id) => titles.get(String(id)) ?? '').join(', ')}`
        : '',
    ]
      .filter(Boolean)
      .join('; ');
    return [
      `${letter.agendaNumber ?? ''}`,
      formatTanggal(letter.receivedDate),
      letter.senderName,
      open ? letter.letterNumber : '',
      open ? formatTanggal(letter.letterDate) : '',
      open ? letter.subject : RESTRICTED_SUBJECT,
      open
        ? [
            letter.attachmentCount ? `${letter.attachmentCount}` : '',
            letter.attachmentDescription ?? '',
          ]
            .filter(Boolean)
            .join(' ') || '-'
        : '',
      titles.get(String(letter.addresseePositionId)) ?? '',
      open ? letter.classificationCode : '',
      open ? (URGENCY_LABELS[letter.urgency] ?? letter.urgency) : '',
      remarks,
    ];
  });
}

/** The buku agenda for a filtered view, a month or a year, as PDF, .xlsx or CSV, in
 * agenda order. R/SR rows are masked exactly as in the register screen. */
export async function exportRegister(actor: Actor, raw: ExportQuery): Promise<RegisterExport> {
  const query = effectiveQuery(raw);
  // Read bucket by bucket (letters.query.ts) and whole: an export is the full view, so no
  // bounded scan; one letter past the limit tells that the view is too large.
  const { items: letters, total } = await collectLetters(
    actor,
    {
      ...query,
      sort: raw.sort === 'agenda' ? 'agenda' : raw.sort,
      order: raw.sort === 'agenda' ? 'asc' : raw.order,
    },
    { offset: 0, limit: MAX_EXPORT_ROWS + 1, sortWindow: MAX_EXPORT_ROWS + 1 },
  );
  if (letters.length > MAX_EXPORT_ROWS) {
    throw new AppError(
      413,
      'PAYLOAD_TOO_LARGE',
      `Terlalu banyak surat (${total}) untuk satu ekspor; persempit filter (paling banyak ${MAX_EXPORT_ROWS}).`,
    );
  }
  const rows = await rowsFor(actor, letters);
  const names = await registerNames();
  const registerLabel = query.register
    ? (names.get(query.register) ?? query.register)
    : 'Semua buku agenda';
  const period = periodLabel(raw);
  const stamp = (
    raw.month ?? (raw.year ? String(raw.year) : new Date().toISOString().slice(0, 10))
  ).replace(/[^0-9-]/g, '');
  const base = `buku-agenda-surat-masuk-${stamp}`;

  if (raw.format === 'pdf') {
    const body = await renderTablePdf({
      title: 'BUKU AGENDA SURAT MASUK',
      subtitle: `${registerLabel} - ${period}`,
      columns: COLUMNS,
      rows,
      generatedAt: now(),
      generatedBy: actor.name,
    });
    return { body, contentType: 'application/pdf', fileName: `${base}.pdf` };
  }
  if (raw.format === 'xlsx') {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Lontar';
    const sheet = workbook.addWorksheet('Buku Agenda', {
      pageSetup: {
        orientation: 'landscape',
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      },
    });
    sheet.addRow(['BUKU AGENDA SURAT MASUK']).font = { bold: true, size: 14 };
    sheet.addRow([`${registerLabel} - ${period}`]);
    sheet.addRow([]);
    const header = sheet.addRow(COLUMNS.map((c) => c.header));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5EAF2' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    COLUMNS.forEach((c, i) => (sheet.getColumn(i + 1).width = c.excelWidth));
    rows.forEach((row, i) => {
      const letter = letters[i]!;
      sheet.addRow([letter.agendaNumber ?? null, ...row.slice(1)]).alignment = {
        vertical: 'top',
        wrapText: true,
      };
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
  // BOM so spreadsheet programs open the UTF-8 text with the right characters.
  const body = Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
  return { body, contentType: 'text/csv; charset=utf-8', fileName: `${base}.csv` };
}
