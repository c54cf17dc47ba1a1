import type { Block, Body, Run } from './body-model.ts';
import { formatDateId } from './dates.ts';
import type { OutgoingKind } from './kinds.ts';

/**
 * Body templates of the common naskah dinas, in the wording of the tata naskah dinas
 * (Permendagri 1/2023): the letterhead, number, Yth./Dari block and signature are laid out by
 * render-letter.ts; these give the body its opening, content and closing. What the draft
 * already knows is filled in (addressee, subject, the letter replied to, the signer, the
 * people assigned); what only the clerk knows is a dotted blank (`BLANK`) to be typed over.
 */
export const BLANK = '…………';

/** The letter a draft answers, as its body cites it. */
export interface TemplateReference {
  senderName: string;
  letterNumber: string;
  /** The incoming letter's own date (yyyy-mm-dd or a Date). */
  letterDate: string | Date | null;
  subject: string;
}

/** Someone a surat tugas assigns (the current holder of an internal recipient position). */
export interface TemplateAssignee {
  name: string;
  nip: string | null;
  /** "Penata Tingkat I (III/d)". */
  rank: string | null;
  title: string;
}

export interface TemplateFill {
  subject: string;
  /** Recipients as the "Yth." line names them. */
  addressees: string[];
  reference: TemplateReference | null;
  /** Title of the signing position ("Asisten Administrasi Umum"). */
  signerTitle: string | null;
  assignees: TemplateAssignee[];
  /** A surat undangan's event as far as typed in the draft's "Acara undangan" fields. */
  event?: TemplateEvent | null;
}

/** The draft's event fields (outgoing.schema.ts), each possibly still empty. */
export interface TemplateEvent {
  date?: string;
  startTime?: string;
  endTime?: string;
  timeZone?: string;
  title?: string;
  place?: string;
  onlineLink?: string;
}

const DAYS_ID = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];

/** "Kamis, 10 Desember 2026". */
function hariTanggal(date: string | undefined): string {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return BLANK;
  const noon = new Date(`${date}T12:00:00+07:00`);
  return Number.isNaN(noon.getTime())
    ? BLANK
    : `${DAYS_ID[noon.getUTCDay()]}, ${formatDateId(noon)}`;
}

/** "09.00 WIB s.d. selesai", "13.30 s.d. 15.00 WITA" (naskah dinas write hours with a dot). */
function pukul(event: TemplateEvent | null | undefined): string {
  const clock = (t: string | undefined) =>
    t && /^\d{2}:\d{2}$/.test(t) ? t.replace(':', '.') : null;
  const zone = event?.timeZone ?? 'WIB';
  const start = clock(event?.startTime);
  if (!start) return `${BLANK} ${zone} s.d. selesai`;
  const end = clock(event?.endTime);
  return end ? `${start} s.d. ${end} ${zone}` : `${start} ${zone} s.d. selesai`;
}

/** The place, with the meeting link when there is one (or the link alone, "Daring"). */
function tempat(event: TemplateEvent | null | undefined): string {
  const place = event?.place?.trim();
  const link = event?.onlineLink?.trim();
  if (place && link) return `${place} / daring: ${link}`;
  if (link) return `Daring: ${link}`;
  return place || BLANK;
}

const p = (runs: Run[] | string, extra: Partial<Extract<Block, { type: 'paragraph' }>> = {}) =>
  ({
    type: 'paragraph',
    runs: typeof runs === 'string' ? [{ text: runs }] : runs,
    // Explicit: the editor reads a paragraph without `indent` as indented.
    indent: false,
    ...extra,
  }) as Block;
const indented = (runs: Run[] | string) => p(runs, { indent: true });
const numbered = (...items: string[]): Block => ({
  type: 'list',
  style: 'numbered',
  items: items.map((text) => ({ runs: [{ text }] })),
});
/** A layout table without borders ("Hari/tanggal : …"), as invitations and surat tugas print. */
const layout = (rows: string[][]): Block => ({
  type: 'table',
  borders: false,
  rows: rows.map((cells) => ({ cells: cells.map((text) => ({ runs: [{ text }] })) })),
});

const subjectOr = (fill: TemplateFill) => fill.subject.trim() || BLANK;

function dateText(value: string | Date | null): string {
  if (!value) return BLANK;
  const date = typeof value === 'string' ? new Date(`${value.slice(0, 10)}T12:00:00+07:00`) : value;
  return Number.isNaN(date.getTime()) ? BLANK : formatDateId(date);
}

/** "surat Kepala Arsip Nasional Nomor B-99/… tanggal 2 November 2026 perihal …" */
export function referencePhrase(reference: TemplateReference): string {
  return (
    `surat ${reference.senderName} Nomor ${reference.letterNumber} tanggal ` +
    `${dateText(reference.letterDate)} perihal ${reference.subject}`
  );
}

/** "Undangan Rapat Koordinasi Kearsipan" → "Rapat Koordinasi Kearsipan". */
export function eventOf(subject: string): string {
  const event = subject.replace(/^\s*undangan\b\s*/i, '').trim();
  return event || BLANK;
}

function opening(fill: TemplateFill, after: string): Block {
  return indented(
    fill.reference
      ? `Menindaklanjuti ${referencePhrase(fill.reference)}, ${after}`
      : `Sehubungan dengan ${subjectOr(fill)}, ${after}`,
  );
}

