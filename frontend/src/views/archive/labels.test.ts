import { describe, expect, it } from 'vitest';
import { letterRoute, nextDue, periodText, retentionYears } from './labels.ts';

describe('archive labels', () => {
  it('writes a period as one date or a range', () => {
    expect(periodText('2019-03-05', '2019-03-05')).toBe('5 Maret 2019');
    expect(periodText('2019-03-05', '2019-06-07')).toBe('5 Maret 2019 – 7 Juni 2019');
    expect(periodText(null, null)).toBe('—');
  });

  it('writes retention years and picks the next due date by status', () => {
    expect(retentionYears({ activeYears: 2, inactiveYears: 3 })).toBe('2 + 3 th');
    expect(
      nextDue({ status: 'closed', activeUntil: '2027-12-31', inactiveUntil: '2030-12-31' }),
    ).toBe('2027-12-31');
    expect(
      nextDue({ status: 'inactive', activeUntil: '2027-12-31', inactiveUntil: '2030-12-31' }),
    ).toBe('2030-12-31');
    expect(nextDue({ status: 'open', activeUntil: null, inactiveUntil: null })).toBeNull();
  });

  it('opens today’s letters in their own screens only', () => {
    expect(letterRoute('incoming', 'a')).toEqual({ name: 'incoming-detail', params: { id: 'a' } });
    expect(letterRoute('imported', 'a')).toBeNull();
  });
});
