import { URGENCY_LABELS } from '../documents/format-id.ts';
import type { NameBook } from './audit.names.ts';
import {
  dateTime,
  day,
  describeChanges,
  list,
  quote,
  ROLE_LABELS,
  showValue,
  statusLabel,
  tidyQuotes,
} from './audit.values.ts';

/**
 * Every audit event as one sentence in Bahasa Indonesia, with the people, positions and
 * values by name (issue 15): "Drs. Ahmad (Sekretaris Daerah) mendisposisikan surat ini
 * kepada Asisten Administrasi Umum (penanggung jawab) dengan instruksi “Tindak lanjuti”,
 * sifat Sangat Segera, batas waktu 9 Desember 2026."
 *
 * One table, `PHRASES`, holds a phrase for every action the backend records;
 * `audit.sentences.test.ts` finds every action in the source and fails when one has no
 * phrase here. Both the letter's Riwayat and the admin's audit log use `auditSentence`.
 */

export interface AuditFacts {
  action: string;
  recordType: string;
  recordId: string;
  actorName: string;
  actorPositionTitle: string | null;
  /** Who acted (null for the system); its author always reads the free text it typed. */
  actorUserId?: string | null;
  /** The letter whose Riwayat shows the event, if any. */
  letterId?: string | null;
  /** Parsed `changes`: the fields' values before and after. */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface SentenceOptions {
  names: NameBook;
  /** False for readers who may see that something happened, not the letter's content. */
  contentVisible: boolean;
  /** The reader: the free text they typed themselves is theirs to read again. */
  readerUserId?: string | null;
  /** In the letter's own Riwayat: "surat ini" rather than its number. */
  inLetter: boolean;
  /** Disposition nodes of the letter by id (recipient title and role), when known. */
  nodes?: Map<string, { to: string; role: string }>;
}

/** A phrase continues "<actor> ..."; `{ sentence }` is a whole sentence of its own (an
 * event of the system, or one whose subject is not the actor). */
type Phrase = (f: AuditFacts, o: SentenceOptions) => string | { sentence: string };

const v = (f: AuditFacts, field: string): unknown => f.after[field] ?? f.before[field];
const str = (f: AuditFacts, field: string): string => {
  const value = v(f, field);
  return value === null || value === undefined ? '' : String(value);
};
const changes = (f: AuditFacts, o: SentenceOptions, only?: string[]) =>
  describeChanges(f.before, f.after, f.recordType, o.names, only);
const withChanges = (text: string, f: AuditFacts, o: SentenceOptions) => {
  const c = changes(f, o);
  return c ? `${text}: ${c}` : text;
};
/** What a reader without the letter's content reads instead of free text someone typed
 * (a reason, a note): such text often quotes the letter (docs/security.md). */
export const WITHHELD = '(isi hanya untuk yang berwenang)';
/** Free text, quoted for content readers and for its author, withheld for the others. */
const freeText = (text: string, f: AuditFacts, o: SentenceOptions) =>
  o.contentVisible || (!!o.readerUserId && f.actorUserId === o.readerUserId)
    ? quote(text)
    : WITHHELD;
const reasonOf = (f: AuditFacts, o: SentenceOptions) => {
  const reason = str(f, 'reason') || str(f, 'note');
  return reason ? ` dengan alasan ${freeText(reason, f, o)}` : '';
};
const noteOf = (f: AuditFacts, o: SentenceOptions) =>
  str(f, 'note') ? ` dengan catatan ${freeText(str(f, 'note'), f, o)}` : '';

// --- Records named in sentences

function letterRef(f: AuditFacts, o: SentenceOptions): string {
  if (o.inLetter) return 'surat ini';
  const n = v(f, 'agendaNumber');
  const y = v(f, 'agendaYear');
  if (n && y) return `surat masuk nomor agenda ${String(n)}/${String(y)}`;
  const agenda = o.names.name('letter', f.letterId);
  return agenda && agenda !== '(dihapus)' ? `surat masuk nomor agenda ${agenda}` : 'surat masuk';
}

/** In the audit log a disposition's event says which letter it belongs to. */
function onLetter(f: AuditFacts, o: SentenceOptions): string {
  if (o.inLetter || f.recordType !== 'disposition') return '';
  const ref = letterRef(f, o);
  return ref === 'surat masuk' ? '' : ` pada ${ref}`;
}

/** The actor's position without its Plt./Plh. prefix. */
const ownTitle = (f: AuditFacts) => (f.actorPositionTitle ?? '').replace(/^Pl[th]\. /, '');

function nodeRef(f: AuditFacts, o: SentenceOptions): string {
  const node = o.nodes?.get(f.recordId);
  const to = str(f, 'to') || node?.to;
  const role = str(f, 'role') || node?.role;
  if (!to) return 'disposisi';
  const kind = `disposisi ${role === 'coordinate' ? 'koordinasi ' : ''}`;
  // "Kepala Biro Umum membaca disposisi kepada Kepala Biro Umum" says its subject twice.
  if (to === ownTitle(f)) return `${kind}yang diterimanya`;
  return `${kind}kepada ${to}`;
}

const userRef = (f: AuditFacts, o: SentenceOptions) =>
  o.names.name('user', f.recordId) ?? (str(f, 'name') || 'pengguna');
const positionRef = (f: AuditFacts, o: SentenceOptions) =>
  `jabatan ${o.names.name('position', f.recordId) ?? (str(f, 'title') || '')}`.trim();
const unitRef = (f: AuditFacts, o: SentenceOptions) =>
  `unit kerja ${o.names.name('unit', f.recordId) ?? (str(f, 'name') || '')}`.trim();

function outgoingRef(f: AuditFacts, o?: SentenceOptions): string {
  // The outgoing letter's own history (outgoing-history.ts) says "surat ini".
  if (o?.inLetter) return 'surat ini';
  // An event records only what changed: the audit log names the letter as it is known now
  // (its number once signed, its perihal), read once per letter of the page.
  const named = o?.names.name('outgoing', f.recordId);
  if (named && named !== '(dihapus)') return `surat keluar ${named}`;
  const number = str(f, 'number');
  const subject = str(f, 'subject');
  if (number) return `surat keluar nomor ${number}${subject ? ` perihal ${quote(subject)}` : ''}`;
  return subject ? `surat keluar perihal ${quote(subject)}` : 'surat keluar';
}

function berkasRef(f: AuditFacts): string {
  const number = str(f, 'number');
  const year = str(f, 'year');
  const title = str(f, 'title');
  const id = number ? ` nomor ${number}${year ? `/${year}` : ''}` : '';
  return `berkas${id}${title ? ` ${quote(title)}` : ''}`;
}

const PROPOSAL_NOUN: Record<string, string> = {
  transfer: 'usul pemindahan arsip',
  disposal: 'usul pemusnahan arsip',
  handover: 'usul penyerahan arsip statis',
};
function proposalRef(f: AuditFacts): string {
  const kind = f.action.split('.')[1] ?? '';
  const berkas = v(f, 'berkas');
  const count = Array.isArray(berkas) ? ` (${berkas.length} berkas)` : '';
  return `${PROPOSAL_NOUN[kind] ?? 'usul arsip'}${count}`;
}

/** How an outgoing letter went (dispatch.service.ts records "<recipient> (<method>)"). */
const METHOD_LABELS: Record<string, string> = {
  internal: 'melalui Lontar',
  kurir: 'melalui kurir',
  pos: 'melalui pos',
  email: 'melalui pos-el',
  langsung: 'diantar langsung',
};
function dispatchedTo(recorded: string): string {
  return list(
    recorded
      .split('; ')
      .filter(Boolean)
      .map((entry) =>
        entry.replace(/ \((\w+)\)$/, (whole, method: string) =>
          METHOD_LABELS[method] ? ` (${METHOD_LABELS[method]})` : whole,
        ),
      ),
  );
}

// --- Letters and dispositions (the letter's Riwayat)

function registered(f: AuditFacts, o: SentenceOptions): string {
  const n = v(f, 'agendaNumber');
  const y = v(f, 'agendaYear');
  const agenda = n && y ? ` dengan nomor agenda ${String(n)}/${String(y)}` : '';
  const subject =
    o.contentVisible && str(f, 'subject') ? ` perihal ${quote(str(f, 'subject'))}` : '';
  const to = showValue('addresseePositionId', v(f, 'addresseePositionId'), f.recordType, o.names);
  const copies = v(f, 'copyPositionIds');
  const cc =
    Array.isArray(copies) && copies.length
      ? `, tembusan ${showValue('copyPositionIds', copies, f.recordType, o.names)}`
      : '';
  const urgency = str(f, 'urgency');
  // Sifat is content like the perihal: the register lists hide it from metadata readers.
  const sifat = urgency && o.contentVisible ? `, sifat ${URGENCY_LABELS[urgency] ?? urgency}` : '';
  const what = o.inLetter ? 'surat ini' : 'surat masuk';
  const from = str(f, 'senderName') ? ` dari ${str(f, 'senderName')}` : '';
  const toPart = v(f, 'addresseePositionId') ? ` untuk ${to}` : '';
  return `mencatat ${what}${agenda}${from}${subject}${toPart}${cc}${sifat}`;
}

function disposed(verb: string): Phrase {
  return (f, o) => {
    const recipients = v(f, 'recipients');
    const to = Array.isArray(recipients) ? list(recipients.map(String)) : 'bawahannya';
    const parts: string[] = [];
    const instructions = v(f, 'instructions');
    if (o.contentVisible && Array.isArray(instructions) && instructions.length)
      parts.push(`dengan instruksi ${list(instructions.map(quote))}`);
    if (o.contentVisible && str(f, 'note')) parts.push(`catatan ${quote(str(f, 'note'))}`);
    const urgency = str(f, 'urgency');
    if (urgency && o.contentVisible) parts.push(`sifat ${URGENCY_LABELS[urgency] ?? urgency}`);
    if (str(f, 'dueDate')) parts.push(`batas waktu ${day(str(f, 'dueDate'))}`);
    const object = verb === 'mendisposisikan' ? `${letterRef(f, o)} ` : '';
    // The audit log says which letter a forward belongs to; the Riwayat needs not.
    const ref = letterRef(f, o);
    const on = !object && !o.inLetter && ref !== 'surat masuk' ? ` pada ${ref}` : '';
    return `${verb}${on} ${object}kepada ${to}${parts.length ? `, ${parts.join(', ')}` : ''}`;
  };
}

function reported(f: AuditFacts, o: SentenceOptions): string {
  const files = v(f, 'files');
  const attached =
    Array.isArray(files) && files.length
      ? ` dengan lampiran ${o.contentVisible ? list(files.map(quote)) : `${files.length} berkas`}`
      : '';
  const forwarded = v(f, 'forwardedReportIds');
  const relayed =
    Array.isArray(forwarded) && forwarded.length
      ? `, meneruskan ${forwarded.length} laporan dari bawahannya`
      : '';
  const on = nodeRef(f, o);
  const what = on.endsWith('yang diterimanya') || on === 'disposisi' ? '' : ` atas ${on}`;
  return `menyampaikan laporan tindak lanjut${what}${onLetter(f, o)}${attached}${relayed}`;
}

function readLetter(f: AuditFacts, o: SentenceOptions): string {
  const as = str(f, 'as') === 'copy' ? 'penerima tembusan' : 'penerima surat';
  const title = str(f, 'positionTitle');
  const which = title && title !== ownTitle(f) ? ` (${title})` : '';
  return `membaca ${letterRef(f, o)} untuk pertama kali${title ? ` sebagai ${as}${which}` : ''}`;
}

function concluded(f: AuditFacts, o: SentenceOptions): { sentence: string } {
  const by = str(f, 'primary');
  return {
    sentence: `${capitalise(nodeRef(f, o))}${onLetter(f, o)} ditutup bersama surat karena ${by ? `penanggung jawab (${by})` : 'penanggung jawab'} telah menyelesaikan tindak lanjutnya; status menjadi Selesai.`,
  };
}

// --- Organisation and accounts

function assigned(f: AuditFacts, o: SentenceOptions): string {
  const user = showValue('userId', v(f, 'userId'), 'assignment', o.names);
  const position = showValue('positionId', v(f, 'positionId'), 'assignment', o.names);
  if (v(f, 'acting') === true) {
    const kind = str(f, 'actingKind') === 'plt' ? 'Plt.' : 'Plh.';
    return `menugaskan ${user} sebagai ${kind} ${position} dari ${day(str(f, 'startsAt'))} sampai ${day(str(f, 'endsAt'))}`;
  }
  return `menetapkan ${user} sebagai pemegang jabatan ${position} mulai ${day(str(f, 'startsAt'))}`;
}

const ARCHIVE_VERB: Record<string, string> = {
  transfer: 'dipindahkan ke unit kearsipan',
  disposal: 'dimusnahkan',
  handover: 'diserahkan sebagai arsip statis',
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The phrase of every action the backend records. */
export const PHRASES: Record<string, Phrase> = {
  // Incoming letters
  'incoming.register': registered,
  'incoming.correct': (f, o) => {
    const c = o.contentVisible ? changes(f, o) : '';
    return `mengoreksi data ${letterRef(f, o)}${c ? `: ${c}` : ''}${reasonOf(f, o)}`;
  },
  'incoming.void': (f, o) => `membatalkan pencatatan ${letterRef(f, o)}${reasonOf(f, o)}`,
  'incoming.read': readLetter,
  'incoming.done': (f, o) => ({
    sentence: `${capitalise(letterRef(f, o))} selesai: penanggung jawab${str(f, 'primary') ? ` (${str(f, 'primary')})` : ''} telah menyelesaikan tindak lanjutnya.`,
  }),

  // Dispositions
  'disposition.create': disposed('mendisposisikan'),
  'disposition.forward': disposed('meneruskan disposisi'),
  'disposition.read': (f, o) => `membaca ${nodeRef(f, o)}${onLetter(f, o)}`,
  'disposition.report': reported,
  'disposition.complete': (f, o) => `menyelesaikan tindak lanjut ${nodeRef(f, o)}${onLetter(f, o)}`,
  'disposition.cancel': (f, o) =>
    `membatalkan ${nodeRef(f, o)}${onLetter(f, o)} sebelum dibaca penerimanya`,
  'disposition.return': (f, o) =>
    `mengembalikan ${nodeRef(f, o)}${onLetter(f, o)} kepada pengirimnya${reasonOf(f, o)}`,
  'disposition.conclude': concluded,
  'disposition.settings.update': (f, o) => withChanges('mengubah pengaturan disposisi', f, o),
  'disposition.routing.update': (f, o) =>
    `mengubah perluasan tujuan disposisi ${unitRef(f, o)}: unit tujuan tambahan menjadi ${showValue('targetUnitIds', f.after.targetUnitIds ?? [], 'unit', o.names)}`,

  // Sign-in and own account
  'auth.login': () => 'masuk ke Lontar',
  'auth.logout': () => 'keluar dari Lontar',
  'auth.lockout': (f, o) => ({
    sentence: `Akun ${userRef(f, o)} dikunci sementara${str(f, 'lockedUntil') ? ` sampai ${dateTime(str(f, 'lockedUntil'))}` : ''} karena kata sandi salah berulang kali.`,
  }),
  'auth.password_change': () => 'mengganti kata sandinya',
  'auth.profile_update': (f, o) => withChanges('memperbarui profilnya', f, o),
  'auth.reauth_failed': (f) =>
    `salah memasukkan ${str(f, 'method') === 'pin' ? 'PIN' : 'kata sandi'} saat akan ${str(f, 'act') === 'paraf' ? 'memberi paraf' : str(f, 'act') === 'sign' ? 'menandatangani' : 'mengubah PIN'}${str(f, 'lockedUntil') ? `; dikunci sampai ${dateTime(str(f, 'lockedUntil'))}` : ''}`,
  'auth.pin_set': () => 'membuat PIN tanda tangan',
  'auth.pin_change': () => 'mengganti PIN tanda tangan',
  'auth.pin_remove': () => 'menghapus PIN tanda tangan',
  'token.create': (f, o) =>
    `membuat token API ${quote(str(f, 'name'))} untuk ${showValue('userId', v(f, 'userId'), 'api-token', o.names)}${str(f, 'expiresAt') ? `, berlaku sampai ${day(str(f, 'expiresAt'))}` : ''}`,
  'token.revoke': () => 'mencabut sebuah token API',

  // Organisation
  'org.user.create': (f) =>
    `membuat akun pengguna ${str(f, 'name')}${str(f, 'username') ? ` (${str(f, 'username')})` : ''}`.trim(),
  'org.user.update': (f, o) =>
    withChanges(`mengubah data pengguna ${o.names.name('user', f.recordId) ?? ''}`.trim(), f, o),
  'org.user.password_reset': (f, o) => `mengatur ulang kata sandi ${userRef(f, o)}`,
  'org.unit.create': (f) =>
    `membuat unit kerja ${str(f, 'name')}${str(f, 'code') ? ` (${str(f, 'code')})` : ''}`.trim(),
  'org.unit.update': (f, o) => withChanges(`mengubah ${unitRef(f, o)}`, f, o),
  'org.position.create': (f) => `membuat jabatan ${str(f, 'title')}`.trim(),
  'org.position.update': (f, o) => withChanges(`mengubah ${positionRef(f, o)}`, f, o),
  'org.assignment.create': assigned,
  'org.assignment.end': (f) =>
    `mengakhiri sebuah penugasan jabatan${str(f, 'endsAt') ? ` per ${day(str(f, 'endsAt'))}` : ''}`,
  'org.assignment.cancel': (f) =>
    `membatalkan penugasan jabatan yang belum dimulai (semula mulai ${day(str(f, 'startsAt'))})`,
  'calendar.holiday.create': (f) =>
    `menambahkan hari libur ${quote(str(f, 'name'))} pada ${day(str(f, 'date') || f.recordId)}`,
  'calendar.holiday.update': (f, o) => withChanges(`mengubah hari libur ${day(f.recordId)}`, f, o),
  'calendar.holiday.delete': (f) =>
    `menghapus hari libur ${quote(str(f, 'name'))} pada ${day(f.recordId)}`,

  // Outgoing letters (also the letter's own history, outgoing-history.ts)
  'outgoing.create': (f, o) => `membuat konsep ${outgoingRef(f, o)}`,
  'outgoing.edit': (f, o) => withChanges(`mengubah konsep ${outgoingRef(f, o)}`, f, o),
  'outgoing.submit': (f, o) =>
    `mengajukan ${outgoingRef(f, o)} untuk ${str(f, 'status') === 'awaiting_signature' ? 'ditandatangani' : 'diverifikasi'}`,
  'outgoing.approve': (f, o) => `memberi paraf (menyetujui) ${outgoingRef(f, o)}${noteOf(f, o)}`,
  'outgoing.return': (f, o) =>
    `mengembalikan ${outgoingRef(f, o)} kepada pembuatnya${noteOf(f, o)}`,
  'outgoing.sign_start': (f, o) => `mulai menandatangani ${outgoingRef(f, o)}`,
  'outgoing.sign': (f, o) => {
    const number = o.inLetter && str(f, 'number') ? ` dengan nomor ${str(f, 'number')}` : '';
    return `menandatangani ${outgoingRef(f, o)}${number}`;
  },
  'outgoing.dispatch': (f, o) =>
    `mengirim ${outgoingRef(f, o)}${str(f, 'dispatched') ? ` kepada ${dispatchedTo(str(f, 'dispatched'))}` : ''}`,
  'outgoing.disposition_completed': (f, o) => ({
    sentence: `Disposisi yang meminta jawaban dengan ${outgoingRef(f, o)} selesai karena ${outgoingRef(f, o)} telah dikirim.`,
  }),
  'outgoing.attach': (f, o) =>
    `melampirkan ${quote(str(f, 'attachments'))} pada ${outgoingRef(f, o)}`,
  'outgoing.detach': (f, o) =>
    `menghapus lampiran ${quote(str(f, 'attachments'))} dari ${outgoingRef(f, o)}`,
  'outgoing.settings': (f, o) =>
    withChanges(`mengubah penomoran surat keluar jenis ${quote(f.recordId)}`, f, o),

  // Archive
  'archive.berkas.create': (f) => `membuat ${berkasRef(f)}`,
  'archive.berkas.update': (f, o) => withChanges(`mengubah ${berkasRef(f)}`, f, o),
  'archive.berkas.close': (f) =>
    `menutup ${berkasRef(f)}${str(f, 'closedOn') ? ` per ${day(str(f, 'closedOn'))}` : ''}`,
  'archive.berkas.reopen': (f) => `membuka kembali ${berkasRef(f)}`,
  'archive.berkas.reopen.reason': (f) =>
    `mencatat alasan membuka kembali berkas: ${quote(str(f, 'reason'))}`,
  'archive.berkas.hold': (f) =>
    `menahan ${berkasRef(f)} dari penyusutan${str(f, 'legalHold') ? ` dengan alasan ${quote(str(f, 'legalHold'))}` : ''}`,
  'archive.berkas.release': (f) => `mencabut penahanan ${berkasRef(f)}`,
  'archive.berkas.release.reason': (f) =>
    `mencatat alasan mencabut penahanan berkas: ${quote(str(f, 'reason'))}`,
  'archive.berkas.reappraise': (f, o) => withChanges(`menilai kembali ${berkasRef(f)}`, f, o),
  'archive.berkas.location': (f, o) => withChanges(`memindahkan lokasi ${berkasRef(f)}`, f, o),
  'archive.berkas.file': (f) => {
    const filed = v(f, 'filed');
    return `memasukkan ${Array.isArray(filed) ? filed.length : 1} surat ke dalam berkas`;
  },
  'archive.berkas.unfile': () => 'mengeluarkan sebuah surat dari berkas',
  'archive.berkas.transfer': (f) => ({
    sentence: `Berkas ${ARCHIVE_VERB.transfer} dengan berita acara nomor ${str(f, 'beritaAcara') || '-'}.`,
  }),
  'archive.berkas.disposal': (f) => ({
    sentence: `Berkas ${ARCHIVE_VERB.disposal} dengan berita acara nomor ${str(f, 'beritaAcara') || '-'}.`,
  }),
  'archive.berkas.handover': (f) => ({
    sentence: `Berkas ${ARCHIVE_VERB.handover} dengan berita acara nomor ${str(f, 'beritaAcara') || '-'}.`,
  }),
  'archive.box.create': (f) => `membuat boks arsip ${str(f, 'code')}`.trim(),
  'archive.box.update': (f, o) => withChanges(`mengubah boks arsip ${str(f, 'code')}`.trim(), f, o),
  'archive.classification.create': (f) =>
    `menambahkan kode klasifikasi ${str(f, 'code') || f.recordId}${str(f, 'title') ? ` ${quote(str(f, 'title'))}` : ''}`,
  'archive.classification.update': (f, o) =>
    withChanges(`mengubah kode klasifikasi ${f.recordId}`, f, o),
  'archive.loan.create': (f) =>
    `mencatat peminjaman arsip nomor ${str(f, 'number')} oleh ${str(f, 'borrowerName')}${str(f, 'dueDate') ? `, kembali paling lambat ${day(str(f, 'dueDate'))}` : ''}`,
  'archive.loan.return': (f) => `mencatat pengembalian arsip pinjaman nomor ${str(f, 'number')}`,
  'archive.retention.set': (f, o) =>
    withChanges(`menetapkan retensi khusus kode ${f.recordId}`, f, o),
  'archive.retention.remove': (f) => `menghapus retensi khusus kode ${f.recordId}`,
  'archive.settings.update': (f, o) => withChanges('mengubah pengaturan kearsipan', f, o),
  'import.create': (f) => `menyiapkan impor arsip lama ${quote(str(f, 'name'))}`,
  'import.start': () => 'memulai impor arsip lama',
  'import.pause': () => 'menghentikan sementara impor arsip lama',
  'import.resume': () => 'melanjutkan impor arsip lama',
  'import.cancel': () => 'membatalkan impor arsip lama',
  'import.finish': () => ({ sentence: 'Impor arsip lama selesai.' }),
};

// Archive proposals: one phrase per kind and step.
for (const kind of ['transfer', 'disposal', 'handover']) {
  PHRASES[`archive.${kind}.propose`] = (f) => `mengajukan ${proposalRef(f)}`;
  PHRASES[`archive.${kind}.approve`] = (f) =>
    `menyetujui ${proposalRef(f)}${str(f, 'note') ? ` dengan catatan ${quote(str(f, 'note'))}` : ''}`;
  PHRASES[`archive.${kind}.reject`] = (f, o) => `menolak ${proposalRef(f)}${reasonOf(f, o)}`;
  PHRASES[`archive.${kind}.cancel`] = (f, o) => `membatalkan ${proposalRef(f)}${reasonOf(f, o)}`;
  PHRASES[`archive.${kind}.execute`] = (f) =>
    `melaksanakan ${proposalRef(f)}${str(f, 'baNumber') ? ` dengan berita acara nomor ${str(f, 'baNumber')}` : ''}`;
}

/** "Budi Santoso (Sekretaris Daerah)"; the system by its recorded name. */
export function actorLabel(f: AuditFacts): string {
  return f.actorPositionTitle ? `${f.actorName} (${f.actorPositionTitle})` : f.actorName;
}

/** The sentence of one event. An action without a phrase (a module newer than this table)
 * still reads as a sentence, never as its code. */
export function auditSentence(f: AuditFacts, o: SentenceOptions): string {
  const phrase = PHRASES[f.action];
  if (!phrase) return `${actorLabel(f)} melakukan perubahan pada data.`;
  const said = phrase(f, o);
  if (typeof said !== 'string') return tidyQuotes(said.sentence);
  return tidyQuotes(`${actorLabel(f)} ${said}.`);
}

export { statusLabel, ROLE_LABELS };
