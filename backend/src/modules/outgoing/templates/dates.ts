/** Dates as naskah dinas print them, in Asia/Jakarta: "28 November 2026". */
import { MONTHS_ID } from '../../documents/format-id.ts';

const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Calendar parts of the instant in Jakarta (UTC+7, no daylight saving). */
export function jakartaParts(date: Date): { year: number; month: number; day: number } {
  const shifted = new Date(date.getTime() + JAKARTA_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

export function formatDateId(date: Date): string {
  const { year, month, day } = jakartaParts(date);
  return `${day} ${MONTHS_ID[month - 1]} ${year}`;
}

/** "      November 2026": how a konsep leaves the day for the signer's date. */
export function blankDayDateId(date: Date): string {
  const { year, month } = jakartaParts(date);
  return `${' '.repeat(8)}${MONTHS_ID[month - 1]} ${year}`;
}

const ROMAN: Array<[number, string]> = [
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** Months in Roman numerals for `{bulan}` in letter numbers (1 → I, 12 → XII). */
export function romanMonth(month: number): string {
  let n = month;
  let out = '';
  for (const [value, symbol] of ROMAN) {
    while (n >= value) {
      out += symbol;
      n -= value;
    }
  }
  return out;
}
