import { isDuplicateKey } from '../../lib/upsert.ts';
import type { Actor } from '../../http/actor.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { addDays, jakartaDate, weekday } from './dates.ts';
import { HolidayModel, type Holiday, type HolidayKind } from './holiday.model.ts';

/** Working days for deadlines: Monday to Friday (the Pemprov's five-day week), minus the
 * days on the holiday calendar. No cache: one indexed range query per computation keeps
 * every replica in step the moment an admin edits the calendar. */
export const WEEKEND_DAYS: readonly number[] = [0, 6];
const WINDOW_DAYS = 62;
/** Guards against a calendar filled with holidays by mistake looping for ever. */
const MAX_SCAN_DAYS = 3 * 366;

export function todayInJakarta(): string {
  return jakartaDate(now());
}

let epoch = 0;
/** Bumped by every change of the calendar made by this process: a cache of holidays (the
 * awaiting list's due dates, dispositions/awaiting.ts) compares it to drop what it holds. */
export function calendarEpoch(): number {
  return epoch;
}
/** After a write to the holidays (here, the seed). */
export function calendarChanged(): void {
  epoch += 1;
}

/** Holidays from `from` to `to` inclusive, by date. */
export async function holidaysBetween(from: string, to: string): Promise<Map<string, Holiday>> {
  const rows = await HolidayModel.find({ date: { $gte: from, $lte: to } }).lean<Holiday[]>();
  return new Map(rows.map((row) => [row.date, row]));
}

export async function isWorkingDay(date: string): Promise<boolean> {
  if (WEEKEND_DAYS.includes(weekday(date))) return false;
  return (await HolidayModel.countDocuments({ date })) === 0;
}

/** Walks the calendar from `start` (inclusive when `inclusive`), calling `visit` with each
 * working day until it returns true; returns that day. */
async function walkWorkingDays(
  start: string,
  inclusive: boolean,
  visit: (day: string) => boolean,
): Promise<string> {
  let day = inclusive ? start : addDays(start, 1);
  let scanned = 0;
  while (scanned < MAX_SCAN_DAYS) {
    const windowEnd = addDays(day, WINDOW_DAYS - 1);
    const holidays = await holidaysBetween(day, windowEnd);
    for (let i = 0; i < WINDOW_DAYS; i++, scanned++, day = addDays(day, 1)) {
      if (WEEKEND_DAYS.includes(weekday(day)) || holidays.has(day)) continue;
      if (visit(day)) return day;
    }
  }
  throw new Error('no working day found within three years: check the holiday calendar');
}

/** The deadline `days` working days after `start`. With 0 days: `start` itself when it is a
 * working day, else the next one (a "same day" deadline on a Saturday falls on Monday). */
export async function addWorkingDays(start: string, days: number): Promise<string> {
  if (days <= 0) return walkWorkingDays(start, true, () => true);
  let counted = 0;
  return walkWorkingDays(start, false, () => ++counted >= days);
}

/** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
export async function workingDaysBetween(from: string, to: string): Promise<number> {
  if (to <= from) return 0;
  const holidays = await holidaysBetween(addDays(from, 1), to);
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (!WEEKEND_DAYS.includes(weekday(day)) && !holidays.has(day)) count++;
  }
  return count;
}

export async function listHolidays(year: number): Promise<Holiday[]> {
  return HolidayModel.find({ date: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } })
    .sort({ date: 1 })
    .lean<Holiday[]>();
}

export interface HolidayInput {
  date: string;
  name: string;
  kind: HolidayKind;
}

export async function createHoliday(input: HolidayInput, actor: Actor): Promise<Holiday> {
  try {
    const created = await HolidayModel.create({
      ...input,
      estimated: false,
      source: 'admin',
      updatedBy: actor.userId,
    });
    calendarChanged();
    const holiday = created.toObject() as Holiday;
    await recordAudit({
      actor,
      action: 'calendar.holiday.create',
      recordType: 'holiday',
      recordId: input.date,
      after: snapshot(holiday),
    });
    return holiday;
  } catch (error) {
    if (isDuplicateKey(error)) throw conflict('Tanggal tersebut sudah ada di kalender libur.');
    throw error;
  }
}

/** Edits a day's name or kind; editing confirms a seeded estimate. */
export async function updateHoliday(
  date: string,
  patch: Partial<Omit<HolidayInput, 'date'>>,
  actor: Actor,
): Promise<Holiday> {
  const before = await HolidayModel.findOne({ date }).lean<Holiday>();
  if (!before) throw notFound('Hari libur');
  const after = await HolidayModel.findOneAndUpdate(
    { date },
    { $set: { ...patch, estimated: false, updatedBy: actor.userId } },
    { returnDocument: 'after' },
  ).lean<Holiday>();
  calendarChanged();
  if (!after) throw notFound('Hari libur');
  await recordAudit({
    actor,
    action: 'calendar.holiday.update',
    recordType: 'holiday',
    recordId: date,
    before: snapshot(before),
    after: snapshot(after),
  });
  return after;
}

export async function deleteHoliday(date: string, actor: Actor): Promise<void> {
  const before = await HolidayModel.findOneAndDelete({ date }).lean<Holiday>();
  calendarChanged();
  if (!before) throw notFound('Hari libur');
  await recordAudit({
    actor,
    action: 'calendar.holiday.delete',
    recordType: 'holiday',
    recordId: date,
    before: snapshot(before),
  });
}

function snapshot(holiday: Holiday): Record<string, unknown> {
  return {
    date: holiday.date,
    name: holiday.name,
    kind: holiday.kind,
    estimated: holiday.estimated,
  };
}
