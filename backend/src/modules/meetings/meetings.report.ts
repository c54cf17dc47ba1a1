import type { Actor } from '../../http/actor.ts';
import { now } from '../../lib/clock.ts';
import { MeetingModel, jakartaMonth, monthKeyOf, type Meeting } from './meeting.model.ts';
import { canViewMeeting } from './meetings.policy.ts';

/**
 * Meetings held and the state of their decisions, for the reports (modules/reports) and the
 * Sekda's meeting list. Read by access path only: one `monthKey` equality per month of the
 * period (a few dozen meetings each), filtered in memory by time, unit and who may see them.
 *
 * A decision counts once its minutes are final (it is then a disposition node, its status
 * copied onto the meeting): `done` when completed (selesai), `late` while open past its
 * deadline, `open` while open within it; a cancelled one does not count. `total` = done +
 * late + open. These are the monitoring's figures for the same items (open and overdue).
 */

export interface MeetingSummary {
  held: number;
  decisions: { done: number; late: number; open: number; total: number };
  byUnit: Array<{ unitId: string; unitName: string; done: number; late: number; open: number }>;
}

export type DecisionState = 'done' | 'late' | 'open';

/** The state of a decision at `at`; null before the minutes are final or when cancelled. */
export function decisionState(
  decision: { status?: string | null; dueAt: Date | string },
  at: Date,
): DecisionState | null {
  const status = decision.status ?? 'draf';
  if (status === 'draf' || status === 'dibatalkan') return null;
  if (status === 'selesai') return 'done';
  // As the monitoring's `lateness`: overdue from the first instant after the due day.
  return at.getTime() >= new Date(decision.dueAt).getTime() ? 'late' : 'open';
}

/** The `yyyy-mm` months from `from` to `to` (Jakarta), both included. */
export function monthsBetween(from: Date, to: Date): string[] {
  const months: string[] = [];
  let [year, month] = jakartaMonth(from).split('-').map(Number) as [number, number];
  const last = jakartaMonth(to);
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) break;
    months.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** The meetings starting in [from, to) that the actor may see, oldest first. */
export async function meetingsInPeriod(input: {
  from: Date;
  to: Date;
  actor: Actor;
  unitId?: string;
}): Promise<Meeting[]> {
  const { from, to, actor, unitId } = input;
  if (to.getTime() <= from.getTime()) return [];
  const months = monthsBetween(from, new Date(to.getTime() - 1));
  const fetched = await Promise.all(
    months.map((month) => MeetingModel.find({ monthKey: monthKeyOf(month) }).lean<Meeting[]>()),
  );
  return fetched
    .flat()
    .filter((m) => {
      const t = new Date(m.startAt).getTime();
      return t >= from.getTime() && t < to.getTime();
    })
    .filter((m) => !unitId || m.unitIds.some((u) => String(u) === unitId))
    .filter((m) => canViewMeeting(actor, m))
    .sort((a, b) => new Date(a.startAt).getTime() - new Date(b.startAt).getTime());
}

/** Meetings held in [from, to) (started by now, not cancelled) and their decisions, per
 * responsible unit. With `unitId`, only meetings touching that unit's subtree and only
 * decisions whose responsible unit lies in it. */
export async function summarizeMeetings(input: {
  from: Date;
  to: Date;
  unitId?: string;
  actor: Actor;
}): Promise<MeetingSummary> {
  return summaryOf(await meetingsInPeriod(input), input.unitId);
}

/** The figures of meetings already read (the meeting list reads its month once). */
export function summaryOf(visible: Meeting[], unitId?: string, at: Date = now()): MeetingSummary {
  const meetings = visible.filter(
    (m) => m.status !== 'batal' && new Date(m.startAt).getTime() <= at.getTime(),
  );
  const totals = { done: 0, late: 0, open: 0, total: 0 };
  const units = new Map<string, MeetingSummary['byUnit'][number]>();
  for (const meeting of meetings)
    for (const decision of meeting.decisions) {
      if (unitId && !decision.unitPath.some((u) => String(u) === unitId)) continue;
      const state = decisionState(decision, at);
      if (!state) continue;
      totals[state] += 1;
      totals.total += 1;
      const key = String(decision.unitId);
      const row = units.get(key) ?? {
        unitId: key,
        unitName: decision.unitName ?? '',
        done: 0,
        late: 0,
        open: 0,
      };
      row[state] += 1;
      units.set(key, row);
    }
  return {
    held: meetings.length,
    decisions: totals,
    byUnit: [...units.values()].sort((a, b) => a.unitName.localeCompare(b.unitName, 'id')),
  };
}
