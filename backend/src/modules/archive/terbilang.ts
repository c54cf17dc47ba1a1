import { MONTHS_ID } from '../documents/format-id.ts';

/** Numbers and dates in words, as a berita acara writes them ("Pada hari ini Senin tanggal
 * dua puluh delapan bulan November tahun dua ribu dua puluh enam"). */
const ONES = [
  '',
  'satu',
  'dua',
  'tiga',
  'empat',
  'lima',
  'enam',
  'tujuh',
  'delapan',
  'sembilan',
  'sepuluh',
  'sebelas',
];

export function terbilang(n: number): string {
  const value = Math.floor(Math.abs(n));
  if (value === 0) return 'nol';
  return words(value).replace(/\s+/g, ' ').trim();
}

function words(n: number): string {
  if (n < 12) return ONES[n]!;
  if (n < 20) return `${words(n - 10)} belas`;
  if (n < 100) return `${words(Math.floor(n / 10))} puluh ${words(n % 10)}`;
  if (n < 200) return `seratus ${words(n - 100)}`;
  if (n < 1000) return `${words(Math.floor(n / 100))} ratus ${words(n % 100)}`;
  if (n < 2000) return `seribu ${words(n - 1000)}`;
  if (n < 1_000_000) return `${words(Math.floor(n / 1000))} ribu ${words(n % 1000)}`;
  if (n < 1_000_000_000) return `${words(Math.floor(n / 1_000_000))} juta ${words(n % 1_000_000)}`;
  return `${words(Math.floor(n / 1_000_000_000))} miliar ${words(n % 1_000_000_000)}`;
}

const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];

/** `Senin`, for a calendar date `YYYY-MM-DD`. */
export function dayName(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return DAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
}

/** "hari Senin tanggal dua puluh delapan bulan November tahun dua ribu dua puluh enam" */
export function tanggalTerbilang(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `hari ${dayName(date)} tanggal ${terbilang(d)} bulan ${MONTHS_ID[m - 1]} tahun ${terbilang(y)}`;
}
