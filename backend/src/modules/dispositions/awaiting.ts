import { addDays, weekday } from '../calendar/dates.ts';
import { holidaysBetween, todayInJakarta, WEEKEND_DAYS } from '../calendar/calendar.service.ts';
import {
  awaitingQueue,
  type AwaitingOptions,
  type AwaitingPage,
} from '../letters/awaiting-queue.ts';
import type { IncomingLetter } from '../letters/letters.model.ts';
import type { Urgency } from '../letters/letters.model.ts';
import type { z } from 'zod';
import type { awaitingItemJson } from './awaiting.schema.ts';
import { presentLetterSummary } from './dispositions.presenter.ts';
import { getSettings } from './settings.service.ts';

type AwaitingItemJson = z.infer<typeof awaitingItemJson>;

/** Working days a deadline may reach past the latest day of receipt on a page (a week of
 * holidays around Lebaran plus the longest default). */
const HOLIDAY_WINDOW_DAYS = 62;

/** The day a disposition of the letter is due by its sifat's default working days
 * (disposition settings, holiday calendar), counted from its day of receipt, as
 * `defaultDueDate` counts a disposition's deadline: one holiday read for the whole page. */
export async function dispositionDueDates(
  letters: Array<Pick<IncomingLetter, '_id' | 'urgency' | 'receivedDate'>>,
): Promise<Map<string, string>> {
  const due = new Map<string, string>();
  if (letters.length === 0) return due;
  const days = letters.map((l) => l.receivedDate).sort();
  const [settings, holidays] = await Promise.all([
    getSettings(),
    holidaysBetween(days[0]!, addDays(days[days.length - 1]!, HOLIDAY_WINDOW_DAYS)),
  ]);
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
  letter: IncomingLetter,
  positionId: string,
  page: Pick<AwaitingResult, 'dueDates' | 'today'>,
): AwaitingItemJson {
  const dueDate = page.dueDates.get(String(letter._id)) ?? letter.receivedDate;
  return {
    ...presentLetterSummary(letter),
    unread: !(letter.readPositionIds ?? []).some((id) => String(id) === positionId),
    register: letter.register,
    agendaYear: letter.agendaYear,
    classificationCode: letter.classificationCode,
    registeredAt: letter.registeredAt ? new Date(letter.registeredAt).toISOString() : null,
    dueDate,
    overdue: dueDate < page.today,
  };
}
