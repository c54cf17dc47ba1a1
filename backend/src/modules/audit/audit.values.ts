import { formatAngka, formatTanggal, jakartaParts } from '../documents/format-id.ts';
import { URGENCY_LABELS, SECURITY_LABELS } from '../documents/format-id.ts';
import { STATUS_LABELS as DISPOSITION_STATUS_LABELS } from '../dispositions/state-machine.ts';
import { STATUS_LABELS as OUTGOING_STATUS_LABELS } from '../outgoing/chain.ts';
import type { NameBook, NameKind } from './audit.names.ts';
import { channelLabel, senderCategoryLabel } from '../letters/sender-category.ts';

/** How the values of audited fields read in a sentence: labels for codes, names for ids,
 * Indonesian dates. Used by audit.sentences.ts; nothing here reads the database. */

export const LETTER_STATUS_LABELS: Record<string, string> = {
  pending: 'Sedang dicatat',
  registered: 'Tercatat',
  in_progress: 'Diproses',
  done: 'Selesai',
  void: 'Dibatalkan',
};

const BERKAS_STATUS_LABELS: Record<string, string> = {
  open: 'Terbuka',
  closed: 'Ditutup',
  inactive: 'Inaktif',
  disposed: 'Dimusnahkan',
  handed_over: 'Diserahkan',
};

const PROPOSAL_STATUS_LABELS: Record<string, string> = {
  proposed: 'Diusulkan',
  approved: 'Disetujui',
  rejected: 'Ditolak',
  cancelled: 'Dibatalkan',
  executing: 'Sedang dilaksanakan',
  executed: 'Dilaksanakan',
};

const LOAN_STATUS_LABELS: Record<string, string> = {
  out: 'Dipinjam',
  returned: 'Dikembalikan',
};

const IMPORT_STATUS_LABELS: Record<string, string> = {
  importing: 'Sedang diimpor',
  cancelled: 'Dibatalkan',
  done: 'Selesai',
  paused: 'Dihentikan',
};

export const ROLE_LABELS: Record<string, string> = {
  admin: 'Admin',
  agendaris: 'Agendaris',
  pejabat: 'Pejabat',
  arsiparis: 'Arsiparis',
  primary: 'penanggung jawab',
  coordinate: 'koordinasi',
};

const FINAL_LABELS: Record<string, string> = {
  musnah: 'Musnah',
  permanen: 'Permanen',
  dinilai_kembali: 'Dinilai Kembali',
};

const POSITION_KIND_LABELS: Record<string, string> = {
  sekda: 'Sekretaris Daerah',
  asisten: 'Asisten',
  kepala_biro: 'Kepala Biro',
  kepala_bagian: 'Kepala Bagian',
  staf: 'Staf',
};

/** Field names in the words of the screens. A field not listed here is left out of the
 * sentence (it stays in the auditor's Rincian). */
