import type { AgendaEntry } from './agenda.model.ts';
import { effectiveLeads, leadLabel } from './reminder-settings.ts';

/**
 * An RFC 5545 calendar of one position's agenda. Times are written in UTC (`...Z`), so no
 * VTIMEZONE is needed and every phone shows them in its own zone. Text values are escaped
 * (backslash, semicolon, comma, newline) and lines folded at 75 octets (§3.1, §3.3.11).
 */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets, never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

function utc(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

const STATUS: Record<string, string> = {
  pending: 'TENTATIVE',
  accepted: 'CONFIRMED',
  declined: 'CANCELLED',
  delegated: 'CANCELLED',
};

/** The right-hand side of every UID. Not the request's host: a phone that reaches the server
 * by another name (LAN address, domain, a changed port) must see the same events, not
 * copies, so a UID is the entry's id and this constant only. */
export const UID_DOMAIN = 'agenda.lontar';

/** RFC 5545 §3.3.6 duration before the start: `-PT15M`, `-PT2H`, `-P1D`. */
export function alarmTrigger(minutes: number): string {
  if (minutes % 1440 === 0) return `-P${minutes / 1440}D`;
  if (minutes % 60 === 0) return `-PT${minutes / 60}H`;
  return `-PT${minutes}M`;
}

/** One VALARM per lead time of an entry still to be attended (the phone reminds by itself,
 * at the times the in-app reminders use). */
function alarms(entry: AgendaEntry, positionDefault: number[]): string[] {
  if (entry.status !== 'pending' && entry.status !== 'accepted') return [];
  return effectiveLeads(entry, positionDefault).flatMap((minutes) => [
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeText(`${entry.title} (${leadLabel(minutes)} lagi)`)}`,
    `TRIGGER:${alarmTrigger(minutes)}`,
    'END:VALARM',
  ]);
}

export function renderCalendar(input: {
  name: string;
  entries: AgendaEntry[];
  generatedAt: Date;
  /** The position's default lead times (minutes), for entries that chose none. */
  defaultLeads: number[];
}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Lontar//Agenda Pimpinan//ID',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(input.name)}`,
  ];
  for (const entry of input.entries) {
    const description = [
      entry.representing ? `Mewakili ${entry.representing.positionTitle}` : '',
      entry.delegatedTo ? `Diwakili oleh ${entry.delegatedTo.positionTitle}` : '',
      entry.dressCode ? `Pakaian: ${entry.dressCode}` : '',
      entry.onlineLink ? `Tautan: ${entry.onlineLink}` : '',
      entry.notes ? `Catatan: ${entry.notes}` : '',
      entry.letterLabel ? `Surat: ${entry.letterLabel}` : '',
    ].filter(Boolean);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${String(entry._id)}@${UID_DOMAIN}`,
      `DTSTAMP:${utc(input.generatedAt)}`,
      `DTSTART:${utc(entry.start)}`,
      `DTEND:${utc(entry.end)}`,
      `SUMMARY:${escapeText(entry.title)}`,
      `LOCATION:${escapeText(entry.place || entry.onlineLink || '')}`,
      `STATUS:${STATUS[entry.status] ?? 'TENTATIVE'}`,
    );
    if (description.length) lines.push(`DESCRIPTION:${escapeText(description.join('\n'))}`);
    if (entry.onlineLink) lines.push(`URL:${entry.onlineLink}`);
    lines.push(...alarms(entry, input.defaultLeads), 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
