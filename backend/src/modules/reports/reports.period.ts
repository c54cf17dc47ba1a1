import { addDays, startOfJakartaDay } from '../calendar/dates.ts';
import { MONTHS_ID } from '../documents/format-id.ts';

/** A report's period: a Jakarta calendar month or year, as instants [from, to) and days. */
export interface Period {
  kind: 'month' | 'year';
  year: number;
  /** 1-12 for a monthly report. */
  month: number | null;
  from: Date;
  to: Date;
  /** Its Jakarta calendar days, `YYYY-MM-DD`. */
  days: string[];
  /** `2026-12` or `2026`: the period names of the outgoing register keys (list-keys.ts). */
  key: string;
  /** "Desember 2026" or "Tahun 2026". */
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function periodOf(year: number, month: number | null): Period {
  const first = month ? `${year}-${pad(month)}-01` : `${year}-01-01`;
  const next = month
    ? month === 12
      ? `${year + 1}-01-01`
      : `${year}-${pad(month + 1)}-01`
    : `${year + 1}-01-01`;
  const days: string[] = [];
  for (let day = first; day < next; day = addDays(day, 1)) days.push(day);
  return {
    kind: month ? 'month' : 'year',
    year,
    month,
    from: startOfJakartaDay(first),
    to: startOfJakartaDay(next),
    days,
    key: month ? `${year}-${pad(month)}` : String(year),
    label: month ? `${MONTHS_ID[month - 1]} ${year}` : `Tahun ${year}`,
  };
}

export function within(period: Period, at: Date | string | null | undefined): boolean {
  if (!at) return false;
  const t = new Date(at).getTime();
  return t >= period.from.getTime() && t < period.to.getTime();
}
