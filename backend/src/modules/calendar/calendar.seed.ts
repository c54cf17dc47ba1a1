import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import { calendarChanged } from './calendar.service.ts';
import { HolidayModel } from './holiday.model.ts';
import { HOLIDAY_SEEDS } from './holidays.seed-data.ts';

/** Seeds each year's national holidays and cuti bersama once. Safe when several processes
 * start at once: every day is an upsert keyed by its unique date with $setOnInsert (an
 * existing day, perhaps corrected by an admin, is never touched), and the per-year marker
 * written last means a crash half-way simply runs the year again. */
export async function seedHolidays(): Promise<number> {
  const flags = mongoose.connection.collection<{ _id: string; at: Date }>('system_flags');
  let inserted = 0;
  for (const seed of HOLIDAY_SEEDS) {
    if (await flags.findOne({ _id: seed.marker })) continue;
    for (const holiday of seed.holidays) {
      try {
        const result = await HolidayModel.updateOne(
          { date: holiday.date },
          {
            $setOnInsert: {
              ...holiday,
              estimated: holiday.estimated ?? false,
              source: 'seed',
              updatedBy: null,
            },
          },
          { upsert: true },
        );
        inserted += result.upsertedCount;
        if (result.upsertedCount > 0) calendarChanged();
      } catch (error) {
        if (!isDuplicateKey(error)) throw error; // a concurrent seeder inserted it
      }
    }
    try {
      await flags.insertOne({ _id: seed.marker, at: new Date() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  return inserted;
}
