import { describe, expect, it } from 'vitest';
import { hariTanggal, rangeLabel, rangeOf, shift } from './agenda-dates.ts';

describe('agenda dates', () => {
  it('gives the days of a day, a week (Monday first) and a month', () => {
    expect(rangeOf('day', '2026-12-10')).toEqual({ from: '2026-12-10', to: '2026-12-10' });
    expect(rangeOf('week', '2026-12-10')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(rangeOf('week', '2026-12-13')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(rangeOf('month', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(shift('month', '2027-01-31', -1)).toBe('2026-12-01');
  });
  it('writes dates in Indonesian', () => {
    expect(hariTanggal('2026-12-10')).toBe('Kamis, 10 Desember 2026');
    expect(rangeLabel('week', '2026-12-10')).toBe('7 Desember – 13 Desember 2026');
    expect(rangeLabel('month', '2026-12-10')).toBe('Desember 2026');
  });
});
