import { createHash } from 'node:crypto';
import { letterNumberKeyOf, senderKeyOf } from '../letters/letters.keys.ts';
import { safeRelativePath } from './limits.ts';

/**
 * The manifest: one row per old letter (issue 8). Columns, by their header (case and
 * spaces do not matter; the alias list accepts common variants):
 *
 *   arah                 masuk | keluar                                  (wajib)
 *   nomor_surat          as printed on the letter
 *   tanggal_surat        2019-03-05, 05-03-2019 or 05/03/2019             (wajib)
 *   pengirim / tujuan    sender of an incoming, addressee of an outgoing letter
 *   perihal              subject                                          (wajib)
 *   isi_ringkas          summary
 *   kode_klasifikasi     current or old scheme, e.g. 800.1.11.1 or 090   (wajib)
 *   klasifikasi_keamanan B, T, R, SR (default B)
 *   nomor_agenda         the agenda number of the time
 *   unit                 unit code (e.g. B.UM) that kept the letter
 *   keterangan           remarks
 *   berkas               file names in the zip or folder, separated by ;  (wajib)
 */
export const MANIFEST_COLUMNS = [
  'arah',
  'nomor_surat',
  'tanggal_surat',
  'pengirim',
  'tujuan',
  'perihal',
  'isi_ringkas',
  'kode_klasifikasi',
  'klasifikasi_keamanan',
  'nomor_agenda',
  'unit',
  'keterangan',
  'berkas',
] as const;
export type ManifestColumn = (typeof MANIFEST_COLUMNS)[number];

const ALIASES: Record<string, ManifestColumn> = {
  arah: 'arah',
  jenis: 'arah',
  masuk_keluar: 'arah',
  nomor_surat: 'nomor_surat',
  no_surat: 'nomor_surat',
  nomor: 'nomor_surat',
  tanggal_surat: 'tanggal_surat',
  tanggal: 'tanggal_surat',
  tgl_surat: 'tanggal_surat',
  pengirim: 'pengirim',
  asal_surat: 'pengirim',
  dari: 'pengirim',
  tujuan: 'tujuan',
  kepada: 'tujuan',
  pengirim_tujuan: 'pengirim',
  perihal: 'perihal',
  hal: 'perihal',
  isi_ringkas: 'isi_ringkas',
  ringkasan: 'isi_ringkas',
  kode_klasifikasi: 'kode_klasifikasi',
  kode: 'kode_klasifikasi',
  klasifikasi: 'kode_klasifikasi',
  klasifikasi_keamanan: 'klasifikasi_keamanan',
  keamanan: 'klasifikasi_keamanan',
  sifat_keamanan: 'klasifikasi_keamanan',
  nomor_agenda: 'nomor_agenda',
  no_agenda: 'nomor_agenda',
  agenda: 'nomor_agenda',
  unit: 'unit',
  unit_kerja: 'unit',
  kode_unit: 'unit',
  keterangan: 'keterangan',
  catatan: 'keterangan',
  berkas: 'berkas',
  file: 'berkas',
  files: 'berkas',
  nama_berkas: 'berkas',
  pindaian: 'berkas',
};

export const REQUIRED_COLUMNS: ManifestColumn[] = [
  'arah',
  'tanggal_surat',
  'perihal',
  'kode_klasifikasi',
  'berkas',
];

export interface HeaderMap {
  columns: Map<ManifestColumn, number>;
  problems: string[];
}

export function mapHeader(fields: string[]): HeaderMap {
  const columns = new Map<ManifestColumn, number>();
  const problems: string[] = [];
  fields.forEach((raw, index) => {
    const key = raw
      .trim()
      .toLowerCase()
      .replace(/[\s/-]+/g, '_');
    const column = ALIASES[key];
    if (!column) return;
    if (columns.has(column)) problems.push(`Kolom "${raw}" muncul lebih dari sekali.`);
    else columns.set(column, index);
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!columns.has(column))
      problems.push(`Kolom wajib "${column}" tidak ada di baris judul manifest.`);
  }
  if (!columns.has('pengirim') && !columns.has('tujuan'))
    problems.push(
      'Manifest memerlukan kolom "pengirim" (surat masuk) atau "tujuan" (surat keluar).',
    );
  return { columns, problems };
}

export interface RowProblem {
  column: string | null;
  message: string;
}

export interface ParsedRow {
  data: {
    direction: 'incoming' | 'outgoing';
    letterNumber: string;
    letterDate: string;
    party: string;
    subject: string;
    summary: string;
    classificationCode: string;
    securityClass: 'B' | 'T' | 'R' | 'SR';
    agendaNumber: string;
    unitCode: string;
    notes: string;
  };
  files: string[];
  problems: RowProblem[];
  importKey: string;
}

export interface RowContext {
  today: string;
  /** Whether a classification code (or a code above it) is known, in either scheme. */
  knownCode: (code: string) => boolean;
  knownUnit: (code: string) => boolean;
  maxFilesPerRow: number;
}

/** `2019-03-05`, `05-03-2019`, `5/3/2019` → `2019-03-05`; null when it is not a real date. */
export function parseDate(raw: string): string | null {
  const text = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text)))
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== m - 1 ||
    date.getUTCDate() !== d ||
    y < 1900
  )
    return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const CODE = /^\d{3}(\.\d{1,3}){0,5}$/;

