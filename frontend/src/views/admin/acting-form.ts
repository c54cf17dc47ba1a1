import type { ActingInput, ActingKind } from '@/api/org.ts';
import { jakartaMidnight, pickerDateToString } from '@/lib/format.ts';
import { maxLength } from '@/lib/validation.ts';

export interface ActingForm {
  userId: string | null;
  positionId: string | null;
  kind: ActingKind;
  /** First and last day (date-picker values); the assignment covers both whole days in WIB. */
  startsOn: Date | null;
  lastDay: Date | null;
  note: string;
}

export type ActingField = 'userId' | 'positionId' | 'kind' | 'startsAt' | 'endsAt' | 'note';

export function emptyActingForm(today: Date = new Date()): ActingForm {
  return { userId: null, positionId: null, kind: 'plh', startsOn: today, lastDay: null, note: '' };
}

export function validateActingForm(form: ActingForm): Partial<Record<ActingField, string>> {
  const errors: Partial<Record<ActingField, string>> = {};
  if (!form.userId) errors.userId = 'Pilih pejabat yang ditugaskan.';
  if (!form.positionId) errors.positionId = 'Pilih jabatan yang dilaksanakan.';
  if (!form.startsOn) errors.startsAt = 'Tanggal mulai wajib diisi.';
  if (!form.lastDay) errors.endsAt = 'Tanggal berakhir wajib diisi.';
  else if (form.startsOn && pickerDateToString(form.lastDay) < pickerDateToString(form.startsOn)) {
    errors.endsAt = 'Tanggal berakhir tidak boleh sebelum tanggal mulai.';
  }
  const note = maxLength(form.note.trim(), 500);
  if (note) errors.note = note;
  return errors;
}

/** From midnight WIB of the first day to midnight WIB after the last day (the API's end is
 * exclusive), so "28 November to 30 November" covers three whole days in Lampung. */
export function toActingInput(form: ActingForm): ActingInput {
  const start = jakartaMidnight(pickerDateToString(form.startsOn!));
  const afterLast = new Date(
    jakartaMidnight(pickerDateToString(form.lastDay!)).getTime() + 24 * 3600 * 1000,
  );
  return {
    userId: form.userId!,
    positionId: form.positionId!,
    kind: form.kind,
    startsAt: start.toISOString(),
    endsAt: afterLast.toISOString(),
    note: form.note.trim() || null,
  };
}

/** The last day covered by an exclusive end instant. */
export function lastDayOf(endsAt: string): Date {
  return new Date(new Date(endsAt).getTime() - 1);
}
