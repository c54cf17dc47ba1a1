/** Indonesian formats for documents and exports (domain.md: `28 November 2026`,
 * `09.00 WIB`, `1.234`), always in Asia/Jakarta whatever the server's zone. */
export const TIME_ZONE = 'Asia/Jakarta';

export const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/** Calendar parts of an instant in Jakarta. */
export function jakartaParts(date: Date): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
} {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** `2026-11-28` (the Jakarta calendar date of an instant). */
export function jakartaDateString(date: Date): string {
  const p = jakartaParts(date);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** `28 November 2026` from a calendar date (`YYYY-MM-DD`) or an instant (shown in Jakarta). */
export function formatTanggal(value: Date | string | null | undefined): string {
  if (!value) return '-';
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (!m) return value;
    return `${Number(m[3])} ${MONTHS_ID[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
  }
  const p = jakartaParts(value);
  return `${p.day} ${MONTHS_ID[p.month - 1]} ${p.year}`;
}

/** `09.00 WIB` */
export function formatJam(value: Date): string {
  const p = jakartaParts(value);
  return `${String(p.hour).padStart(2, '0')}.${String(p.minute).padStart(2, '0')} WIB`;
}

/** `28 November 2026 09.00 WIB` */
export function formatTanggalJam(value: Date): string {
  return `${formatTanggal(value)} ${formatJam(value)}`;
}

/** `1.234` */
export function formatAngka(value: number): string {
  return new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(value);
}

export const URGENCY_LABELS: Record<string, string> = {
  biasa: 'Biasa',
  segera: 'Segera',
  sangat_segera: 'Sangat Segera',
};

export const SECURITY_LABELS: Record<string, string> = {
  B: 'Biasa',
  T: 'Terbatas',
  R: 'Rahasia',
  SR: 'Sangat Rahasia',
};