function suratDinas(fill: TemplateFill): Body {
  return [
    p('Dengan hormat,'),
    opening(fill, 'bersama ini kami sampaikan hal-hal sebagai berikut:'),
    numbered(`${BLANK};`, `${BLANK}.`),
    indented('Demikian disampaikan, atas perhatian dan kerja sama Saudara diucapkan terima kasih.'),
  ];
}

function suratUndangan(fill: TemplateFill): Body {
  const event = fill.event?.title?.trim() || eventOf(fill.subject);
  return [
    p('Dengan hormat,'),
    indented(
      fill.reference
        ? `Menindaklanjuti ${referencePhrase(fill.reference)}, dengan ini kami mengundang Saudara untuk hadir pada:`
        : `Dalam rangka ${event === BLANK ? BLANK : event}, dengan ini kami mengundang Saudara untuk hadir pada:`,
    ),
    layout([
      ['Hari/tanggal', ':', hariTanggal(fill.event?.date)],
      ['Pukul', ':', pukul(fill.event)],
      ['Tempat', ':', tempat(fill.event)],
      ['Acara', ':', event],
    ]),
    indented('Mengingat pentingnya acara tersebut, dimohon kehadiran Saudara tepat pada waktunya.'),
    indented(
      'Demikian undangan ini disampaikan, atas perhatian dan kehadiran Saudara diucapkan terima kasih.',
    ),
  ];
}

function notaDinas(fill: TemplateFill): Body {
  return [
    opening(fill, 'dengan hormat kami sampaikan hal-hal sebagai berikut:'),
    numbered(`${BLANK};`, `${BLANK}.`),
    indented('Demikian disampaikan, atas perhatiannya diucapkan terima kasih.'),
  ];
}

function suratEdaran(fill: TemplateFill): Body {
  const section = (n: number, title: string) => p([{ text: `${n}. ${title}`, bold: true }]);
  const subject = subjectOr(fill);
  return [
    section(1, 'Latar Belakang'),
    indented(`Sehubungan dengan ${subject}, ${BLANK}.`),
    section(2, 'Maksud dan Tujuan'),
    indented(
      `Surat Edaran ini dimaksudkan sebagai pedoman bagi ${fill.addressees.length ? fill.addressees.join(', ') : BLANK} ` +
        `dalam ${subject}, dengan tujuan ${BLANK}.`,
    ),
    section(3, 'Ruang Lingkup'),
    indented(`Ruang lingkup Surat Edaran ini meliputi ${BLANK}.`),
    section(4, 'Dasar'),
    {
      type: 'list',
      style: 'lettered',
      items: [
        ...(fill.reference
          ? [{ runs: [{ text: `${capitalise(referencePhrase(fill.reference))};` }] }]
          : []),
        { runs: [{ text: `${BLANK}.` }] },
      ],
    },
    section(5, 'Isi Edaran'),
    numbered(`${BLANK};`, `${BLANK}.`),
    section(6, 'Penutup'),
    indented('Demikian Surat Edaran ini disampaikan untuk dilaksanakan sebagaimana mestinya.'),
  ];
}

function suratTugas(fill: TemplateFill): Body {
  const basis = fill.reference
    ? [`a. ${capitalise(referencePhrase(fill.reference))};`, `b. ${BLANK}.`]
    : [`a. ${BLANK};`, `b. ${BLANK}.`];
  const people: TemplateAssignee[] = fill.assignees.length
    ? fill.assignees
    : [{ name: BLANK, nip: null, rank: null, title: BLANK }];
  const many = people.length > 1;
  const kepada = people.flatMap((person, index) => {
    const label = (text: string) => (many && text === 'Nama' ? `${index + 1}. Nama` : text);
    return [
      [index === 0 ? 'Kepada' : '', index === 0 ? ':' : '', label('Nama'), `: ${person.name}`],
      ['', '', 'NIP', `: ${person.nip ?? BLANK}`],
      ['', '', 'Pangkat/Gol.', `: ${person.rank ?? BLANK}`],
      ['', '', 'Jabatan', `: ${person.title}`],
    ];
  });
  const reportTo = fill.signerTitle ?? BLANK;
  return [
    layout([
      ['Dasar', ':', basis[0]!],
      ['', '', basis[1]!],
    ]),
    p([{ text: 'MENUGASKAN:', bold: true }], { align: 'center' }),
    layout(kepada),
    layout([
      ['Untuk', ':', `1. melaksanakan tugas ${subjectOr(fill)} pada ${BLANK} di ${BLANK};`],
      ['', '', `2. melaporkan hasil pelaksanaan tugas kepada ${reportTo}.`],
    ]),
    indented('Demikian Surat Tugas ini dibuat untuk dilaksanakan dengan penuh tanggung jawab.'),
  ];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const TEMPLATES: Record<OutgoingKind, (fill: TemplateFill) => Body> = {
  surat_dinas: suratDinas,
  surat_undangan: suratUndangan,
  nota_dinas: notaDinas,
  surat_edaran: suratEdaran,
  surat_tugas: suratTugas,
};

/** The body a new draft of this kind starts from. */
export function bodyTemplate(kind: OutgoingKind, fill: TemplateFill): Body {
  return TEMPLATES[kind](fill);
}
