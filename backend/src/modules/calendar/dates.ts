/** Calendar dates (`YYYY-MM-DD`) as the Setda lives them: in Asia/Jakarta (UTC+7, no DST).
 * Arithmetic runs on UTC noon of the date so no zone or DST rule can shift a day. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;

export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
  return date.toISOString().slice(0, 10) === value;
}

function toUtcNoon(value: string): Date {
  const match = DATE.exec(value);
  if (!match) throw new Error(`not a calendar date: ${value}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
}

/** The Jakarta calendar date of an instant. */
export function jakartaDate(at: Date): string {
  return new Date(at.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(value: string, days: number): string {
  const date = toUtcNoon(value);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(value: string): number {
  return toUtcNoon(value).getUTCDay();
}

/** Midnight at the start of the date in Jakarta, as an instant. */
export function startOfJakartaDay(value: string): Date {
  return new Date(toUtcNoon(value).getTime() - 12 * 60 * 60 * 1000 - JAKARTA_OFFSET_MS);
}

/** The first instant after the date ends in Jakarta: a deadline on `value` is missed from here. */
export function endOfJakartaDay(value: string): Date {
  return startOfJakartaDay(addDays(value, 1));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcNoon(to).getTime() - toUtcNoon(from).getTime()) / 86_400_000);
}
