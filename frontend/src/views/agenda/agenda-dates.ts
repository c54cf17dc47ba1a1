/** Calendar arithmetic on `YYYY-MM-DD` strings (UTC noon: no zone moves a day) and the
 * Indonesian labels of the agenda screens. */
import { DAY_NAMES, MONTH_NAMES } from '@/lib/calendar-names.ts';

const noon = (date: string) => new Date(`${date}T12:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const d = noon(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

export function todayJakarta(now = new Date()): string {
  return iso(new Date(now.getTime() + 7 * 3_600_000));
}

export type AgendaMode = 'day' | 'week' | 'month';

/** The days a view shows: the day; Monday to Sunday; the month's first to last day. */
export function rangeOf(mode: AgendaMode, date: string): { from: string; to: string } {
  if (mode === 'day') return { from: date, to: date };
  if (mode === 'week') {
    const from = addDays(date, -((noon(date).getUTCDay() + 6) % 7));
    return { from, to: addDays(from, 6) };
  }
  const from = `${date.slice(0, 7)}-01`;
  const next = noon(from);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return { from, to: addDays(iso(next), -1) };
}

export function shift(mode: AgendaMode, date: string, step: number): string {
  if (mode === 'day') return addDays(date, step);
  if (mode === 'week') return addDays(date, 7 * step);
  const d = noon(`${date.slice(0, 7)}-01`);
  d.setUTCMonth(d.getUTCMonth() + step);
  return iso(d);
}

/** "Kamis, 10 Desember 2026". */
export function hariTanggal(date: string): string {
  const d = noon(date);
  return `${DAY_NAMES[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

export function bulanTahun(date: string): string {
  const d = noon(date);
  return `${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

export function rangeLabel(mode: AgendaMode, date: string): string {
  const { from, to } = rangeOf(mode, date);
  if (mode === 'day') return hariTanggal(from);
  if (mode === 'month') return bulanTahun(from);
  return `${noon(from).getUTCDate()} ${MONTH_NAMES[noon(from).getUTCMonth()]} – ${hariTanggal(to).split(', ')[1]}`;
}

/** `2026-12-10T09:00:00+07:00` → its local date and "09.00" (the offset is the entry's zone). */
export function localDate(isoTime: string): string {
  return isoTime.slice(0, 10);
}
export function localClock(isoTime: string): string {
  return isoTime.slice(11, 16).replace(':', '.');
}
