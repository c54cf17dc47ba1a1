import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './calendar.service.ts';
import { seedHolidays } from './calendar.seed.ts';
import {
  addDays,
  endOfJakartaDay,
  isCalendarDate,
  jakartaDate,
  startOfJakartaDay,
  weekday,
} from './dates.ts';
import { HolidayModel } from './holiday.model.ts';
import { HOLIDAYS_2026, HOLIDAYS_2027 } from './holidays.seed-data.ts';

beforeAll(async () => {
  await createTestContext();
  await seedHolidays();
});

describe('calendar dates in Asia/Jakarta', () => {
  it('takes the Jakarta date of an instant, not the UTC one', () => {
    expect(jakartaDate(new Date('2026-11-28T16:59:59Z'))).toBe('2026-11-28');
    expect(jakartaDate(new Date('2026-11-28T17:00:00Z'))).toBe('2026-11-29');
  });

  it('ends a Jakarta day at 17.00 UTC', () => {
    expect(startOfJakartaDay('2026-11-28').toISOString()).toBe('2026-11-27T17:00:00.000Z');
    expect(endOfJakartaDay('2026-11-28').toISOString()).toBe('2026-11-28T17:00:00.000Z');
    expect(endOfJakartaDay('2026-12-31').toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });

  it('rejects impossible dates and walks across month and year ends', () => {
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('28-11-2026')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekday('2026-11-28')).toBe(6);
  });
});

describe('holiday seed', () => {
  it('holds every 2026 decree day and the 2027 list, 2027 lunar dates marked as estimates', async () => {
    expect(await HolidayModel.countDocuments({ date: { $regex: '^2026-' } })).toBe(
      HOLIDAYS_2026.length,
    );
    expect(await HolidayModel.countDocuments({ date: { $regex: '^2027-' } })).toBe(
      HOLIDAYS_2027.length,
    );
    expect(
      await HolidayModel.countDocuments({ date: { $regex: '^2026-' }, kind: 'cuti_bersama' }),
    ).toBe(8);
    const idulFitri2027 = await HolidayModel.findOne({ date: '2027-03-10' }).lean();
    expect(idulFitri2027?.estimated).toBe(true);
    const newYear2027 = await HolidayModel.findOne({ date: '2027-01-01' }).lean();
    expect(newYear2027?.estimated).toBe(false);
  });

  it('runs once: a day an admin removed stays removed, and parallel seeders add nothing twice', async () => {
    await HolidayModel.deleteOne({ date: '2026-08-25' });
    const again = await Promise.all([seedHolidays(), seedHolidays(), seedHolidays()]);
    expect(again).toEqual([0, 0, 0]);
    expect(await HolidayModel.countDocuments({ date: '2026-08-25' })).toBe(0);
    await HolidayModel.create({
      date: '2026-08-25',
      name: 'Maulid Nabi Muhammad SAW',
      kind: 'libur_nasional',
      source: 'seed',
    });
  });

  it('seeds concurrently into an empty calendar without duplicates', async () => {
    const flags = mongoose.connection.collection<{ _id: string }>('system_flags');
    const saved = await HolidayModel.find().lean();
    await HolidayModel.deleteMany({});
    await flags.deleteMany({ _id: { $regex: '^calendar-holidays-' } });
    const inserted = await Promise.all([seedHolidays(), seedHolidays()]);
    expect(inserted[0]! + inserted[1]!).toBe(HOLIDAYS_2026.length + HOLIDAYS_2027.length);
    expect(await HolidayModel.countDocuments()).toBe(saved.length);
  });
});

describe('working days', () => {
  it('skips weekends', async () => {
    // Friday 27 November 2026 + 1 working day = Monday 30 November.
    expect(await addWorkingDays('2026-11-27', 1)).toBe('2026-11-30');
    expect(await addWorkingDays('2026-11-30', 5)).toBe('2026-12-07');
  });

  it('skips the Nyepi and Idulfitri 2026 holidays and cuti bersama', async () => {
    // 18–24 March 2026 are all days off (cuti bersama, Nyepi, weekend, Idulfitri).
    expect(await addWorkingDays('2026-03-17', 1)).toBe('2026-03-25');
    expect(await isWorkingDay('2026-03-23')).toBe(false);
    expect(await isWorkingDay('2026-03-25')).toBe(true);
  });

  it('puts a same-day deadline given on a day off onto the next working day', async () => {
    expect(await addWorkingDays('2026-11-28', 0)).toBe('2026-11-30');
    expect(await addWorkingDays('2026-11-30', 0)).toBe('2026-11-30');
    expect(await addWorkingDays('2026-12-24', 0)).toBe('2026-12-28');
  });

  it('crosses the year end over Christmas and New Year', async () => {
    // Wed 23 Dec 2026 + 2: 24 (cuti bersama), 25 (Natal), weekend, Mon 28, Tue 29.
    expect(await addWorkingDays('2026-12-23', 2)).toBe('2026-12-29');
    expect(await addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
  });

  it('counts working days between two dates', async () => {
    expect(await workingDaysBetween('2026-11-27', '2026-11-30')).toBe(1);
    expect(await workingDaysBetween('2026-03-17', '2026-03-25')).toBe(1);
    expect(await workingDaysBetween('2026-11-30', '2026-11-30')).toBe(0);
    expect(await workingDaysBetween('2026-12-01', '2026-11-30')).toBe(0);
  });

  it('follows a holiday an admin adds at once', async () => {
    expect(await addWorkingDays('2026-12-01', 1)).toBe('2026-12-02');
    await HolidayModel.create({
      date: '2026-12-02',
      name: 'Libur daerah uji',
      kind: 'libur_daerah',
      source: 'admin',
    });
    expect(await addWorkingDays('2026-12-01', 1)).toBe('2026-12-03');
    await HolidayModel.deleteOne({ date: '2026-12-02' });
  });
});
