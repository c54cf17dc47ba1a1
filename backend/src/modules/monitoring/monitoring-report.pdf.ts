import { PDFDocument } from 'pdf-lib';
import { formatAngka, formatTanggal } from '../documents/format-id.ts';
import { renderTablePdf } from '../documents/table-pdf.ts';
import type { MonitoringOverview } from './monitoring.service.ts';

const STATUS: Record<string, string> = {
  terkirim: 'Belum dibaca',
  dibaca: 'Dibaca',
  diproses: 'Diproses',
};

export function formatHours(hours: number | null): string {
  if (hours === null) return '-';
  if (hours < 1) return `${formatAngka(Math.max(1, Math.round(hours * 60)))} menit`;
  if (hours < 24) return `${formatAngka(Math.round(hours))} jam`;
  return `${(hours / 24).toLocaleString('id-ID', { maximumFractionDigits: 1 })} hari`;
}

/** The monitoring view as a printable report: the per-unit table, then every open item. */
export async function renderMonitoringPdf(
  overview: MonitoringOverview,
  generatedBy: string,
): Promise<Buffer> {
  const generatedAt = new Date(overview.generatedAt);
  const subtitle = `${overview.unit.name} - keadaan ${formatTanggal(generatedAt)}; median tindak lanjut ${overview.windowDays} hari terakhir`;
  const summary = await renderTablePdf({
    title: 'PEMANTAUAN DISPOSISI PER UNIT KERJA',
    subtitle,
    columns: [
      { header: 'Unit kerja', weight: 5 },
      { header: 'Terbuka', weight: 1.2, align: 'right' },
      { header: 'Terlambat', weight: 1.2, align: 'right' },
      { header: 'Tertua terbuka', weight: 2.2 },
      { header: 'Median tindak lanjut', weight: 1.8, align: 'right' },
    ],
    rows: [...overview.rows, { ...overview.totals, name: `Jumlah ${overview.unit.name}` }].map(
      (row) => [
        row.self ? `${row.name} (langsung)` : row.name,
        formatAngka(row.open),
        formatAngka(row.overdue),
        row.oldestOpenSince
          ? `${formatTanggal(new Date(row.oldestOpenSince))} (${formatAngka(row.oldestOpenDays ?? 0)} hari)`
          : '-',
        formatHours(row.medianFollowUpHours),
      ],
    ),
    generatedAt,
    generatedBy,
    emptyText: 'Tidak ada unit kerja di bawah unit ini.',
  });
  const items = await renderTablePdf({
    title: 'DISPOSISI YANG BELUM SELESAI',
    subtitle: `${overview.unit.name}${overview.itemsTruncated ? ' (300 tertua/terlambat pertama)' : ''}`,
    columns: [
      { header: 'Agenda', weight: 0.9, align: 'right' },
      { header: 'Perihal', weight: 4 },
      { header: 'Dipegang oleh', weight: 3.2 },
      { header: 'Dari', weight: 2.2 },
      { header: 'Status', weight: 1.2 },
      { header: 'Diterima', weight: 1.6 },
      { header: 'Batas waktu', weight: 1.6 },
      { header: 'Terlambat', weight: 1, align: 'right' },
    ],
    rows: overview.items.map((item) => [
      item.agendaNumber === null ? '-' : formatAngka(item.agendaNumber),
      item.subject,
      `${item.positionTitle}${item.holders.length ? ` - ${item.holders.join(', ')}` : ''}`,
      item.fromTitle,
      STATUS[item.status] ?? item.status,
      `${formatTanggal(new Date(item.sentAt))} (${formatAngka(item.ageDays)} hari)`,
      formatTanggal(item.dueDate),
      item.overdue ? `${formatAngka(item.daysLate)} hari` : '-',
    ]),
    generatedAt,
    generatedBy,
    emptyText: 'Tidak ada disposisi yang belum selesai.',
  });
  const merged = await PDFDocument.load(summary);
  const second = await PDFDocument.load(items);
  for (const page of await merged.copyPages(second, second.getPageIndices())) merged.addPage(page);
  return Buffer.from(await merged.save());
}
