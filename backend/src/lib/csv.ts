/** CSV cells for everything Lontar exports (registers, handover lists, import reports): one
 * copy, so every export quotes and neutralises the same way. */

/** Quoted when it holds a quote, a comma, a semicolon (spreadsheets set to an Indonesian
 * locale split on `;`) or a line break; quotes inside are doubled (RFC 4180). */
export function quoteCsv(text: string): string {
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A cell of an export: empty for null/undefined, and text that a spreadsheet would run as
 * a formula (a leading = + - @, or a tab or carriage return before one) gets a leading `'`
 * so it is shown, not evaluated (CSV injection). A lone "-" (an empty field) stays. */
export function csvCell(value: unknown): string {
  const raw = value === null || value === undefined ? '' : String(value);
  const text = raw !== '-' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return quoteCsv(text);
}

/** One line of cells, without its line end. */
export function csvRow(values: readonly unknown[]): string {
  return values.map(csvCell).join(',');
}
