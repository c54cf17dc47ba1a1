import type mongoose from 'mongoose';
import { DispositionModel, type Disposition } from '../dispositions/disposition.model.ts';
import { unitWeekKeyOf } from '../dispositions/disposition.keys.ts';
import { storeBuiltDigest } from './kept-digest.ts';
import { FollowUpWeekModel } from './follow-up-weeks.model.ts';
import { mapLimit, READS_AT_ONCE } from './reports.concurrency.ts';

/**
 * The disposition nodes a unit's subtree received in a week, as the reports and the
 * monitoring screen count them, read from a kept digest (follow-up-weeks.model.ts) instead
 * of the nodes themselves. FerretDB decodes every document a read returns (a node is a
 * few kilobytes of keys and letter summary); the Sekda's week is ~1,000 nodes, so a year
 * of them took tens of seconds. A digest is one document whose entries are packed in one
 * string (a few dozen bytes a node, one value to decode), so a week costs one `_id` read.
 *
 * Exact, not estimated: an entry holds the node's own status and dates, and everything
 * that depends on the clock (overdue or not) is still computed at read time from them. A
 * digest is built from the week's nodes (`unitWeekKeys` equality, as before) the first
 * time it is needed and again after any write to a node of the week (`gen` moved on, see
 * `touchFollowUpWeeks`): past weeks are built once, the current weeks again after changes.
 */
export const FOLLOW_UP_DIGEST_VERSION = 1;

export interface WeekEntry {
  status: Disposition['status'];
  sentAt: Date;
  dueAt: Date;
  dueDate: string;
  closedAt: Date | null;
  processingAt: Date | null;
  /** The recipient's own unit. */
  toUnitId: string;
  /** The unit right below the digest's unit on the recipient's path (null: the unit's own
   * positions): the per-unit rows are the direct sub-units. */
  child: string | null;
}

type NodeFields = Pick<
  Disposition,
  | 'status'
  | 'sentAt'
  | 'dueAt'
  | 'dueDate'
  | 'closedAt'
  | 'processingAt'
  | 'toUnitId'
  | 'toUnitPath'
>;

/** [sentAt, status, dueAt, dueDate, closedAt|0, processingAt|0, toUnit#, child#|-1], the
 * units by their place in `units`. */
type Packed = [number, Disposition['status'], number, string, number, number, number, number];

function packEntries(unitId: string, nodes: NodeFields[]): string {
  const units: string[] = [];
  const unitIndex = (id: string) => {
    let at = units.indexOf(id);
    if (at < 0) at = units.push(id) - 1;
    return at;
  };
  const time = (value: Date | string | null | undefined) => (value ? new Date(value).getTime() : 0);
  const rows = nodes.map((node): Packed => {
    const path = node.toUnitPath.map(String);
    const child = path[path.indexOf(unitId) + 1];
    return [
      time(node.sentAt),
      node.status,
      time(node.dueAt),
      node.dueDate,
      time(node.closedAt),
      time(node.processingAt),
      unitIndex(String(node.toUnitId)),
      child === undefined ? -1 : unitIndex(child),
    ];
  });
  return JSON.stringify({ units, rows });
}

function unpackEntries(data: string): WeekEntry[] {
  const { units, rows } = JSON.parse(data) as { units: string[]; rows: Packed[] };
  return rows.map(([sent, status, due, dueDate, closed, processing, unit, child]) => ({
    status,
    sentAt: new Date(sent),
    dueAt: new Date(due),
    dueDate,
    closedAt: closed ? new Date(closed) : null,
    processingAt: processing ? new Date(processing) : null,
    toUnitId: units[unit]!,
    child: child < 0 ? null : units[child]!,
  }));
}

interface DigestDoc {
  _id: string;
  gen?: number;
  builtGen?: number;
  version?: number;
  data?: string;
}

/** One week of the subtree: its digest when current, else built from the nodes and kept. */
export async function weekEntries(
  unitId: mongoose.Types.ObjectId | string,
  week: number,
): Promise<WeekEntry[]> {
  const key = unitWeekKeyOf(unitId, week);
  const digest = await FollowUpWeekModel.findById(key).lean<DigestDoc>();
  const gen = digest?.gen ?? 0;
  if (
    digest &&
    digest.version === FOLLOW_UP_DIGEST_VERSION &&
    digest.builtGen === gen &&
    digest.data
  )
    return unpackEntries(digest.data);
  // `gen` was read before the nodes: a write after this point moves it past `builtGen`,
  // so a digest missing that write is never used.
  const nodes = await DispositionModel.find(
    { unitWeekKeys: key },
    {
      status: 1,
      sentAt: 1,
      dueAt: 1,
      dueDate: 1,
      closedAt: 1,
      processingAt: 1,
      toUnitId: 1,
      toUnitPath: 1,
    },
  ).lean<NodeFields[]>();
  const data = packEntries(String(unitId), nodes);
  await storeBuiltDigest(FollowUpWeekModel, key, {
    builtGen: gen,
    version: FOLLOW_UP_DIGEST_VERSION,
    data,
  });
  return unpackEntries(data);
}

/** Several weeks of the subtree, a few reads at once, in the weeks' order. */
export async function weeksEntries(
  unitId: mongoose.Types.ObjectId | string,
  weeks: number[],
): Promise<WeekEntry[][]> {
  return mapLimit(weeks, READS_AT_ONCE, (week) => weekEntries(unitId, week));
}

/** Whether an entry of the digest of `digestUnit` belongs to the row of unit `id`: the
 * unit's own positions (`self`) or its subtree (the digest's unit itself or one of its
 * direct sub-units). */
export function entryInRow(
  entry: WeekEntry,
  digestUnit: string,
  id: string,
  self: boolean,
): boolean {
  if (self) return entry.toUnitId === id;
  return id === digestUnit || entry.child === id;
}
