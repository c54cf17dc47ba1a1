/**
 * Suggestions for the registration form from the OCR text of a letter's first page. Each
 * field is a guess the clerk confirms; a field that cannot be found is left out.
 */
export interface PrefillSuggestions {
  letterNumber?: string;
  /** ISO date (YYYY-MM-DD). */
  letterDate?: string;
  subject?: string;
  senderName?: string;
}

const MONTHS = [
  'januari',
  'februari',
  'maret',
  'april',
  'mei',
  'juni',
  'juli',
  'agustus',
  'september',
  'oktober',
  'november',
  'desember',
];
const MONTH_ALIASES: Record<string, number> = {
  pebruari: 2,
  nopember: 11,
  agt: 8,
  agu: 8,
  okt: 10,
  des: 12,
  nov: 11,
  sep: 9,
  sept: 9,
};
const WEEKDAYS = /^(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|hari)/i;
const LABEL = (name: string) => new RegExp(`^\\s*${name}(?:\\s*[-—–:;.,])*\\s*(.*)$`, 'i');
const STOP_SUBJECT = /^\s*(yth|kepada|di\s|dengan hormat|sifat|lampiran|nomor)/i;
const ADDRESS = /^\s*(jalan|jl\.?|jln\.?|telepon|telp|laman|email|e-mail|faks)\b/i;

export function suggestFromText(raw: string): PrefillSuggestions {
  const lines = raw.split(/\r?\n/).map((line) => line.replace(/\s+/g, ' ').trim());
  const out: PrefillSuggestions = {};
  const letterNumber = findLabelled(lines, LABEL('(?:nomor|no\\.?)'));
  if (letterNumber) out.letterNumber = cleanLetterNumber(letterNumber);
  const subject = findSubject(lines);
  if (subject) out.subject = subject;
  const date = findLetterDate(lines);
  if (date) out.letterDate = date;
  const sender = findSender(lines);
  if (sender) out.senderName = sender;
  return out;
}

function findLabelled(lines: string[], pattern: RegExp): string | null {
  for (const line of lines) {
    const match = pattern.exec(line);
    if (match?.[1] && /\d/.test(match[1])) return match[1].trim();
  }
  return null;
}

/** Letter numbers carry the month in Roman numerals (…/II.08/2026); OCR reads I as 1 or l. */
function cleanLetterNumber(value: string): string {
  const compact = value
    .replace(/\s*\/\s*/g, '/')
    .replace(/[.,;]+$/, '')
    .split(' ')[0]!;
  return compact
    .split('/')
    .map((segment) => {
      const match = /^([1Il|VX]+)(\.\d+)?$/.exec(segment);
      if (!match || !/[1l|]/.test(match[1]!)) return segment;
      const roman = match[1]!.replace(/[1l|]/g, 'I');
      if (ROMAN_MONTHS.includes(roman)) return roman + (match[2] ?? '');
      // A speck read as a stroke before the numeral ("1IX.06" for "IX.06").
      const trimmed = roman.slice(1);
      return /^[1l|]/.test(match[1]!) && ROMAN_MONTHS.includes(trimmed)
        ? trimmed + (match[2] ?? '')
        : segment;
    })
    .join('/');
}
const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

function findSubject(lines: string[]): string | null {
  const label = LABEL('(?:hal|perihal)');
  for (let i = 0; i < lines.length; i++) {
    const match = label.exec(lines[i]!);
    if (!match?.[1]) continue;
    const parts = [match[1]];
    // A long subject wraps onto the next lines until a blank line or the address block.
    const ends = (line: string) =>
      STOP_SUBJECT.test(line) || /:/.test(line) || PLACE_DATE.test(line);
    for (let j = i + 1; j < lines.length && lines[j] && !ends(lines[j]!); j++) {
      parts.push(lines[j]!);
    }
    return parts
      .join(' ')
      .replace(/[.;]+$/, '')
      .trim();
  }
  return null;
}

function monthNumber(word: string): number | null {
  const lower = word.toLowerCase().replace(/[^a-z]/g, '');
  const index = MONTHS.indexOf(lower);
  if (index >= 0) return index + 1;
  return MONTH_ALIASES[lower] ?? null;
}

/** The place-and-date line ("Bandar Lampung, 16 Februari 2026"), not dates in the body. */
const PLACE_DATE = /^([A-Za-z][A-Za-z .'-]{2,40}),\s*(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\b/;

function findLetterDate(lines: string[]): string | null {
  const pattern = PLACE_DATE;
  let fallback: string | null = null;
  for (const line of lines) {
    const match = pattern.exec(line);
    if (match && !WEEKDAYS.test(match[1]!)) {
      const iso = toIso(match[2]!, match[3]!, match[4]!);
      if (iso) return iso;
    }
    if (!fallback) {
      const any = /\b(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\b/.exec(line);
      if (any && !WEEKDAYS.test(line)) fallback = toIso(any[1]!, any[2]!, any[3]!);
    }
  }
  return fallback;
}

/** `16`, `Februari`, `2026` → `2026-02-16` (null when the month or day is not one). */
export function toIso(day: string, month: string, year: string): string | null {
  const m = monthNumber(month);
  const d = Number(day);
  if (!m || d < 1 || d > 31) return null;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The letterhead: the first line names the government or ministry ("PEMERINTAH PROVINSI
 * LAMPUNG"), the next line(s) the unit ("BADAN PENGELOLAAN KEUANGAN DAN ASET DAERAH") until
 * the address. The sender is the unit followed by its parent: "Badan Pengelolaan Keuangan
 * Dan Aset Daerah Provinsi Lampung".
 */
function findSender(lines: string[]): string | null {
  const head: string[] = [];
  for (const line of lines) {
    // tesseract.js puts blank lines between letterhead lines: the address ends the head.
    if (!line) continue;
    if (ADDRESS.test(line) || LABEL('(?:nomor|hal|perihal)').test(line) || /\d{5}/.test(line))
      break;
    if (line.replace(/[^A-Za-z]/g, '').length < 3) continue;
    head.push(line);
    if (head.length === 4) break;
  }
  if (head.length === 0) return null;
  const parent = head[0]!.replace(/^pemerintah\s+/i, '');
  const unit = head.slice(1).join(' ');
  return titleCase(unit ? `${unit} ${parent}` : parent);
}

function titleCase(text: string): string {
  return text
    .toLowerCase()
    .split(' ')
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
