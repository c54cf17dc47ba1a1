import { DAY_NAMES, MONTH_NAMES } from '../src/lib/calendar-names.ts';

/** A day `days` ahead of today in Jakarta (WIB): its `YYYY-MM-DD` and how letters and the
 * agenda write it ("Kamis, 10 Desember 2026"). Far enough ahead, an event on it stays in the
 * agenda feed's window whenever the test runs. */
export function jakartaDayAhead(days: number): { date: string; hariTanggal: string } {
  const day = new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000);
  return {
    date: day.toISOString().slice(0, 10),
    hariTanggal: `${DAY_NAMES[day.getUTCDay()]}, ${day.getUTCDate()} ${MONTH_NAMES[day.getUTCMonth()]} ${day.getUTCFullYear()}`,
  };
}