export const FIELD_LABELS: Record<string, string> = {
  subject: 'perihal',
  senderName: 'pengirim',
  senderCategory: 'asal pengirim',
  channel: 'saluran penerimaan',
  letterNumber: 'nomor surat',
  letterDate: 'tanggal surat',
  receivedDate: 'tanggal terima',
  summary: 'isi ringkas',
  attachmentCount: 'jumlah lampiran',
  attachmentDescription: 'keterangan lampiran',
  attachmentLabel: 'lampiran',
  classificationCode: 'kode klasifikasi',
  securityClass: 'klasifikasi keamanan',
  urgency: 'sifat',
  kind: 'jenis',
  notes: 'keterangan',
  note: 'catatan',
  addresseePositionId: 'tujuan',
  copyPositionIds: 'tembusan',
  status: 'status',
  name: 'nama',
  code: 'kode',
  title: 'judul',
  description: 'uraian',
  unitId: 'unit kerja',
  order: 'urutan',
  active: 'aktif',
  username: 'nama pengguna',
  email: 'surel',
  nip: 'NIP',
  phone: 'telepon',
  roles: 'peran',
  clearance: 'izin klasifikasi keamanan',
  positionId: 'jabatan',
  startsAt: 'mulai',
  endsAt: 'berakhir',
  date: 'tanggal',
  number: 'nomor',
  signer: 'penandatangan',
  verifiers: 'pemeriksa',
  dueDate: 'batas waktu',
  borrowerName: 'peminjam',
  outDate: 'tanggal pinjam',
  returnedOn: 'tanggal kembali',
  activeYears: 'retensi aktif (tahun)',
  inactiveYears: 'retensi inaktif (tahun)',
  finalDisposition: 'keterangan akhir',
  numberPattern: 'pola nomor',
  counterPerKind: 'nomor urut per jenis naskah',
  instructions: 'daftar instruksi',
  dueWorkingDays: 'batas waktu bawaan',
  targetUnitIds: 'unit tujuan tambahan',
  recordsCentreName: 'nama unit kearsipan',
  archiveInstitutionName: 'nama lembaga kearsipan',
  transferApprovers: 'penyetuju pemindahan',
  disposalApprovers: 'penyetuju pemusnahan',
  handoverApprovers: 'penyetuju penyerahan',
  building: 'gedung',
  room: 'ruang',
  cabinet: 'lemari/rak',
  shelf: 'rak',
  holder: 'pengelola',
  unitName: 'unit',
  folder: 'folder',
  closedOn: 'tanggal tutup',
  activeUntil: 'aktif sampai',
  inactiveUntil: 'inaktif sampai',
  legalHold: 'penahanan',
  boxId: 'boks',
  itemCount: 'jumlah surat',
  reason: 'alasan',
  place: 'tempat',
  recipientPlace: 'tempat tujuan',
  estimated: 'perkiraan',
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** `7 Desember 2026 pukul 09.15 WIB` for an instant. */
export function dateTime(value: string | Date): string {
  const date = new Date(value);
  const p = jakartaParts(date);
  const hh = String(p.hour).padStart(2, '0');
  const mm = String(p.minute).padStart(2, '0');
  return `${formatTanggal(date)} pukul ${hh}.${mm} WIB`;
}

/** `7 Desember 2026` for a calendar date or an instant. */
export function day(value: unknown): string {
  if (typeof value !== 'string' && !(value instanceof Date)) return '';
  return formatTanggal(value);
}

/** "A, B dan C". */
export function list(items: string[]): string {
  const parts = items.filter(Boolean);
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} dan ${parts.at(-1)}`;
}

export const quote = (text: unknown) => `“${String(text ?? '').trim()}”`;

/** Joins a quoted text's own closing punctuation with the sentence's: free text is often a
 * whole sentence ("Mohon segera ditindaklanjuti."), and quoting it mid-sentence read
 * `catatan “Mohon segera ditindaklanjuti.”, ...` (a full stop, then a comma) or ended in
 * `.”.`. A single full stop before a closing quote and a comma is dropped; a quote ending in
 * . ! or ? ends the sentence without another full stop. An ellipsis ("...") is kept. */
export function tidyQuotes(sentence: string): string {
  return sentence.replace(/(?<!\.)\.”,/g, '”,').replace(/([.!?])”\.$/, '$1”');
}

/** Which kind of name an id-valued field holds, given the record it belongs to. */
export function idKindOf(field: string, recordType: string): NameKind | null {
  if (['addresseePositionId', 'copyPositionIds', 'positionId'].includes(field)) return 'position';
  if (field.endsWith('Approvers')) return 'position';
  if (['unitId', 'targetUnitIds'].includes(field)) return 'unit';
  if (field === 'userId') return 'user';
  if (field === 'parentId') return recordType === 'unit' ? 'unit' : 'position';
  return null;
}

/** Notes the ids an event's values point at, so a page resolves them in one go. */
export function wantIds(
  names: NameBook,
  recordType: string,
  values: Array<Record<string, unknown>>,
): void {
  for (const record of values)
    for (const [field, value] of Object.entries(record)) {
      const kind = idKindOf(field, recordType);
      if (kind) names.want(kind, value);
    }
}

/** One field's value as a person reads it. */
export function showValue(
  field: string,
  value: unknown,
  recordType: string,
  names: NameBook,
): string {
  if (value === null || value === undefined || value === '') return 'kosong';
  if (Array.isArray(value)) {
    const items = value.map((v) => showValue(field, v, recordType, names));
    return items.length ? list(items) : 'kosong';
  }
  if (typeof value === 'boolean') return value ? 'ya' : 'tidak';
  if (typeof value === 'number') return formatAngka(value);
  if (typeof value === 'object') {
    // { biasa: 5, segera: 2, sangat_segera: 0 } and the like.
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${URGENCY_LABELS[k] ?? k} ${showValue(field, v, recordType, names)}`)
      .join(', ');
  }
  const text = String(value);
  const kind = idKindOf(field, recordType);
  if (kind && OBJECT_ID.test(text)) return names.name(kind, text) ?? '(tidak dikenal)';
  switch (field) {
    case 'urgency':
      return URGENCY_LABELS[text] ?? text;
    case 'securityClass':
    case 'clearance':
      return SECURITY_LABELS[text] ?? text;
    case 'roles':
    case 'role':
      return ROLE_LABELS[text] ?? text;
    case 'finalDisposition':
      return FINAL_LABELS[text] ?? text;
    case 'senderCategory':
      return senderCategoryLabel(text);
    case 'channel':
      return recordType === 'incoming-letter' ? channelLabel(text) : text;
    case 'kind':
      return recordType === 'position' ? (POSITION_KIND_LABELS[text] ?? text) : text;
    case 'status':
      return statusLabel(recordType, text);
  }
  if (ISO_DATE.test(text)) return formatTanggal(text);
  if (ISO_INSTANT.test(text)) return dateTime(text);
  return text;
}

