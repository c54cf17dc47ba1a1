import type { PrefillResult } from '@/api/ocr.ts';

export const INVITATION_KIND = 'Surat Undangan';
export type InvitationRead = PrefillResult['invitation'];
export type TimeZoneCode = 'WIB' | 'WITA' | 'WIT';

/** The "Acara undangan" part of the registration form: the clerk's confirmed event. */
export interface InvitationEventForm {
  date: string;
  startTime: string;
  endTime: string;
  timeZone: TimeZoneCode;
  title: string;
  place: string;
  onlineLink: string;
  dressCode: string;
  notes: string;
}

export function emptyEvent(): InvitationEventForm {
  return {
    date: '',
    startTime: '',
    endTime: '',
    timeZone: 'WIB',
    title: '',
    place: '',
    onlineLink: '',
    dressCode: '',
    notes: '',
  };
}

/** Fills the empty fields from what the scan said; what the clerk typed stays. */
export function fillFromScan(form: InvitationEventForm, read: InvitationRead): InvitationEventForm {
  const next = { ...form };
  for (const key of [
    'date',
    'startTime',
    'endTime',
    'title',
    'place',
    'onlineLink',
    'dressCode',
    'notes',
  ] as const)
    if (!next[key] && read[key]) next[key] = read[key]!;
  if (read.timeZone && !form.startTime) next.timeZone = read.timeZone;
  return next;
}

/** The `event` of the registration data; null until date, start and place/link are there. */
export function toEventData(form: InvitationEventForm) {
  if (!form.date || !/^\d{2}:\d{2}$/.test(form.startTime)) return null;
  if (!form.place.trim() && !form.onlineLink.trim()) return null;
  const optional = (value: string) => value.trim() || undefined;
  return {
    date: form.date,
    startTime: form.startTime,
    endTime: /^\d{2}:\d{2}$/.test(form.endTime) ? form.endTime : undefined,
    timeZone: form.timeZone,
    title: optional(form.title),
    place: optional(form.place),
    onlineLink: optional(form.onlineLink),
    dressCode: optional(form.dressCode),
    notes: optional(form.notes),
  };
}
