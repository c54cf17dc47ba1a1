import type { PDFPage } from 'pdf-lib';
import { formatAngka, formatTanggalJam } from '../documents/format-id.ts';
import {
  A4,
  BLACK,
  GREY,
  drawCentered,
  drawLetterhead,
  drawPageFooters,
  newDocument,
  pdfText,
  savePdf,
  wrapText,
} from '../documents/pdf-kit.ts';
import { hasData, type ChartSpec } from './reports.charts.ts';
import { renderChartPng } from './reports.render-chart.ts';
import type { Report } from './reports.service.ts';

const MARGIN = 50;
const BOTTOM = 48;
const WIDTH = A4.width - 2 * MARGIN;
const SIZE = 8.5;
const LINE = 11;

type Align = 'left' | 'right';
interface Column {
  header: string;
  weight: number;
  align?: Align;
}

const num = (value: number | null | undefined) =>
  value === null || value === undefined ? '-' : formatAngka(value);
const days = (value: number | null) =>
  value === null ? '-' : `${value.toLocaleString('id-ID', { maximumFractionDigits: 1 })} hari`;
const hours = (value: number | null) =>
  value === null ? '-' : `${value.toLocaleString('id-ID', { maximumFractionDigits: 1 })} jam`;

/**
 * The report as an A4 document in the product's letter style: the kop of the Sekretariat
 * Daerah, the title and period, then each section with its chart (the same ECharts options
 * as the screen, rendered server-side) and a table of the figures under it; page numbers
 * in the footer.
 */
