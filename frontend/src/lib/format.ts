/** Dates, times and numbers the way Lontar's users read them (domain.md §6): dates as
 * `28 November 2026`, times as `09.00 WIB` (Asia/Jakarta), numbers with `.` for thousands.
 * Storage and the API speak UTC; only these helpers turn instants into local words. */

export const TIME_ZONE = 'Asia/Jakarta';
const LOCALE = 'id-ID';

type DateInput = Date | string | number;

function toDate(value: DateInput): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const dateFormat = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: TIME_ZONE,
});
const dateWithDayFormat = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: TIME_ZONE,
});
const shortDateFormat = new Intl.DateTimeFormat(LOCALE, {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: TIME_ZONE,
});
const partsFormat = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZone: TIME_ZONE,
});
const numberFormat = new Intl.NumberFormat(LOCALE);

/** The wall-clock fields of an instant in Jakarta. */
export function jakartaParts(value: DateInput): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
} | null {
  const date = toDate(value);
  if (!date) return null;
  const parts: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** `28 November 2026`; an empty string for missing or invalid input. */
export function formatDate(value: DateInput | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = toDate(value);
  return date ? dateFormat.format(date) : '';
}

/** `Sabtu, 28 November 2026`. */
export function formatDateWithDay(value: DateInput | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = toDate(value);
  return date ? dateWithDayFormat.format(date) : '';
}

/** `28/11/2026`, for dense tables. */
export function formatDateShort(value: DateInput | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = toDate(value);
  return date ? shortDateFormat.format(date) : '';
}

/** `09.00 WIB`. */
export function formatTime(value: DateInput | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const parts = jakartaParts(value);
  if (!parts) return '';
  return `${pad(parts.hour)}.${pad(parts.minute)} WIB`;
}

/** `28 November 2026, 09.00 WIB`. */
export function formatDateTime(value: DateInput | null | undefined): string {
  const date = formatDate(value);
  return date ? `${date}, ${formatTime(value)}` : '';
}

/** A calendar date (`2026-11-28`, as the API sends date-only fields) shown as
 * `28 November 2026` without any time-zone shift. */
export function formatCalendarDate(value: string | null | undefined): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return formatDate(value);
  const [, year, month, day] = match;
  return dateFormat.format(new Date(`${year}-${month}-${day}T12:00:00+07:00`));
}

/** The Jakarta calendar date of an instant as `YYYY-MM-DD`. */
export function toJakartaDateString(value: DateInput): string {
  const parts = jakartaParts(value);
  if (!parts) return '';
  return `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`;
}

/** Midnight in Jakarta of a `YYYY-MM-DD` calendar date, as an instant. */
export function jakartaMidnight(calendarDate: string): Date {
  return new Date(`${calendarDate}T00:00:00+07:00`);
}

/** A date picked in a date picker (local fields) → the same calendar date as `YYYY-MM-DD`. */
export function pickerDateToString(value: Date): string {
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

/** `YYYY-MM-DD` → a local Date for a date picker showing the same calendar date. */
export function stringToPickerDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** `1.234.567`. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return numberFormat.format(value);
}

/** `2,4 MB`, with Indonesian decimal comma. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || Number.isNaN(bytes)) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const text = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: digits }).format(value);
  return `${text} ${units[unit]}`;
}

/** Greeting by the hour in Jakarta: pagi (until 11), siang (until 15), sore (until 18), malam. */
export function greetingFor(value: DateInput = new Date()): string {
  const hour = jakartaParts(value)?.hour ?? 12;
  if (hour >= 4 && hour < 11) return 'Selamat pagi';
  if (hour >= 11 && hour < 15) return 'Selamat siang';
  if (hour >= 15 && hour < 18) return 'Selamat sore';
  return 'Selamat malam';
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** NIP in its usual reading groups: `19700101 199003 1 001` (birth date, appointment month,
 * sex, serial). Anything that is not 18 digits is shown as given. */
export function formatNip(value: string | null | undefined): string {
  if (!value) return '';
  const digits = value.replace(/\s/g, '');
  if (!/^\d{18}$/.test(digits)) return value;
  return `${digits.slice(0, 8)} ${digits.slice(8, 14)} ${digits.slice(14, 15)} ${digits.slice(15)}`;
}
