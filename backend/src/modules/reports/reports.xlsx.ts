import ExcelJS from 'exceljs';
import type { Report } from './reports.service.ts';

type Cell = string | number | Date | null;

/** One sheet per section, headers in Indonesian, numbers as numbers and the period's and
 * printing's instants as dates (shown in Jakarta time: Excel has no zones, so the cell
 * holds the Jakarta wall-clock time). */
export async function renderReportXlsx(report: Report, generatedBy: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Lontar';
  book.created = new Date(report.generatedAt);
  const jakarta = (iso: string) => new Date(new Date(iso).getTime() + 7 * 3_600_000);

  const sheet = (
    name: string,
    title: string,
    columns: Array<{ header: string; width: number; format?: string }>,
    rows: Cell[][],
  ) => {
    const ws = book.addWorksheet(name, {
      pageSetup: {
        orientation: 'landscape',
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      },
    });
    ws.addRow([title]).font = { bold: true, size: 13 };
    ws.addRow([`${report.unit.name} - ${report.period.label}`]);
    ws.addRow([]);
    const header = ws.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5EAF2' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    columns.forEach((c, i) => {
      const column = ws.getColumn(i + 1);
      column.width = c.width;
      if (c.format) column.numFmt = c.format;
    });
    for (const row of rows) ws.addRow(row);
    ws.views = [{ state: 'frozen', ySplit: 4 }];
    return ws;
  };
  const tallyRows = (section: string, tallies: Array<{ label: string; count: number }>): Cell[][] =>
    tallies.map((t) => [section, t.label, t.count]);
  const tallyColumns = [
    { header: 'Rincian', width: 28 },
    { header: 'Kategori', width: 44 },
    { header: 'Jumlah', width: 12, format: '#,##0' },
  ];

  sheet(
    'Ringkasan',
    'LAPORAN PERSURATAN DAN TINDAK LANJUT',
    [
      { header: 'Keterangan', width: 48 },
      { header: 'Nilai', width: 22 },
    ],
    [
      ['Unit kerja', report.unit.name],
      ['Periode', report.period.label],
      ['Awal periode', jakarta(report.period.from)],
      ['Akhir periode (tidak termasuk)', jakarta(report.period.to)],
      ['Surat masuk', report.letters.received],
      ['Surat keluar', report.letters.sent],
      ['Disposisi diterima', report.followUp.totals.received],
      ['Selesai tepat waktu', report.followUp.totals.doneOnTime],
      ['Selesai terlambat', report.followUp.totals.doneLate],
      ['Terbuka, terlambat', report.followUp.totals.openOverdue],
      ['Terbuka, dalam batas waktu', report.followUp.totals.openOnTrack],
      ['Median hari sampai tindak lanjut', report.followUp.totals.medianFollowUpDays],
      ['Rapat koordinasi diadakan', report.meetings.available ? report.meetings.held : null],
      ['Dicetak pada', jakarta(report.generatedAt)],
      ['Dicetak oleh', generatedBy],
    ],
  ).eachRow((row) => {
    const value = row.getCell(2);
    if (value.value instanceof Date) value.numFmt = 'dd/mm/yyyy hh:mm';
  });

  sheet('Surat masuk', 'SURAT MASUK', tallyColumns, [
    ...tallyRows('Buku agenda', report.letters.incoming.byRegister),
    ...tallyRows('Asal pengirim', report.letters.incoming.bySenderCategory),
    ...tallyRows('Klasifikasi (kode pokok)', report.letters.incoming.byClassification),
    ...tallyRows('Sifat keamanan', report.letters.incoming.bySecurityClass),
    ...tallyRows('Saluran penerimaan', report.letters.incoming.byChannel),
  ]);
  sheet('Surat keluar', 'SURAT KELUAR (DITANDATANGANI)', tallyColumns, [
    ...tallyRows('Kategori penerima (dari nama)', report.letters.outgoing.byRecipientCategory),
    ...tallyRows('Klasifikasi (kode pokok)', report.letters.outgoing.byClassification),
    ...tallyRows('Sifat keamanan', report.letters.outgoing.bySecurityClass),
    ...tallyRows('Cara pengiriman', report.letters.outgoing.byChannel),
  ]);
  sheet(
    'Per unit',
    'SURAT PER UNIT KERJA',
    [
      { header: 'Unit kerja', width: 48 },
      { header: 'Surat masuk', width: 14, format: '#,##0' },
      { header: 'Surat keluar', width: 14, format: '#,##0' },
    ],
    report.letters.byUnit.map((r) => [r.name, r.received, r.sent]),
  );
  const f = report.followUp;
  sheet(
    'Tindak lanjut',
    'TINDAK LANJUT DISPOSISI',
    [
      { header: 'Unit kerja', width: 44 },
      { header: 'Diterima', width: 11, format: '#,##0' },
      { header: 'Selesai tepat waktu', width: 14, format: '#,##0' },
      { header: 'Selesai terlambat', width: 14, format: '#,##0' },
      { header: 'Terbuka, terlambat', width: 14, format: '#,##0' },
      { header: 'Terbuka, dalam batas waktu', width: 16, format: '#,##0' },
      { header: 'Dibatalkan/dikembalikan', width: 16, format: '#,##0' },
      { header: 'Median hari tindak lanjut', width: 16, format: '0.0' },
    ],
    [...f.rows, { ...f.totals, name: `Jumlah ${report.unit.name}` }].map((r) => [
      r.name,
      r.received,
      r.doneOnTime,
      r.doneLate,
      r.openOverdue,
      r.openOnTrack,
      r.withdrawn,
      r.medianFollowUpDays,
    ]),
  );
  sheet(
    'Pemantauan',
    `PEMANTAUAN DISPOSISI SAAT DICETAK (median ${report.monitoring.windowDays} hari terakhir)`,
    [
      { header: 'Unit kerja', width: 44 },
      { header: 'Terbuka', width: 11, format: '#,##0' },
      { header: 'Terlambat', width: 11, format: '#,##0' },
      { header: 'Median jam tindak lanjut', width: 16, format: '0.0' },
    ],
    [
      ...report.monitoring.rows.map((r) => [r.name, r.open, r.overdue, r.medianFollowUpHours]),
      [
        `Jumlah ${report.unit.name}`,
        report.monitoring.open,
        report.monitoring.overdue,
        report.monitoring.medianFollowUpHours,
      ],
    ],
  );
  const m = report.meetings;
  sheet(
    'Rapat',
    'RAPAT KOORDINASI DAN KEPUTUSANNYA',
    [
      { header: 'Unit kerja penanggung jawab', width: 44 },
      { header: 'Keputusan selesai', width: 14, format: '#,##0' },
      { header: 'Keputusan terlambat', width: 14, format: '#,##0' },
      { header: 'Keputusan terbuka', width: 14, format: '#,##0' },
    ],
    m.available
      ? [
          ...m.byUnit.map((r) => [r.unitName, r.done, r.late, r.open]),
          [
            `Jumlah (${m.held} rapat diadakan)`,
            m.decisions.done,
            m.decisions.late,
            m.decisions.open,
          ],
        ]
      : [['Data rapat belum tersedia', null, null, null]],
  );
  sheet(
    'Kearsipan',
    'KEGIATAN KEARSIPAN',
    [
      { header: 'Kegiatan', width: 48 },
      { header: 'Jumlah', width: 12, format: '#,##0' },
    ],
    report.archive.map((a) => [a.label, a.count]),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
