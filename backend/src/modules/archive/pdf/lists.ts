import { formatAngka, formatTanggal, SECURITY_LABELS } from '../../documents/format-id.ts';
import { renderTablePdf, type TableColumn } from '../../documents/table-pdf.ts';
import type { Berkas, BerkasItem } from '../berkas.model.ts';
import { berkasLabel } from '../loans.service.ts';
import type { Proposal } from '../proposals.model.ts';
import { DISPOSITION_LABELS } from '../retention.seed-data.ts';
import { beritaAcaraNumber, KIND_TITLES } from './berita-acara.ts';

export const STATUS_LABELS: Record<string, string> = {
  open: 'Terbuka',
  closed: 'Aktif (tertutup)',
  inactive: 'Inaktif',
  disposed: 'Dimusnahkan',
  handed_over: 'Diserahkan',
};

export const ITEM_TYPE_LABELS: Record<string, string> = {
  incoming: 'Surat masuk',
  outgoing: 'Surat keluar',
  imported: 'Surat lama (impor)',
};

export function periodText(
  start: string | null | undefined,
  end: string | null | undefined,
): string {
  if (!start) return '-';
  if (!end || start === end) return formatTanggal(start);
  return `${formatTanggal(start)} s.d. ${formatTanggal(end)}`;
}

export function retentionText(berkas: Pick<Berkas, 'retention' | 'finalDisposition'>): string {
  if (!berkas.retention) return '-';
  const final =
    DISPOSITION_LABELS[
      (berkas.finalDisposition ??
        berkas.retention.finalDisposition) as keyof typeof DISPOSITION_LABELS
    ];
  return `${berkas.retention.activeYears} + ${berkas.retention.inactiveYears} th, ${final}`;
}

/** A row of the daftar berkas; titles of berkas the reader may not open are withheld. */
export interface DaftarBerkasRow {
  berkas: Berkas;
  readable: boolean;
  location: string;
}

export const DAFTAR_BERKAS_COLUMNS: Array<TableColumn & { excelWidth: number }> = [
  { header: 'No.', weight: 0.5, align: 'center', excelWidth: 6 },
  { header: 'Nomor Berkas', weight: 1.3, excelWidth: 16 },
  { header: 'Kode Klasifikasi', weight: 1, excelWidth: 14 },
  { header: 'Unit Pengolah', weight: 1.8, excelWidth: 30 },
  { header: 'Uraian Informasi Berkas', weight: 3.4, excelWidth: 50 },
  { header: 'Kurun Waktu', weight: 1.9, excelWidth: 30 },
  { header: 'Jumlah Item', weight: 0.8, align: 'right', excelWidth: 10 },
  { header: 'Retensi', weight: 1.5, excelWidth: 22 },
  { header: 'Status', weight: 1.1, excelWidth: 16 },
  { header: 'Lokasi / Keterangan', weight: 1.7, excelWidth: 30 },
];

export function daftarBerkasCells(rows: DaftarBerkasRow[]): string[][] {
  return rows.map(({ berkas, readable, location }, index) => [
    formatAngka(index + 1),
    berkasLabel(berkas),
    berkas.classificationCode,
    berkas.unitName,
    readable
      ? berkas.title
      : `(${SECURITY_LABELS[berkas.securityClass]?.toUpperCase() ?? 'TERBATAS'})`,
    periodText(berkas.periodStart, berkas.periodEnd),
    formatAngka(berkas.itemCount),
    retentionText(berkas),
    STATUS_LABELS[berkas.status] ?? berkas.status,
    [
      location,
      berkas.legalHold ? 'Legal hold' : '',
      berkas.securityClass !== 'B' ? (SECURITY_LABELS[berkas.securityClass] ?? '') : '',
    ]
      .filter(Boolean)
      .join('; '),
  ]);
}

export async function renderDaftarBerkasPdf(
  rows: DaftarBerkasRow[],
  subtitle: string,
  generatedBy: string,
  at: Date,
): Promise<Buffer> {
  return renderTablePdf({
    title: 'DAFTAR BERKAS',
    subtitle,
    columns: DAFTAR_BERKAS_COLUMNS,
    rows: daftarBerkasCells(rows),
    generatedAt: at,
    generatedBy,
    emptyText: 'Tidak ada berkas untuk pilihan ini.',
  });
}

