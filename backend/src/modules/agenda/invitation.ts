import { toIso } from '../ocr/prefill.ts';

/**
 * The event of an undangan read from its text: the block of labelled lines most Indonesian
 * invitations carry ("Hari/Tanggal : Kamis, 10 Desember 2026", "Pukul : 09.00 WIB s.d.
 * selesai", "Tempat : ...", "Acara : ...", "Pakaian : ..."). Each field is a guess the
 * clerk confirms in the registration form; a field that cannot be found is left out.
 */
export const TIME_ZONES = ['WIB', 'WITA', 'WIT'] as const;
export type TimeZoneCode = (typeof TIME_ZONES)[number];

/** Indonesia has no daylight saving: each zone is one fixed offset. */
export const ZONE_INFO: Record<TimeZoneCode, { tzid: string; offset: string; hours: number }> = {
  WIB: { tzid: 'Asia/Jakarta', offset: '+07:00', hours: 7 },
  WITA: { tzid: 'Asia/Makassar', offset: '+08:00', hours: 8 },
  WIT: { tzid: 'Asia/Jayapura', offset: '+09:00', hours: 9 },
};

export interface InvitationSuggestion {
  /** True when the text reads like an invitation (the kind "Surat Undangan" is suggested). */
  isInvitation: boolean;
  /** YYYY-MM-DD. */
  date?: string;
  /** HH:MM. */
  startTime?: string;
  endTime?: string;
  timeZone?: TimeZoneCode;
  place?: string;
  onlineLink?: string;
  title?: string;
  dressCode?: string;
  notes?: string;
}

const LABEL = (name: string) => new RegExp(`^\\s*(?:${name})\\s*[:;]\\s*(.*)$`, 'i');
const LABELS = {
  date: LABEL('hari\\s*/\\s*tanggal|hari\\s*,?\\s*tanggal|hari/tgl|tanggal'),
  time: LABEL('pukul|waktu|jam'),
  place: LABEL('tempat|lokasi'),
  link: LABEL('tautan|link|media|zoom\\s*meeting|zoom'),
  title: LABEL('acara|agenda|kegiatan'),
  dress: LABEL('pakaian'),
  notes: LABEL('keterangan|catatan'),
};
/** A line that starts another labelled field ends a wrapped value. */
const ANY_LABEL = /^\s*[A-Za-z/ ]{3,20}\s*[:;]/;
const URL = /\bhttps?:\/\/[^\s)]+/i;

export function suggestInvitation(raw: string): InvitationSuggestion {
  const lines = raw.split(/\r?\n/).map((line) => line.replace(/\s+/g, ' ').trim());
  const value = (pattern: RegExp, wrap = false): string | undefined => {
    for (let i = 0; i < lines.length; i++) {
      const match = pattern.exec(lines[i]!);
      if (!match?.[1]) continue;
      const parts = [match[1]];
      if (wrap)
        for (let j = i + 1; j < lines.length && lines[j] && !ANY_LABEL.test(lines[j]!); j++) {
          if (/^(demikian|atas perhatian)/i.test(lines[j]!)) break;
          parts.push(lines[j]!);
        }
      return parts
        .join(' ')
        .replace(/[;.,]+$/, '')
        .trim();
    }
    return undefined;
  };
  const out: InvitationSuggestion = { isInvitation: false };
  const date = value(LABELS.date);
  const iso = date ? dateOf(date) : null;
  if (iso) out.date = iso;
  const time = value(LABELS.time);
  if (time) Object.assign(out, timesOf(time));
  const place = value(LABELS.place, true);
  const link = value(LABELS.link) ?? raw.match(URL)?.[0];
  const linkUrl = link?.match(URL)?.[0];
  if (linkUrl) out.onlineLink = linkUrl;
  if (place) {
    const placeUrl = place.match(URL)?.[0];
    if (placeUrl && !out.onlineLink) out.onlineLink = placeUrl;
    const text = place.replace(URL, '').trim();
    if (text) out.place = text;
  }
  const title = value(LABELS.title, true);
  if (title) out.title = title;
  const dress = value(LABELS.dress);
  if (dress) out.dressCode = dress;
  const notes = value(LABELS.notes, true);
  if (notes) out.notes = notes;
  const invites = /mengundang|undangan|menghadiri|berkenan hadir/i.test(raw);
  const fields = [out.date, out.startTime, out.place ?? out.onlineLink, out.title].filter(
    Boolean,
  ).length;
  out.isInvitation = (invites && fields >= 2) || fields >= 3;
  return out;
}

/** "Kamis, 10 Desember 2026" or "Kamis / 10-12-2026" → 2026-12-10. */
function dateOf(text: string): string | null {
  const words = /(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})/.exec(text);
  if (words) return toIso(words[1]!, words[2]!, words[3]!);
  const numeric = /(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})/.exec(text);
  if (numeric) {
    const [d, m, y] = [Number(numeric[1]), Number(numeric[2]), numeric[3]];
    if (d >= 1 && d <= 31 && m >= 1 && m <= 12)
      return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  return null;
}

/** "09.00 WIB s.d. selesai", "13:30 - 15.00 WITA" → start, end, zone (WIB when unnamed). */
function timesOf(text: string): Pick<InvitationSuggestion, 'startTime' | 'endTime' | 'timeZone'> {
  const out: Pick<InvitationSuggestion, 'startTime' | 'endTime' | 'timeZone'> = {};
  const times = [...text.matchAll(/\b(\d{1,2})[.:](\d{2})\b/g)]
    .map((m) => [Number(m[1]), Number(m[2])] as const)
    .filter(([h, m]) => h <= 23 && m <= 59)
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  if (times[0]) out.startTime = times[0];
  if (times[1]) out.endTime = times[1];
  const zone = /\b(WITA|WIT|WIB)\b/i.exec(text)?.[1]?.toUpperCase() as TimeZoneCode | undefined;
  if (out.startTime) out.timeZone = zone ?? 'WIB';
  return out;
}
