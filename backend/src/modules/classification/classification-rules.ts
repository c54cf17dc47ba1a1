/**
 * Cold-start rules for the classification suggestion: what a letter shows before any clerk
 * has chosen a code for its sender or its subject words. Pure (no database), so the prefill
 * bench can score them. Learned tallies (classification-suggestion.ts) outweigh them.
 */
export interface RuleCandidate {
  code: string;
  weight: number;
  /** Bahasa Indonesia, shown beside the picker. */
  reason: string;
}

/** Subject words → the code clerks file them under (Permendagri 83/2022, domain.md §5).
 * Specific words before general ones; every match adds its weight. */
const SUBJECT_RULES: Array<[RegExp, string, string]> = [
  [/\bsurat\s+tugas\b/i, '800.1.11.1', 'surat tugas'],
  [/\bperjalanan\s+dinas\b/i, '800.1.11.1', 'perjalanan dinas'],
  [/\bkearsipan\b|\barsip\b/i, '000.5', 'kearsipan'],
  [/\bsop\b|standar\s+operasional/i, '000.8.3.3', 'SOP'],
  [/\borganisasi\b|tata\s+laksana|kelembagaan/i, '000.8', 'organisasi'],
  [/\brencana\s+kerja\b|\bperencanaan\b|\bmusrenbang\b|\brkpd\b/i, '000.7', 'perencanaan'],
  [/\bpengadaan\b|\blelang\b|\btender\b/i, '000.3', 'pengadaan'],
  [/\bperlengkapan\b|barang\s+milik\s+daerah|\binventaris\b/i, '000.2', 'barang milik daerah'],
  [/\bpenelitian\b|\bpengkajian\b|\bkajian\b|\briset\b/i, '000.9', 'penelitian'],
  [/\bkeputusan\s+gubernur\b/i, '100.3.3.1', 'keputusan gubernur'],
  [/\bhukum\b|\bperaturan\b|\bperda\b|\bpergub\b/i, '100.3', 'hukum'],
  [/\botonomi\b/i, '100.1', 'otonomi daerah'],
  [/\bpemerintahan\b|\bkewilayahan\b|\bdesa\b/i, '100.2', 'pemerintahan'],
  [/\bpendidikan\b|\bsekolah\b|\bbeasiswa\b/i, '400.3', 'pendidikan'],
  [/\bkesehatan\b|\brumah\s+sakit\b|\bpuskesmas\b|\bimunisasi\b/i, '400.7', 'kesehatan'],
  [/\bhumas\b|hubungan\s+masyarakat|\bpublikasi\b|\bmedia\b/i, '400.14', 'hubungan masyarakat'],
  [/\bkeamanan\b|\bketertiban\b|\bbencana\b/i, '300', 'keamanan dan ketertiban'],
  [/\bpengawasan\b|\baudit\b|\binspektorat\b|\bpemeriksaan\b/i, '700', 'pengawasan'],
  [/\bkepegawaian\b|\bpegawai\b|\basn\b|\bcuti\b|\bmutasi\b|\bpensiun\b/i, '800.1', 'kepegawaian'],
  [/\bkeuangan\b|\banggaran\b|\bapbd\b|\bpajak\b|\bretribusi\b/i, '900.1', 'keuangan'],
  [/\brapat\s+pimpinan\b/i, '000.1.5', 'rapat pimpinan'],
];

/** A letter number that starts with a code ("900.1/1853/II.08/2026"): the sender filed it
 * there, and the receiving desk usually files it under the same code. */
const NUMBER_CODE = /^\s*(\d{3}(?:\.\d{1,3}){0,5})\s*\//;

export function ruleCandidates(input: {
  subject?: string;
  letterNumber?: string;
}): RuleCandidate[] {
  const out: RuleCandidate[] = [];
  const number = NUMBER_CODE.exec(input.letterNumber ?? '');
  if (number) out.push({ code: number[1]!, weight: 1.5, reason: 'kode pada nomor surat' });
  const subject = input.subject ?? '';
  for (const [pattern, code, word] of SUBJECT_RULES) {
    if (pattern.test(subject)) out.push({ code, weight: 1, reason: `kata “${word}” pada hal` });
  }
  return out;
}

const STOP_WORDS = new Set(
  (
    'dan yang untuk dengan dalam atas dari pada oleh tentang tahun surat nomor perihal hal ' +
    'provinsi kabupaten kota lampung daerah bapak ibu kepada para serta bagi secara sebagai ' +
    'tersebut agar akan telah sudah dapat kami kita anda ini itu'
  ).split(' '),
);

/** The subject's words that carry meaning, folded, at most eight (each is one tally read). */
export function subjectWords(subject: string): string[] {
  const words = subject
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 4 && !STOP_WORDS.has(w) && !/^\d+$/.test(w));
  return [...new Set(words)].slice(0, 8);
}
