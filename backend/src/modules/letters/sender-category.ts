/**
 * Who sent an incoming letter (asal pengirim) and how it reached the desk (saluran
 * penerimaan): closed lists, stored on the letter at registration (issue 17, reports by
 * sender category and channel). The keys are stored; the labels are what screens, reports
 * and the Riwayat show. docs/architecture.md lists both.
 */
export const SENDER_CATEGORIES = {
  'kementerian-lembaga': 'Kementerian/lembaga pusat',
  'perangkat-daerah': 'Perangkat daerah provinsi sendiri',
  'pemprov-lain': 'Pemerintah provinsi lain',
  'pemkab-pemkot': 'Pemerintah kabupaten/kota',
  dprd: 'DPRD',
  'instansi-vertikal': 'Instansi vertikal',
  'bumn-bumd': 'BUMN/BUMD',
  swasta: 'Swasta dan perguruan tinggi',
  ormas: 'Organisasi masyarakat',
  perorangan: 'Perorangan/masyarakat',
  lainnya: 'Lainnya',
} as const;
export type SenderCategory = keyof typeof SENDER_CATEGORIES;
export const SENDER_CATEGORY_KEYS = Object.keys(SENDER_CATEGORIES) as [
  SenderCategory,
  ...SenderCategory[],
];

/** `lontar` (an internal letter dispatched through Lontar) and `tidak-tercatat` (letters
 * registered before the channel was recorded, or by an API client that did not say) are
 * set by the system; a clerk chooses one of the others. */
export const INCOMING_CHANNELS = {
  langsung: 'Diantar langsung/kurir',
  pos: 'Pos',
  email: 'Surel (email)',
  srikandi: 'SRIKANDI/aplikasi',
  faksimile: 'Faksimile',
  lainnya: 'Lainnya',
  lontar: 'Naskah dinas elektronik (Lontar)',
  'tidak-tercatat': 'Tidak tercatat',
} as const;
export type IncomingChannel = keyof typeof INCOMING_CHANNELS;
export const CHANNEL_KEYS = Object.keys(INCOMING_CHANNELS) as [
  IncomingChannel,
  ...IncomingChannel[],
];
export const CLERK_CHANNELS = [
  'langsung',
  'pos',
  'email',
  'srikandi',
  'faksimile',
  'lainnya',
] as const satisfies readonly IncomingChannel[];
export const UNRECORDED_CHANNEL = 'tidak-tercatat' satisfies IncomingChannel;

export const INTERNAL_NOTE = 'Naskah dinas internal dari Lontar';

/**
 * A first guess of the category from the sender's name, as clerks type it from the
 * letterhead (kop): its words say the kind of institution. Used where the address book has
 * no category for the sender yet (the registration form, the start-up backfill, recipients
 * of outgoing letters). Order matters: "Kantor Wilayah Kementerian ..." is vertical, "Dinas
 * ... Kabupaten ..." is a regency. Internal letters are known by their registration note.
 */
export function guessSenderCategory(senderName: string, notes = ''): SenderCategory {
  if (notes.startsWith(INTERNAL_NOTE)) return 'perangkat-daerah';
  const name = senderName.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/\bdprd\b|dewan perwakilan rakyat daerah/.test(name)) return 'dprd';
  if (
    /^(kantor wilayah|kanwil|kantor pelayanan|kpp\b|kantor pertanahan|kantor imigrasi|kantor kementerian|balai besar|balai|kepolisian daerah|polda|polres|polresta|kejaksaan (tinggi|negeri)|kejati|kejari|pengadilan|komando|kodam|korem|kodim|lanud|perwakilan (bpk|bpkp|bank indonesia|ombudsman)|badan pusat statistik (provinsi|kabupaten|kota)|bps (provinsi|kabupaten|kota)|stasiun|pangkalan)\b/.test(
      name,
    )
  )
    return 'instansi-vertikal';
  if (
    /\b(persero|perseroda|perum|perumda|bumn|bumd|pdam)\b|^(pt )?(bank (rakyat indonesia|negara indonesia|mandiri|tabungan negara|lampung|pembangunan daerah)|pln|pertamina|telkom|pos indonesia|kereta api indonesia|angkasa pura|pelabuhan indonesia|pelindo|jasa marga|taspen|asabri)\b/.test(
      name,
    )
  )
    return 'bumn-bumd';
  if (/^(pemerintah provinsi|gubernur|sekretariat daerah provinsi)\b/.test(name))
    return 'pemprov-lain';
  if (
    /^(kementerian|kementrian|menteri|lembaga|komisi|mahkamah|sekretariat (jenderal|negara|kabinet|presiden)|kantor staf|kejaksaan agung|kepolisian negara|markas besar|dewan perwakilan rakyat republik|majelis permusyawaratan|ombudsman|bpjs|badan (nasional|pemeriksa keuangan|pengawasan keuangan|pusat statistik$|siber|meteorologi|pengawas obat)|arsip nasional)/.test(
      name,
    )
  )
    return 'kementerian-lembaga';
  if (
    /^(pt|cv|ud|fa|toko|bank|koperasi|universitas|fakultas|institut|politeknik|sekolah tinggi|akademi|rumah sakit(?! umum daerah)|klinik|kantor (notaris|hukum|akuntan))\b/.test(
      name,
    )
  )
    return 'swasta';
  if (
    /^(yayasan|perkumpulan|ikatan|asosiasi|lsm|lembaga swadaya|persatuan|himpunan|forum|paguyuban|organisasi|majelis ulama|nahdlatul|muhammadiyah|gerakan|aliansi|karang taruna|tim penggerak|dewan pimpinan|partai|serikat|komunitas|keluarga besar)\b/.test(
      name,
    )
  )
    return 'ormas';
  if (
    /^(bapak|ibu|bpk|sdr|saudara|saudari|tn|ny|nn|warga|masyarakat|kuasa hukum|advokat|ketua rt|ketua rw)\b/.test(
      name,
    )
  )
    return 'perorangan';
  if (
    /^(pemerintah (kabupaten|kota)|bupati|wali ?kota|camat|kepala desa|desa|kelurahan|kecamatan)\b|\b(kabupaten|kota)\b/.test(
      name,
    )
  )
    return 'pemkab-pemkot';
  if (/\b(nasional|republik indonesia)$/.test(name)) return 'kementerian-lembaga';
  if (
    /^(dinas|badan|biro|inspektorat|satuan polisi|rsud|rumah sakit umum daerah|sekretariat daerah|upt|unit pelaksana)\b/.test(
      name,
    )
  )
    return 'perangkat-daerah';
  return 'lainnya';
}

export const senderCategoryLabel = (key: string): string =>
  (SENDER_CATEGORIES as Record<string, string>)[key] ?? key;
export const channelLabel = (key: string): string =>
  (INCOMING_CHANNELS as Record<string, string>)[key] ?? key;
