/**
 * The kinds of outgoing naskah dinas Lontar drafts, and how each is laid out:
 * - letter: Nomor/Sifat/Lampiran/Hal block with the date at the top and "Yth." on the right
 *   (Surat Dinas, Surat Undangan);
 * - memo: centred title with the Yth./Dari/Tanggal/Nomor/... table (Nota Dinas);
 * - titled: centred title and number, place and date above the signature (Surat Edaran,
 *   Surat Tugas).
 */
export const OUTGOING_KINDS = [
  'surat_dinas',
  'nota_dinas',
  'surat_undangan',
  'surat_edaran',
  'surat_tugas',
] as const;
export type OutgoingKind = (typeof OUTGOING_KINDS)[number];

export type KindLayout = 'letter' | 'memo' | 'titled';

export interface KindDefinition {
  kind: OutgoingKind;
  label: string;
  layout: KindLayout;
  /** Printed title for memo/titled layouts. */
  title?: string;
  /** Surat Edaran print "TENTANG <hal>" under the number. */
  subjectUnderTitle?: boolean;
  /** "Ditetapkan di ... pada tanggal ..." instead of "Bandar Lampung, ...". */
  enacted?: boolean;
  /** Where "Yth." goes: letters address it on the right, edaran above the body. */
  addresseeAboveBody?: boolean;
  /** Hal proposed for a new draft. */
  defaultSubject?: string;
  /** Kode klasifikasi proposed for a new draft. */
  defaultClassificationCode: string;
  /** Number pattern; tokens {kode} {urut} {unit} {tahun} {bulan}. */
  numberPattern: string;
  /** A counter of its own per unit and year (instead of sharing the unit's counter). */
  counterPerKind?: boolean;
}

export const KIND_DEFINITIONS: Record<OutgoingKind, KindDefinition> = {
  surat_dinas: {
    kind: 'surat_dinas',
    label: 'Surat Dinas',
    layout: 'letter',
    defaultClassificationCode: '000.1',
    numberPattern: '{kode}/{urut}/{unit}/{tahun}',
  },
  surat_undangan: {
    kind: 'surat_undangan',
    label: 'Surat Undangan',
    layout: 'letter',
    defaultSubject: 'Undangan',
    defaultClassificationCode: '000.1.5',
    numberPattern: '{kode}/{urut}/{unit}/{tahun}',
  },
  nota_dinas: {
    kind: 'nota_dinas',
    label: 'Nota Dinas',
    layout: 'memo',
    title: 'NOTA DINAS',
    defaultClassificationCode: '000.1',
    numberPattern: '{kode}/{urut}/{unit}/{tahun}',
  },
  surat_edaran: {
    kind: 'surat_edaran',
    label: 'Surat Edaran',
    layout: 'titled',
    title: 'SURAT EDARAN',
    subjectUnderTitle: true,
    enacted: true,
    addresseeAboveBody: true,
    defaultClassificationCode: '000.1',
    numberPattern: '{kode}/{urut}/{unit}/{tahun}',
  },
  surat_tugas: {
    kind: 'surat_tugas',
    label: 'Surat Tugas',
    layout: 'titled',
    title: 'SURAT TUGAS',
    defaultSubject: 'Surat Tugas',
    defaultClassificationCode: '800.1.11.1',
    numberPattern: '{kode}/{urut}/{unit}/{tahun}',
  },
};

export function kindDefinition(kind: OutgoingKind): KindDefinition {
  return KIND_DEFINITIONS[kind];
}