export function statusLabel(recordType: string, status: string): string {
  const table: Record<string, string> =
    recordType === 'incoming-letter'
      ? LETTER_STATUS_LABELS
      : recordType === 'disposition'
        ? DISPOSITION_STATUS_LABELS
        : recordType === 'outgoing-letter'
          ? OUTGOING_STATUS_LABELS
          : recordType === 'berkas'
            ? BERKAS_STATUS_LABELS
            : recordType === 'archive-proposal'
              ? PROPOSAL_STATUS_LABELS
              : recordType === 'loan'
                ? LOAN_STATUS_LABELS
                : recordType === 'import-batch'
                  ? IMPORT_STATUS_LABELS
                  : {};
  return table[status] ?? status;
}

const MAX_CHANGES = 6;

/**
 * "perihal dari “A” menjadi “B”, sifat dari Biasa menjadi Segera": the labelled fields that
 * changed (`only` limits them), at most six, then "dan N perubahan lain".
 */
export function describeChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  recordType: string,
  names: NameBook,
  only?: string[],
): string {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (f) => FIELD_LABELS[f] && f !== 'reason' && (!only || only.includes(f)),
  );
  const textual = (f: string, v: unknown) => {
    const shown = showValue(f, v, recordType, names);
    return typeof v === 'string' && shown === v && !ISO_DATE.test(v) ? quote(v) : shown;
  };
  const parts = fields.slice(0, MAX_CHANGES).map((f) => {
    const present = (value: unknown) =>
      value !== null &&
      value !== undefined &&
      value !== '' &&
      !(Array.isArray(value) && value.length === 0);
    const had = present(before[f]);
    const has = present(after[f]);
    const label = FIELD_LABELS[f]!;
    if (!had && has) return `${label} ${textual(f, after[f])}`;
    if (had && !has) return `${label} ${textual(f, before[f])} dihapus`;
    return `${label} dari ${textual(f, before[f])} menjadi ${textual(f, after[f])}`;
  });
  const rest = fields.length - MAX_CHANGES;
  if (rest > 0) parts.push(`dan ${rest} perubahan lain`);
  return parts.join(', ');
}
