import { addDays, weekday } from '../calendar/dates.ts';
import {
  calendarEpoch,
  holidaysBetween,
  todayInJakarta,
  WEEKEND_DAYS,
} from '../calendar/calendar.service.ts';
import type { Holiday } from '../calendar/holiday.model.ts';
import {
  awaitingQueue,
  type AwaitingLetter,
  type AwaitingOptions,
  type AwaitingPage,
} from '../letters/awaiting-queue.ts';
import type { Urgency } from '../letters/letters.model.ts';
import type { z } from 'zod';
import type { awaitingItemJson } from './awaiting.schema.ts';
import { presentStoredLetterSummary } from './dispositions.presenter.ts';
import { getSettings, settingsEpoch, type Settings } from './settings.service.ts';

type AwaitingItemJson = z.infer<typeof awaitingItemJson>;

/** Working days a deadline may reach past the latest day of receipt on a page (a week of
 * holidays around Lebaran plus the longest default). */
const HOLIDAY_WINDOW_DAYS = 62;

/**
 * What the list's due dates are counted with: the disposition settings and the holidays of
 * a span of whole years, kept in this process for a minute (and dropped at once when this
 * process saves either), so a page reads neither. A due date in the list is a hint of
 * priority, not a deadline that is stored: another replica's edit of the calendar shows
 * here within the minute. Deadlines that are stored (`defaultDueDate`) read the calendar
 * every time (calendar.service.ts).
 */
const CALENDAR_TTL_MS = 60_000;
let kept: {
  settings: Settings;
  holidays: Map<string, Holiday>;
  from: string;
  to: string;
  epochs: string;
  at: number;
} | null = null;

async function dueCalendar(
  from: string,
  to: string,
): Promise<{ settings: Settings; holidays: Map<string, Holiday> }> {
  const epochs = `${settingsEpoch()}:${calendarEpoch()}`;
  if (
    kept &&
    kept.epochs === epochs &&
    Date.now() - kept.at < CALENDAR_TTL_MS &&
    kept.from <= from &&
    to <= kept.to
  )
    return kept;
  // Whole years, the next one included, so the following pages and days hit the same span.
  const span = { from: `${from.slice(0, 4)}-01-01`, to: `${Number(to.slice(0, 4)) + 1}-12-31` };
  const [settings, holidays] = await Promise.all([
    getSettings(),
    holidaysBetween(span.from, span.to),
  ]);
  kept = { settings, holidays, ...span, epochs, at: Date.now() };
  return kept;
}

/** The day a disposition of the letter is due by its sifat's default working days
 * (disposition settings, holiday calendar), counted from its day of receipt, as
 * `defaultDueDate` counts a disposition's deadline. */
export async function dispositionDueDates(
  letters: Array<{ _id: unknown; urgency: string; receivedDate: string }>,
): Promise<Map<string, string>> {
  const due = new Map<string, string>();
  if (letters.length === 0) return due;
  const days = letters.map((l) => l.receivedDate).sort();
  const { settings, holidays } = await dueCalendar(
    days[0]!,
    addDays(days[days.length - 1]!, HOLIDAY_WINDOW_DAYS),
  );
  const working = (day: string) => !WEEKEND_DAYS.includes(weekday(day)) && !holidays.has(day);
  for (const letter of letters) {
    const want = settings.dueWorkingDays[letter.urgency as Urgency] ?? 0;
    let day = letter.receivedDate;
    // 0 days: the day itself when it is a working day, else the next one.
    if (want <= 0) while (!working(day)) day = addDays(day, 1);
    else for (let counted = 0; counted < want;) if (working((day = addDays(day, 1)))) counted++;
    due.set(String(letter._id), day);
  }
  return due;
}

export interface AwaitingResult extends AwaitingPage {
  dueDates: Map<string, string>;
  today: string;
}

/** A page of the position's awaiting queue with each letter's due date. */
export async function awaitingForPosition(
  positionId: string,
  options: AwaitingOptions,
): Promise<AwaitingResult> {
  const page = await awaitingQueue(positionId, options);
  return { ...page, dueDates: await dispositionDueDates(page.items), today: todayInJakarta() };
}

/** One row of the queue: the letter's summary, whether the position opened it, and what
 * shows its priority (sifat, due date, when it arrived). */
export function presentAwaitingLetter(
  letter: AwaitingLetter,
  positionId: string,
  page: Pick<AwaitingResult, 'dueDates' | 'today'>,
): AwaitingItemJson {
  const dueDate = page.dueDates.get(String(letter._id)) ?? letter.receivedDate;
  return {
    ...presentStoredLetterSummary(letter._id, {
      agendaNumber: letter.agendaNumber,
      letterNumber: letter.letterNumber,
      subject: letter.subject,
      senderName: letter.senderName,
      letterDate: letter.letterDate,
      receivedDate: letter.receivedDate,
      urgency: letter.urgency,
      securityClass: letter.securityClass,
      status: letter.status,
      // Only printed (`String`): the row keeps ids as strings.
      addresseePositionId: letter.addresseePositionId as never,
      classificationCode: letter.classificationCode,
    }),
    unread: !(letter.readPositionIds ?? []).some((id) => String(id) === positionId),
    register: letter.register,
    agendaYear: letter.agendaYear,
    classificationCode: letter.classificationCode,
    registeredAt: letter.registeredAt ? new Date(letter.registeredAt).toISOString() : null,
    dueDate,
    overdue: dueDate < page.today,
  };
}