export function parseRow(fields: string[], header: HeaderMap, context: RowContext): ParsedRow {
  const get = (column: ManifestColumn) => {
    const index = header.columns.get(column);
    return index === undefined ? '' : (fields[index] ?? '').trim();
  };
  const problems: RowProblem[] = [];
  const problem = (column: ManifestColumn | null, message: string) =>
    problems.push({ column, message });

  const arah = get('arah').toLowerCase();
  const direction =
    arah === 'masuk' || arah === 'm'
      ? 'incoming'
      : arah === 'keluar' || arah === 'k'
        ? 'outgoing'
        : null;
  if (!direction)
    problem(
      'arah',
      arah
        ? `Arah "${get('arah')}" tidak dikenal; isi "masuk" atau "keluar".`
        : 'Arah surat wajib diisi ("masuk" atau "keluar").',
    );

  const rawDate = get('tanggal_surat');
  const letterDate = rawDate ? parseDate(rawDate) : null;
  if (!rawDate) problem('tanggal_surat', 'Tanggal surat wajib diisi.');
  else if (!letterDate)
    problem(
      'tanggal_surat',
      `Tanggal "${rawDate}" tidak valid; gunakan TTTT-BB-HH atau HH-BB-TTTT.`,
    );
  else if (letterDate > context.today)
    problem('tanggal_surat', 'Tanggal surat tidak boleh setelah hari ini.');

  const party =
    direction === 'outgoing' ? get('tujuan') || get('pengirim') : get('pengirim') || get('tujuan');
  if (!party)
    problem(
      direction === 'outgoing' ? 'tujuan' : 'pengirim',
      direction === 'outgoing' ? 'Tujuan surat wajib diisi.' : 'Pengirim surat wajib diisi.',
    );
  const subject = get('perihal');
  if (!subject) problem('perihal', 'Perihal wajib diisi.');
  if (subject.length > 1000)
    problem('perihal', 'Perihal terlalu panjang (paling banyak 1.000 karakter).');

  const code = get('kode_klasifikasi');
  if (!code) problem('kode_klasifikasi', 'Kode klasifikasi wajib diisi.');
  else if (!CODE.test(code)) problem('kode_klasifikasi', `Kode klasifikasi "${code}" tidak valid.`);
  else if (!context.knownCode(code))
    problem(
      'kode_klasifikasi',
      `Kode klasifikasi "${code}" tidak dikenal (baik skema 2022 maupun skema lama). Tambahkan kodenya atau padanannya lebih dahulu.`,
    );

  const rawClass = get('klasifikasi_keamanan').toUpperCase() || 'B';
  const securityClass = (['B', 'T', 'R', 'SR'] as const).find((c) => c === rawClass) ?? null;
  if (!securityClass)
    problem(
      'klasifikasi_keamanan',
      `Klasifikasi keamanan "${get('klasifikasi_keamanan')}" tidak dikenal; isi B, T, R, atau SR.`,
    );

  const unitCode = get('unit');
  if (unitCode && !context.knownUnit(unitCode))
    problem('unit', `Unit kerja "${unitCode}" tidak dikenal.`);

  const files: string[] = [];
  const rawFiles = get('berkas')
    .split(/[;|]/)
    .map((f) => f.trim())
    .filter(Boolean);
  if (rawFiles.length === 0) problem('berkas', 'Nama berkas pindaian wajib diisi.');
  if (rawFiles.length > context.maxFilesPerRow)
    problem('berkas', `Paling banyak ${context.maxFilesPerRow} berkas per surat.`);
  for (const raw of rawFiles) {
    const safe = safeRelativePath(raw);
    if (!safe)
      problem('berkas', `Nama berkas "${raw}" tidak aman (path traversal atau path absolut).`);
    else if (files.includes(safe)) problem('berkas', `Berkas "${safe}" disebut dua kali.`);
    else files.push(safe);
  }

  const letterNumber = get('nomor_surat');
  const data: ParsedRow['data'] = {
    direction: direction ?? 'incoming',
    letterNumber,
    letterDate: letterDate ?? '',
    party,
    subject,
    summary: get('isi_ringkas'),
    classificationCode: code,
    securityClass: securityClass ?? 'B',
    agendaNumber: get('nomor_agenda'),
    unitCode,
    notes: get('keterangan'),
  };
  // The same letter twice (in this manifest or an earlier import) is one letter.
  const importKey = createHash('sha256')
    .update(
      [
        data.direction,
        letterNumberKeyOf(letterNumber),
        data.letterDate,
        senderKeyOf(party),
        letterNumber ? '' : senderKeyOf(subject),
      ].join('|'),
    )
    .digest('hex');
  return { data, files, problems, importKey };
}

/** The template offered for download: the header and two example rows. */
export function manifestTemplate(): string {
  const rows = [
    MANIFEST_COLUMNS.join(','),
    'masuk,005/123/BPKAD/2019,2019-03-05,Badan Pengelolaan Keuangan dan Aset Daerah,,Undangan rapat evaluasi anggaran,,005,B,123,B.UM,,2019/surat-0001.pdf',
    'keluar,090/45/B.UM/2019,07-03-2019,,Kementerian Dalam Negeri,Laporan perjalanan dinas,,090,B,,B.UM,,2019/surat-0002-1.jpg;2019/surat-0002-2.jpg',
  ];
  return `\ufeff${rows.join('\r\n')}\r\n`;
}
