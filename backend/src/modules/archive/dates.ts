import { now } from '../../lib/clock.ts';
import { jakartaDateString } from '../documents/format-id.ts';

/** Calendar dates (`YYYY-MM-DD`, Asia/Jakarta) compare as strings, which is why retention
 * dates are stored in this form. */
export const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function today(): string {
  return jakartaDateString(now());
}

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The same calendar day `years` later; 29 February becomes 28 February in common years. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = parts(date);
  const year = y + years;
  const day = Math.min(d, daysInMonth(year, m));
  return `${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

export function isValidCalendarDate(value: string): boolean {
  if (!CALENDAR_DATE.test(value)) return false;
  const [y, m, d] = parts(value);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}
