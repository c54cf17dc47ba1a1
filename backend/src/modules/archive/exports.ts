import ExcelJS from 'exceljs';
import type { Actor } from '../../http/actor.ts';
import { AppError, forbidden } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { UnitModel, type Unit } from '../org/org.model.ts';
import { canReadBerkas, requireSee } from './archive.policy.ts';
import { boxesById } from './archive.presenter.ts';
import { walkBerkas } from './berkas.list.ts';
import { itemsOf } from './berkas.items.service.ts';
import { loadBerkas } from './berkas.service.ts';
import { berkasLabel } from './loans.service.ts';
import {
  DAFTAR_BERKAS_COLUMNS,
  DAFTAR_ISI_COLUMNS,
  daftarBerkasCells,
  daftarIsiCells,
  renderDaftarBerkasPdf,
  renderDaftarIsiPdf,
  STATUS_LABELS,
} from './pdf/lists.ts';

export interface ExportResult {
  body: Buffer;
  contentType: string;
  fileName: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_ROWS = 20_000;

async function workbook(
  sheetName: string,
  title: string,
  subtitle: string,
  columns: Array<{ header: string; excelWidth: number }>,
  rows: string[][],
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Lontar';
  const sheet = book.addWorksheet(sheetName, {
    pageSetup: {
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([subtitle]);
  sheet.addRow([]);
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5EAF2' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.excelWidth));
  for (const row of rows) sheet.addRow(row).alignment = { vertical: 'top', wrapText: true };
  sheet.views = [{ state: 'frozen', ySplit: 4 }];
  sheet.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4, column: columns.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Daftar berkas of a unit (and below) and/or a year, as the actor may see it. */
export async function exportDaftarBerkas(
  actor: Actor,
  query: {
    format: 'pdf' | 'xlsx';
    unitId?: string | undefined;
    year?: number | undefined;
    status?: string | undefined;
  },
): Promise<ExportResult> {
  let unit: Unit | null = null;
  if (query.unitId) unit = await UnitModel.findById(query.unitId).lean<Unit>();
  // The list's walk, one berkas past the bound to know it was passed.
  const found = await walkBerkas(
    actor,
    { unitId: query.unitId, year: query.year, status: query.status },
    0,
    MAX_ROWS + 1,
    'Anda tidak berwenang mencetak daftar berkas.',
  );
  if (found.items.length > MAX_ROWS)
    throw new AppError(
      413,
      'PAYLOAD_TOO_LARGE',
      `Terlalu banyak berkas (${found.total}) untuk satu daftar; persempit pilihan.`,
    );
  const list = found.items.sort(
    (a, b) =>
      a.unitCode.localeCompare(b.unitCode) || a.year - b.year || (a.number ?? 0) - (b.number ?? 0),
  );
  const boxes = await boxesById(list);
  const rows = list.map((berkas) => {
    const box = berkas.boxId ? boxes.get(String(berkas.boxId)) : undefined;
    return {
      berkas,
      readable: canReadBerkas(actor, berkas),
      location: box ? `${box.code}${berkas.folder ? `, map ${berkas.folder}` : ''}` : '',
    };
  });
  const subtitle = [
    unit ? unit.name : 'Semua unit kerja',
    query.year ? `Tahun ${query.year}` : 'Semua tahun',
    query.status ? (STATUS_LABELS[query.status] ?? 'Arsip aktif') : '',
  ]
    .filter(Boolean)
    .join(' - ');
  const base =
    `daftar-berkas${unit ? `-${unit.code}` : ''}${query.year ? `-${query.year}` : ''}`.replace(
      /[^A-Za-z0-9.-]+/g,
      '-',
    );
  if (query.format === 'pdf') {
    return {
      body: await renderDaftarBerkasPdf(rows, subtitle, actor.name, now()),
      contentType: 'application/pdf',
      fileName: `${base}.pdf`,
    };
  }
  return {
    body: await workbook(
      'Daftar Berkas',
      'DAFTAR BERKAS',
      subtitle,
      DAFTAR_BERKAS_COLUMNS,
      daftarBerkasCells(rows),
    ),
    contentType: XLSX,
    fileName: `${base}.xlsx`,
  };
}

/** Daftar isi berkas: the letters in one berkas. Needs content access to the berkas. */
export async function exportDaftarIsi(
  actor: Actor,
  id: string,
  format: 'pdf' | 'xlsx',
): Promise<ExportResult> {
  const berkas = await loadBerkas(id);
  requireSee(actor, berkas);
  if (!canReadBerkas(actor, berkas))
    throw forbidden(
      `Daftar isi berkas berklasifikasi ${berkas.securityClass} tidak dapat Anda buka.`,
    );
  const items = await itemsOf(berkas._id);
  const base = `daftar-isi-berkas-${berkasLabel(berkas)}`.replace(/[^A-Za-z0-9.-]+/g, '-');
  if (format === 'pdf')
    return {
      body: await renderDaftarIsiPdf(berkas, items, actor.name, now()),
      contentType: 'application/pdf',
      fileName: `${base}.pdf`,
    };
  return {
    body: await workbook(
      'Daftar Isi Berkas',
      'DAFTAR ISI BERKAS',
      `Berkas ${berkasLabel(berkas)} - ${berkas.classificationCode} ${berkas.title} - ${berkas.unitName}`,
      DAFTAR_ISI_COLUMNS,
      daftarIsiCells(items),
    ),
    contentType: XLSX,
    fileName: `${base}.xlsx`,
  };
}