export const DAFTAR_ISI_COLUMNS: Array<TableColumn & { excelWidth: number }> = [
  { header: 'No. Item', weight: 0.6, align: 'center', excelWidth: 8 },
  { header: 'Jenis', weight: 1, excelWidth: 16 },
  { header: 'Nomor Surat', weight: 1.8, excelWidth: 28 },
  { header: 'Tanggal', weight: 1.2, excelWidth: 18 },
  { header: 'Pengirim / Tujuan', weight: 2, excelWidth: 34 },
  { header: 'Uraian Informasi Arsip (Perihal)', weight: 3.2, excelWidth: 50 },
  { header: 'Kode Klasifikasi', weight: 0.9, excelWidth: 14 },
  { header: 'Jumlah Berkas Elektronik', weight: 0.9, align: 'right', excelWidth: 12 },
  { header: 'Keterangan', weight: 1.8, excelWidth: 34 },
];

export interface DaftarIsiItem extends BerkasItem {
  dispositions?: Array<{ to: string; status: string }>;
  reportCount?: number;
}

export function daftarIsiCells(items: DaftarIsiItem[]): string[][] {
  return items.map((item, index) => [
    formatAngka(index + 1),
    ITEM_TYPE_LABELS[item.letterType] ?? item.letterType,
    item.letterNumber || '-',
    formatTanggal(item.letterDate),
    item.party || '-',
    item.subject,
    item.classificationCode,
    formatAngka(item.fileCount),
    [
      item.securityClass !== 'B' ? (SECURITY_LABELS[item.securityClass] ?? '') : '',
      item.dispositions?.length
        ? `Disposisi: ${item.dispositions.map((d) => d.to).join(', ')}`
        : '',
      item.reportCount ? `${formatAngka(item.reportCount)} laporan tindak lanjut` : '',
    ]
      .filter(Boolean)
      .join('; '),
  ]);
}

export async function renderDaftarIsiPdf(
  berkas: Berkas,
  items: DaftarIsiItem[],
  generatedBy: string,
  at: Date,
): Promise<Buffer> {
  return renderTablePdf({
    title: 'DAFTAR ISI BERKAS',
    subtitle: `Berkas ${berkasLabel(berkas)} - ${berkas.classificationCode} ${berkas.title} - ${berkas.unitName} - kurun waktu ${periodText(berkas.periodStart, berkas.periodEnd)}`,
    columns: DAFTAR_ISI_COLUMNS,
    rows: daftarIsiCells(items),
    generatedAt: at,
    generatedBy,
    emptyText: 'Berkas ini belum berisi surat.',
  });
}

/** The list attached to a berita acara (or, before execution, the proposal's list). */
export async function renderProposalList(
  proposal: Proposal,
  generatedBy: string,
  at: Date,
): Promise<Buffer> {
  const titles = KIND_TITLES[proposal.kind as keyof typeof KIND_TITLES];
  const subtitle = proposal.baNumber
    ? `Lampiran ${titles.ba.charAt(0)}${titles.ba.slice(1).toLowerCase()} Nomor ${beritaAcaraNumber(proposal)} tanggal ${formatTanggal(proposal.executedOn)}`
    : `Usulan ${titles.verb} (belum dilaksanakan) - diajukan ${formatTanggal(proposal.createdAt)} oleh ${proposal.proposedByName}`;
  return renderTablePdf({
    title: titles.list,
    subtitle,
    columns: [
      { header: 'No.', weight: 0.5, align: 'center' },
      { header: 'Kode Klasifikasi', weight: 1 },
      { header: 'Nomor Berkas', weight: 1.3 },
      { header: 'Unit Pengolah', weight: 1.8 },
      { header: 'Uraian Informasi Berkas', weight: 3.2 },
      { header: 'Kurun Waktu', weight: 1.9 },
      { header: 'Jumlah Item', weight: 0.7, align: 'right' },
      { header: 'Media', weight: 0.9 },
      { header: 'Retensi', weight: 1.6 },
      { header: 'Keterangan', weight: 1.5 },
    ],
    rows: proposal.entries.map((entry, index) => [
      formatAngka(index + 1),
      entry.classificationCode,
      entry.label,
      entry.unitName,
      entry.title,
      periodText(entry.periodStart, entry.periodEnd),
      formatAngka(entry.itemCount),
      entry.media === 'kertas'
        ? 'Kertas'
        : entry.media === 'elektronik'
          ? 'Elektronik'
          : 'Kertas dan elektronik',
      entry.retention || '-',
      [
        entry.location,
        entry.securityClass !== 'B' ? (SECURITY_LABELS[entry.securityClass] ?? '') : '',
      ]
        .filter(Boolean)
        .join('; ') || '-',
    ]),
    generatedAt: at,
    generatedBy,
  });
}