export async function renderReportPdf(report: Report, generatedBy: string): Promise<Buffer> {
  const kind = report.period.kind === 'month' ? 'BULANAN' : 'TAHUNAN';
  const title = `LAPORAN ${kind} PERSURATAN DAN TINDAK LANJUT`;
  const { doc, fonts } = await newDocument(
    `${title} - ${report.unit.name} - ${report.period.label}`,
  );
  let page: PDFPage = doc.addPage([A4.width, A4.height]);
  let y = drawLetterhead(page, fonts);
  drawCentered(page, title, y, fonts.serifBold, 12);
  y -= 15;
  drawCentered(page, `${report.unit.name} - ${report.period.label}`, y, fonts.serif, 11);
  y -= 22;

  const ensure = (height: number) => {
    if (y - height >= BOTTOM) return;
    page = doc.addPage([A4.width, A4.height]);
    y = A4.height - MARGIN;
  };
  const text = (value: string, font = fonts.serif, size = 10, indent = 0) => {
    for (const line of wrapText(value, font, size, WIDTH - indent)) {
      ensure(size + 4);
      page.drawText(line, { x: MARGIN + indent, y, size, font, color: BLACK });
      y -= size + 4;
    }
  };
  const heading = (value: string) => {
    ensure(120); // a heading never ends a page alone
    y -= 6;
    text(value, fonts.serifBold, 11);
    y -= 2;
  };
  const chart = async (spec: ChartSpec | undefined, categories: number) => {
    if (!spec) return;
    if (!hasData(spec)) {
      text(`${spec.title}: tidak ada data pada periode ini.`, fonts.sans, 8.5);
      y -= 4;
      return;
    }
    const pxWidth = 660;
    const pxHeight = Math.min(420, Math.max(200, 70 + categories * 30));
    const png = renderChartPng(spec, { width: pxWidth, height: pxHeight });
    const height = (WIDTH * pxHeight) / pxWidth;
    ensure(height + 6);
    const image = await doc.embedPng(png);
    page.drawImage(image, { x: MARGIN, y: y - height, width: WIDTH, height });
    y -= height + 8;
  };
  const table = (columns: Column[], rows: string[][], footer?: string[]) => {
    const total = columns.reduce((s, c) => s + c.weight, 0);
    const widths = columns.map((c) => (WIDTH * c.weight) / total);
    const drawRow = (cells: string[], bold: boolean, shade: boolean) => {
      const font = bold ? fonts.sansBold : fonts.sans;
      const lines = cells.map((cell, i) => wrapText(cell, font, SIZE, widths[i]! - 6));
      const height = Math.max(...lines.map((l) => l.length)) * LINE + 4;
      ensure(height);
      if (shade)
        page.drawRectangle({
          x: MARGIN,
          y: y - height + 2,
          width: WIDTH,
          height,
          color: GREY,
          opacity: 0.12,
        });
      let x = MARGIN;
      lines.forEach((cellLines, i) => {
        cellLines.forEach((line, j) => {
          const w = font.widthOfTextAtSize(line, SIZE);
          const left = columns[i]!.align === 'right' ? x + widths[i]! - 3 - w : x + 3;
          page.drawText(line, { x: left, y: y - 8 - j * LINE, size: SIZE, font, color: BLACK });
        });
        x += widths[i]!;
      });
      y -= height;
      page.drawLine({
        start: { x: MARGIN, y: y + 2 },
        end: { x: MARGIN + WIDTH, y: y + 2 },
        thickness: 0.3,
        color: GREY,
      });
    };
    ensure(3 * LINE + 12); // the header keeps at least a row with it
    drawRow(
      columns.map((c) => c.header),
      true,
      true,
    );
    if (rows.length === 0)
      drawRow(['Tidak ada data.', ...columns.slice(1).map(() => '')], false, false);
    for (const row of rows) drawRow(row, false, false);
    if (footer) drawRow(footer, true, false);
    y -= 10;
  };
  const tallyTable = (label: string, tallies: Array<{ label: string; count: number }>) =>
    table(
      [
        { header: label, weight: 5 },
        { header: 'Jumlah', weight: 1.2, align: 'right' },
      ],
      tallies.map((t) => [t.label, num(t.count)]),
      ['Jumlah', num(tallies.reduce((s, t) => s + t.count, 0))],
    );
  const chartOf = (id: string) => report.charts.find((c) => c.id === id);

  // Summary
  const f = report.followUp.totals;
  text(
    `Pada ${report.period.label}, ${report.unit.name} menerima ${num(report.letters.received)} surat dan mengirim ${num(report.letters.sent)} surat. ` +
      `Dari ${num(f.received)} disposisi yang diterima, ${num(f.doneOnTime)} selesai tepat waktu, ${num(f.doneLate)} selesai terlambat, ` +
      `${num(f.openOverdue)} masih terbuka dan terlambat, ${num(f.openOnTrack)} masih terbuka dalam batas waktu.`,
  );
  y -= 6;

  heading('1. Surat masuk dan surat keluar');
  await chart(chartOf('letters-by-unit'), report.letters.byUnit.length * 2);
  table(
    [
      { header: 'Unit kerja', weight: 5 },
      { header: 'Surat masuk', weight: 1.3, align: 'right' },
      { header: 'Surat keluar', weight: 1.3, align: 'right' },
    ],
    report.letters.byUnit.map((r) => [r.name, num(r.received), num(r.sent)]),
    ['Jumlah', num(report.letters.received), num(report.letters.sent)],
  );
  tallyTable('Surat masuk menurut buku agenda', report.letters.incoming.byRegister);
  await chart(chartOf('incoming-by-sender'), report.letters.incoming.bySenderCategory.length);
  tallyTable('Surat masuk menurut asal pengirim', report.letters.incoming.bySenderCategory);
  await chart(
    chartOf('incoming-by-classification'),
    Math.min(10, report.letters.incoming.byClassification.length),
  );
  tallyTable(
    'Surat masuk menurut klasifikasi (kode pokok)',
    report.letters.incoming.byClassification,
  );
  await chart(chartOf('incoming-by-security'), 6);
  tallyTable('Surat masuk menurut sifat keamanan', report.letters.incoming.bySecurityClass);
  await chart(chartOf('incoming-by-channel'), report.letters.incoming.byChannel.length);
  tallyTable('Surat masuk menurut saluran penerimaan', report.letters.incoming.byChannel);
  tallyTable(
    'Surat keluar menurut kategori penerima (ditebak dari nama penerima)',
    report.letters.outgoing.byRecipientCategory,
  );
  tallyTable(
    'Surat keluar menurut klasifikasi (kode pokok)',
    report.letters.outgoing.byClassification,
  );
  tallyTable('Surat keluar menurut sifat keamanan', report.letters.outgoing.bySecurityClass);
  tallyTable('Surat keluar menurut cara pengiriman', report.letters.outgoing.byChannel);

  heading('2. Tindak lanjut disposisi');
  text(
    'Disposisi yang diterima unit pada periode ini. Terlambat: melewati batas waktu (sama dengan layar Pemantauan). Median: hari dari disposisi diterima sampai tindak lanjut pertama (laporan atau diteruskan).',
    fonts.sans,
    8,
  );
  y -= 2;
  await chart(chartOf('follow-up-by-unit'), report.followUp.rows.length);
  const followColumns: Column[] = [
    { header: 'Unit kerja', weight: 4 },
    { header: 'Diterima', weight: 1.1, align: 'right' },
    { header: 'Tepat waktu', weight: 1.2, align: 'right' },
    { header: 'Selesai terlambat', weight: 1.3, align: 'right' },
    { header: 'Terbuka terlambat', weight: 1.3, align: 'right' },
    { header: 'Terbuka', weight: 1.1, align: 'right' },
    { header: 'Median', weight: 1.3, align: 'right' },
  ];
  const followCells = (r: typeof f & { name: string }) => [
    r.name,
    num(r.received),
    num(r.doneOnTime),
    num(r.doneLate),
    num(r.openOverdue),
    num(r.openOnTrack),
    days(r.medianFollowUpDays),
  ];
  table(
    followColumns,
    report.followUp.rows.map(followCells),
    followCells({ ...f, name: 'Jumlah' }),
  );
  const mon = report.monitoring;
  text(
    `Keadaan pemantauan saat dicetak (${formatTanggalJam(new Date(mon.generatedAt))} WIB), semua disposisi yang belum selesai; median ${mon.windowDays} hari terakhir:`,
    fonts.sans,
    8,
  );
  y -= 2;
  table(
    [
      { header: 'Unit kerja', weight: 5 },
      { header: 'Terbuka', weight: 1.2, align: 'right' },
      { header: 'Terlambat', weight: 1.2, align: 'right' },
      { header: 'Median tindak lanjut', weight: 1.8, align: 'right' },
    ],
    mon.rows.map((r) => [r.name, num(r.open), num(r.overdue), hours(r.medianFollowUpHours)]),
    ['Jumlah', num(mon.open), num(mon.overdue), hours(mon.medianFollowUpHours)],
  );

  heading('3. Rapat koordinasi');
  const m = report.meetings;
  if (!m.available) text('Data rapat koordinasi belum tersedia.', fonts.sans, 9);
  else {
    text(
      `${num(m.held)} rapat diadakan; ${num(m.decisions.total)} keputusan: ${num(m.decisions.done)} selesai, ${num(m.decisions.late)} terlambat, ${num(m.decisions.open)} terbuka.`,
      fonts.serif,
      10,
    );
    y -= 2;
    await chart(chartOf('meeting-decisions'), 3);
    table(
      [
        { header: 'Unit penanggung jawab', weight: 5 },
        { header: 'Selesai', weight: 1.2, align: 'right' },
        { header: 'Terlambat', weight: 1.2, align: 'right' },
        { header: 'Terbuka', weight: 1.2, align: 'right' },
      ],
      m.byUnit.map((r) => [r.unitName, num(r.done), num(r.late), num(r.open)]),
      ['Jumlah', num(m.decisions.done), num(m.decisions.late), num(m.decisions.open)],
    );
  }

  heading('4. Kegiatan kearsipan');
  await chart(chartOf('archive-activity'), report.archive.length);
  table(
    [
      { header: 'Kegiatan', weight: 5 },
      { header: 'Jumlah', weight: 1.2, align: 'right' },
    ],
    report.archive.map((a) => [a.label, num(a.count)]),
  );

  drawPageFooters(
    doc,
    fonts,
    pdfText(
      `Laporan ${kind.toLowerCase()} ${report.unit.code} ${report.period.label} - dicetak ${formatTanggalJam(new Date(report.generatedAt))} oleh ${generatedBy}`,
    ),
  );
  return savePdf(doc);
}
