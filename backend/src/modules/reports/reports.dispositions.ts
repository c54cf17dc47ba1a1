import type mongoose from 'mongoose';
import { now } from '../../lib/clock.ts';
import { weekOf } from '../dispositions/disposition.keys.ts';
import { lateness } from '../dispositions/dispositions.presenter.ts';
import { median } from '../monitoring/monitoring.service.ts';
import { entryInRow, weeksEntries, type WeekEntry } from './follow-up-weeks.ts';
import { within, type Period } from './reports.period.ts';
import type { ReportScope } from './reports.scope.ts';

/**
 * Dispositions received in the period by the unit's subtree, as the monitoring screen
 * counts them (monitoring.service.ts): a node is open while its status is open and overdue
 * from its deadline on (`lateness`, the same function); the follow-up time is from sending
 * to the first report or forward (`processingAt`), its median by the same `median`.
 *
 * - doneOnTime / doneLate: finished (`selesai`) by / after the deadline;
 * - openOverdue: still open and past its deadline now (monitoring's "terlambat");
 * - openOnTrack: still open, deadline not passed;
 * - withdrawn: cancelled or returned (not counted as on time or late).
 */
export interface FollowUp {
  received: number;
  doneOnTime: number;
  doneLate: number;
  openOverdue: number;
  openOnTrack: number;
  withdrawn: number;
  /** Median days from receiving to the first follow-up, over those followed up. */
  medianFollowUpDays: number | null;
  followedUp: number;
}

export interface FollowUpRow extends FollowUp {
  unitId: string;
  /** The unit's own positions, not a sub-unit. */
  self: boolean;
}

const HOUR_MS = 3_600_000;

type Node = Pick<
  WeekEntry,
  'status' | 'sentAt' | 'dueAt' | 'dueDate' | 'closedAt' | 'processingAt'
>;

function followUpOf(nodes: Node[], at: Date): FollowUp {
  const figures: FollowUp = {
    received: nodes.length,
    doneOnTime: 0,
    doneLate: 0,
    openOverdue: 0,
    openOnTrack: 0,
    withdrawn: 0,
    medianFollowUpDays: null,
    followedUp: 0,
  };
  const hours: number[] = [];
  for (const node of nodes) {
    if (node.processingAt)
      hours.push(
        (new Date(node.processingAt).getTime() - new Date(node.sentAt).getTime()) / HOUR_MS,
      );
    if (node.status === 'selesai') {
      const closed = new Date(node.closedAt ?? node.sentAt).getTime();
      if (closed < new Date(node.dueAt).getTime()) figures.doneOnTime++;
      else figures.doneLate++;
    } else if (node.status === 'dibatalkan' || node.status === 'dikembalikan') figures.withdrawn++;
    else if (lateness(node, at).overdue) figures.openOverdue++;
    else figures.openOnTrack++;
  }
  // Monitoring's median of hours, shown in days: the same middle item.
  const middle = median(hours);
  figures.medianFollowUpDays = middle === null ? null : Math.round((middle / 24) * 10) / 10;
  figures.followedUp = hours.length;
  return figures;
}

/** The subtree's nodes sent in the period: its weeks' kept digests (follow-up-weeks.ts, one
 * `_id` read a week, a few at once), then the period's own days kept. A month reads its 5
 * or 6 weeks, a year its 53. */
export async function periodNodes(
  unitId: mongoose.Types.ObjectId,
  period: Period,
): Promise<WeekEntry[]> {
  const weeks: number[] = [];
  for (let week = weekOf(period.from); week <= weekOf(new Date(period.to.getTime() - 1)); week++)
    weeks.push(week);
  const fetched = await weeksEntries(unitId, weeks);
  return fetched.flat().filter((node) => within(period, node.sentAt));
}

export async function followUpFigures(
  scope: ReportScope,
  period: Period,
): Promise<{ totals: FollowUp; rows: FollowUpRow[] }> {
  const at = now();
  const nodes = await periodNodes(scope.unit._id, period);
  const uid = String(scope.unit._id);
  const own = nodes.filter((n) => entryInRow(n, uid, uid, true));
  const rows: FollowUpRow[] = [
    ...(own.length ? [{ unitId: uid, self: true, ...followUpOf(own, at) }] : []),
    ...scope.children.map((child) => ({
      unitId: String(child._id),
      self: false,
      ...followUpOf(
        nodes.filter((n) => entryInRow(n, uid, String(child._id), false)),
        at,
      ),
    })),
  ];
  return { totals: followUpOf(nodes, at), rows };
}
