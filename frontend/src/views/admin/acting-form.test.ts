import { describe, expect, it } from 'vitest';
import { formatDate } from '@/lib/format.ts';
import { emptyActingForm, lastDayOf, toActingInput, validateActingForm } from './acting-form.ts';

describe('acting (Plt/Plh) form', () => {
  const filled = {
    ...emptyActingForm(new Date(2026, 10, 28)),
    userId: 'u1',
    positionId: 'p1',
    lastDay: new Date(2026, 10, 30),
  };

  it('requires who, which position and both dates', () => {
    expect(validateActingForm({ ...emptyActingForm(), startsOn: null })).toEqual({
      userId: 'Pilih pejabat yang ditugaskan.',
      positionId: 'Pilih jabatan yang dilaksanakan.',
      startsAt: 'Tanggal mulai wajib diisi.',
      endsAt: 'Tanggal berakhir wajib diisi.',
    });
    expect(validateActingForm(filled)).toEqual({});
  });

  it('refuses an end before the start but allows a single day', () => {
    expect(validateActingForm({ ...filled, lastDay: new Date(2026, 10, 27) }).endsAt).toMatch(
      /sebelum tanggal mulai/,
    );
    expect(validateActingForm({ ...filled, lastDay: new Date(2026, 10, 28) })).toEqual({});
  });

  it('covers whole days in Jakarta time, with an exclusive end', () => {
    const input = toActingInput({ ...filled, note: '  Kepala Biro cuti  ' });
    expect(input.startsAt).toBe('2026-11-27T17:00:00.000Z'); // 28 Nov 00.00 WIB
    expect(input.endsAt).toBe('2026-11-30T17:00:00.000Z'); // 1 Dec 00.00 WIB
    expect(input.note).toBe('Kepala Biro cuti');
    expect(formatDate(lastDayOf(input.endsAt))).toBe('30 November 2026');
  });
});
