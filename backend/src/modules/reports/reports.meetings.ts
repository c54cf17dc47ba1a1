import type { Actor } from '../../http/actor.ts';
import { summarizeMeetings } from '../meetings/meetings.report.ts';
import type { Period } from './reports.period.ts';

/** Coordination meetings held in the period and the status of their decisions, as the
 * meetings module counts them (`summarizeMeetings`, meetings.report.ts, engineer R). */
export interface MeetingFigures {
  /** Always true since the meetings module landed; the screen and documents keep the
   * "belum tersedia" state for a deployment where meetings are switched off. */
  available: boolean;
  held: number;
  decisions: { done: number; late: number; open: number; total: number };
  byUnit: Array<{ unitId: string; unitName: string; done: number; late: number; open: number }>;
}

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** `unitId` undefined: the whole organisation (the root unit's report). */
export async function meetingFigures(
  actor: Actor,
  period: Period,
  unitId: string | undefined,
): Promise<MeetingFigures> {
  const summary = await summarizeMeetings({ from: period.from, to: period.to, unitId, actor });
  return {
    available: true,
    held: num(summary.held),
    decisions: {
      done: num(summary.decisions.done),
      late: num(summary.decisions.late),
      open: num(summary.decisions.open),
      total: num(summary.decisions.total),
    },
    byUnit: summary.byUnit.map((row) => ({
      unitId: row.unitId,
      unitName: row.unitName,
      done: num(row.done),
      late: num(row.late),
      open: num(row.open),
    })),
  };
}
