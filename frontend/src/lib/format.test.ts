import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCalendarDate,
  formatDate,
  formatDateShort,
  formatDateTime,
  formatDateWithDay,
  formatNip,
  formatNumber,
  formatTime,
  greetingFor,
  jakartaMidnight,
  pickerDateToString,
  stringToPickerDate,
  toJakartaDateString,
} from './format.ts';

describe('format', () => {
  it('writes dates with the Indonesian month name in Jakarta time', () => {
    expect(formatDate('2026-11-28T02:00:00Z')).toBe('28 November 2026');
    // 20:00 UTC on the 27th is already 03:00 on the 28th in Jakarta.
    expect(formatDate('2026-11-27T20:00:00Z')).toBe('28 November 2026');
    expect(formatDate(new Date('2026-01-05T00:00:00+07:00'))).toBe('5 Januari 2026');
  });

  it('writes times as HH.MM WIB', () => {
    expect(formatTime('2026-11-28T02:00:00Z')).toBe('09.00 WIB');
    expect(formatTime('2026-11-28T16:05:00Z')).toBe('23.05 WIB');
    expect(formatTime('2026-11-28T17:00:00Z')).toBe('00.00 WIB');
  });

  it('joins date and time', () => {
    expect(formatDateTime('2026-11-28T02:00:00Z')).toBe('28 November 2026, 09.00 WIB');
  });

  it('names the weekday and writes a short date', () => {
    expect(formatDateWithDay('2026-11-28T02:00:00Z')).toBe('Sabtu, 28 November 2026');
    expect(formatDateShort('2026-03-07T02:00:00Z')).toBe('07/03/2026');
  });

  it('returns an empty string for missing or invalid values instead of "Invalid Date"', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('bukan tanggal')).toBe('');
    expect(formatTime('')).toBe('');
    expect(formatDateTime(null)).toBe('');
    expect(formatNumber(null)).toBe('');
  });

  it('keeps calendar dates on their day whatever the browser time zone', () => {
    expect(formatCalendarDate('2026-11-28')).toBe('28 November 2026');
    expect(formatCalendarDate('2026-01-01')).toBe('1 Januari 2026');
  });

  it('converts between instants, Jakarta calendar dates and date-picker values', () => {
    expect(toJakartaDateString('2026-11-27T20:00:00Z')).toBe('2026-11-28');
    expect(jakartaMidnight('2026-11-28').toISOString()).toBe('2026-11-27T17:00:00.000Z');
    const picked = stringToPickerDate('2026-02-03');
    expect(picked).not.toBeNull();
    expect(pickerDateToString(picked!)).toBe('2026-02-03');
    expect(stringToPickerDate('')).toBeNull();
  });

  it('separates thousands with a dot', () => {
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(0)).toBe('0');
  });

  it('writes file sizes with a decimal comma', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1,5 KB');
    expect(formatBytes(2.5 * 1024 * 1024)).toBe('2,5 MB');
  });

  it('greets by the hour in Jakarta', () => {
    expect(greetingFor('2026-11-28T01:00:00Z')).toBe('Selamat pagi'); // 08.00 WIB
    expect(greetingFor('2026-11-28T05:00:00Z')).toBe('Selamat siang'); // 12.00 WIB
    expect(greetingFor('2026-11-28T09:00:00Z')).toBe('Selamat sore'); // 16.00 WIB
    expect(greetingFor('2026-11-28T13:00:00Z')).toBe('Selamat malam'); // 20.00 WIB
  });

  it('groups an 18-digit NIP the way it is read aloud', () => {
    expect(formatNip('197001011990031001')).toBe('19700101 199003 1 001');
    expect(formatNip('12345')).toBe('12345');
    expect(formatNip(null)).toBe('');
  });
});
