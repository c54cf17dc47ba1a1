import mongoose, { Schema } from 'mongoose';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { retryUpsertOnDuplicate } from '../../lib/upsert.ts';
import {
  CLOSED_SERIES,
  dayKeyOf,
  dayOf,
  hourKeyOf,
  hourOf,
  inboxKeyOf,
  OPEN_STATUS_FIELDS,
  openStatusAt,
  seriesOf,
  type OpenStatusNode,
  type OpenStatus,
} from './disposition.keys.ts';
import { PositionModel } from '../org/org.model.ts';
import { markOpenItemsStale } from '../reports/open-items.model.ts';
import { keepOpenItems } from '../reports/open-items.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';

/**
 * A position's open set in numbers: how many of its open nodes are in each status with
 * each deadline day and urgency (`<status>:<dueEnd>:<urgency>` cells; a state kept in the
 * older `<status>:<dueEnd>` form is rebuilt on its next read), without reading the set. FerretDB decodes
 * every document a read or a count touches (about a millisecond for a node), and an
 * Asisten's open set runs into the thousands, so no request may read it.
 *
 * The cells are kept as of the end of an hour (`throughHour`) in one small document per
 * position, and only what changed after it is read on a request: the nodes whose
 * `hourKeys` name a later hour (sent, read, taken up or closed since), one equality read
 * per hour, usually one or two hours. A node's open status at any instant follows from its
 * timestamps, which each change sets once (`openStatusAt`), so the kept cells are a pure
 * function of the nodes: two processes advancing the same document write the same values,
 * and a rebuild from the nodes gives the same answer. That is what makes the counts exact
 * without an atomic increment (FerretDB 1.24 has none: a conditional update is read then
 * write) and self-healing:
 *
 * - an hour is kept ten minutes after it ended, so a change whose write lands a little
 *   after its timestamp is still seen;
 * - a change applied much later (a claim rolled forward after its writer died) marks the
 *   document stale (`touchOpenState`), and the next read rebuilds it;
 * - the document is rebuilt from the nodes once a day anyway (`refreshOpenStates`, a
 *   background pass), after a bulk load (`afterBulkLoad`) and when it is missing or more
 *   than two weeks behind. A rebuild reads the position's open set and the nodes closed
 *   since the instant it is built for: a start-up or night-time cost, not a request's.
 */
const openStateSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** The cells count the nodes as they were at the end of this hour. */
    throughHour: { type: Number, required: true },
    /** `<status>:<dueEnd>:<urgency>` → open nodes (non-zero cells only). */
    cells: { type: Schema.Types.Mixed, default: {} },
    /** Set by a change that landed in an hour already kept: rebuild before use. */
    stale: { type: Boolean, default: false },
    /** Jakarta day of the last rebuild from the nodes. */
    builtDay: { type: Number, required: true },
  },
  { collection: 'disposition_open_states', versionKey: false, minimize: false },
);
export const DispositionOpenStateModel = mongoose.model('DispositionOpenState', openStateSchema);

interface OpenStateDoc {
  _id: string;
  throughHour: number;
  cells: Record<string, number>;
  stale?: boolean;
  builtDay: number;
}

const HOUR_MS = 3_600_000;
const SETTLE_MS = 10 * 60_000;
/** Further behind than this, a rebuild reads less than the hours in between. */
const MAX_GAP_HOURS = 14 * 24;
const PARALLEL_HOURS = 24;

/** The last hour whose changes are final at `at`. */
export function settledHour(at: Date): number {
  return hourOf(new Date(at.getTime() - SETTLE_MS)) - 1;
}

const endOfHour = (hour: number) => (hour + 1) * HOUR_MS - 1;
/** A cell: the open nodes of one status, deadline day and urgency (sifat, which a node
 * keeps from its dispatch on), so an open tab can be paged most urgent first. */
export const cellOf = (status: OpenStatus, dueEnd: number, urgency: string) =>
  `${status}:${dueEnd}:${urgency}`;
export function parseCell(cell: string): { status: OpenStatus; dueEnd: number; urgency: string } {
  const [status, dueEnd, urgency] = cell.split(':');
  return { status: status as OpenStatus, dueEnd: Number(dueEnd), urgency: urgency ?? '' };
}
/** Cells kept by a version before the urgency was part of them (`<status>:<dueEnd>`). */
const oldCells = (cells: Record<string, number>) =>
  Object.keys(cells).some((cell) => cell.split(':').length < 3);

function bump(cells: Record<string, number>, cell: string, by: number): void {
  const value = (cells[cell] ?? 0) + by;
  if (value === 0) delete cells[cell];
  else cells[cell] = value;
}

/** Moves the nodes from their status at `from` to their status at `to` (an instant, or
 * 'now' for the status they have). */
function applyChanges(
  cells: Record<string, number>,
  nodes: OpenStatusNode[],
  from: number,
  to: number | 'now',
): void {
  for (const node of nodes) {
    const dueEnd = dayOf(node.dueAt);
    const before = openStatusAt(node, from);
    const after = openStatusAt(node, to === 'now' ? Infinity : to);
    if (before === after) continue;
    if (before) bump(cells, cellOf(before, dueEnd, node.urgency), -1);
    if (after) bump(cells, cellOf(after, dueEnd, node.urgency), 1);
  }
}

/** The nodes of the position with a change in the given hours (each once), with the
 * given fields (the open state's by default; reports/open-items.ts reads a few more). */
export async function changedIn<T extends Pick<Disposition, '_id'> = OpenStatusNode>(
  positionId: string,
  hours: number[],
  fields: Record<string, 1> = OPEN_STATUS_FIELDS,
): Promise<T[]> {
  const seen = new Map<string, T>();
  for (let i = 0; i < hours.length; i += PARALLEL_HOURS) {
    const batch = await Promise.all(
      hours
        .slice(i, i + PARALLEL_HOURS)
        .map((hour) =>
          DispositionModel.find({ hourKeys: hourKeyOf(positionId, hour) }, fields).lean<T[]>(),
        ),
    );
    for (const node of batch.flat()) seen.set(String(node._id), node);
  }
  return [...seen.values()];
}

const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/**
 * The nodes a position's open set at the end of `hour` is computed from: its open set now,
 * and the nodes closed since (they were open then), read by their closing days (each once).
 */
export async function nodesOpenAt<T extends Pick<Disposition, '_id'> = OpenStatusNode>(
  positionId: string,
  hour: number,
  fields: Record<string, 1> = OPEN_STATUS_FIELDS,
): Promise<T[]> {
  const t = endOfHour(hour);
  const closedDays = range(dayOf(new Date(t)), dayOf(now()));
  // The open set first, then the closings: a node closing in between is in the second.
  const open = await DispositionModel.find(
    { inboxKey: inboxKeyOf(positionId, 'open') },
    fields,
  ).lean<T[]>();
  const closed = await Promise.all(
    CLOSED_SERIES.flatMap((status) =>
      closedDays.map((day) =>
        DispositionModel.find(
          { dayKeys: dayKeyOf(seriesOf(positionId, status), day) },
          fields,
        ).lean<T[]>(),
      ),
    ),
  );
  const nodes = new Map<string, T>();
  for (const node of [...open, ...closed.flat()]) nodes.set(String(node._id), node);
  return [...nodes.values()];
}

/** The cells of a position as they were at the end of `hour`, from the nodes. */
export async function buildCells(
  positionId: string,
  hour: number,
): Promise<Record<string, number>> {
  const t = endOfHour(hour);
  const cells: Record<string, number> = {};
  for (const node of await nodesOpenAt(positionId, hour)) {
    const status = openStatusAt(node, t);
    if (status) bump(cells, cellOf(status, dayOf(node.dueAt), node.urgency), 1);
  }
  return cells;
}

/** Rebuilds the kept state of one position from its nodes. */
export async function rebuildOpenState(
  positionId: string,
  at: Date = now(),
): Promise<OpenStateDoc> {
  const hour = settledHour(at);
  const doc: OpenStateDoc = {
    _id: positionId,
    throughHour: hour,
    cells: await buildCells(positionId, hour),
    stale: false,
    builtDay: dayOf(at),
  };
  // Two requests finding no state at once both rebuild it; the second insert retries as a
  // replace (lib/upsert.ts).
  await retryUpsertOnDuplicate(() =>
    DispositionOpenStateModel.replaceOne({ _id: positionId }, doc, { upsert: true }),
  );
  return doc;
}

/** Brings the kept state up to the last settled hour: the nodes changed in the hours
 * since, one read per hour. */
async function advance(doc: OpenStateDoc, hour: number): Promise<OpenStateDoc> {
  const changed = await changedIn(doc._id, range(doc.throughHour + 1, hour));
  const cells = { ...doc.cells };
  applyChanges(cells, changed, endOfHour(doc.throughHour), endOfHour(hour));
  // Conditional, so a document marked stale meanwhile is not marked fresh (narrowly: the
  // engine reads then writes; the daily rebuild catches what slips through).
  await DispositionOpenStateModel.updateOne(
    { _id: doc._id, throughHour: doc.throughHour, stale: false },
    { $set: { throughHour: hour, cells } },
  );
  return { ...doc, throughHour: hour, cells };
}

/** A position's open nodes right now, per status and deadline day. */
export interface OpenState {
  positionId: string;
  /** `<status>:<dueEnd>:<urgency>` → nodes; never negative. */
  cells: Record<string, number>;
  /** Jakarta day of `at`: a node is overdue from its `dueEnd` day on. */
  today: number;
}

export async function loadOpenState(positionId: string, at: Date = now()): Promise<OpenState> {
  const hour = settledHour(at);
  let doc = await DispositionOpenStateModel.findById(positionId).lean<OpenStateDoc>();
  if (!doc || doc.stale || hour - doc.throughHour > MAX_GAP_HOURS || oldCells(doc.cells))
    doc = await rebuildOpenState(positionId, at);
  else if (doc.throughHour < hour) doc = await advance(doc, hour);
  // What changed since the kept hour: usually one or two hours, a few nodes.
  const live = await changedIn(positionId, range(doc.throughHour + 1, hourOf(at)));
  const cells = { ...doc.cells };
  applyChanges(cells, live, endOfHour(doc.throughHour), 'now');
  if (Object.values(cells).some((count) => count < 0)) {
    // Only a lost write could do this: rebuild next time, never show a negative count.
    await markStale(positionId);
    for (const [cell, count] of Object.entries(cells)) if (count < 0) delete cells[cell];
  }
  return { positionId, cells, today: dayOf(at) };
}

/** Open nodes per status, and overdue ones (deadline day ended), from the cells. */
export function openCounts(state: OpenState): Record<OpenStatus, number> & { overdue: number } {
  const counts = { terkirim: 0, dibaca: 0, diproses: 0, overdue: 0 };
  for (const [cell, count] of Object.entries(state.cells)) {
    const { status, dueEnd } = parseCell(cell);
    counts[status] += count;
    if (dueEnd <= state.today) counts.overdue += count;
  }
  return counts;
}

async function markStale(positionId: string): Promise<void> {
  await DispositionOpenStateModel.updateOne({ _id: positionId }, { $set: { stale: true } });
}

/** Called after a change of a node was applied: when its time lies in an hour the
 * position's kept state already counts (a change rolled forward late), that state is
 * rebuilt on its next read. */
export async function touchOpenState(positionId: unknown, changedAt: Date): Promise<void> {
  const doc = await DispositionOpenStateModel.findById(String(positionId)).lean<OpenStateDoc>();
  if (doc && doc.throughHour >= hourOf(changedAt)) await markStale(String(positionId));
  // The position's kept open items (reports/open-items.ts) are kept the same way.
  await markOpenItemsStale(String(positionId), hourOf(changedAt));
}

/**
 * Every position with a kept state: advanced to the last settled hour, and rebuilt from its
 * nodes once a day (background, on one replica at a time), so requests find it current
 * and any drift lasts a day at most. `all` rebuilds every position that holds open nodes
 * (after a bulk load or a key backfill).
 */
export async function refreshOpenStates(
  options: { all?: boolean; logger?: Logger; at?: Date } = {},
): Promise<{ rebuilt: number; advanced: number }> {
  const at = options.at ?? now();
  const today = dayOf(at);
  const docs = await DispositionOpenStateModel.find({}, { cells: 0 }).lean<OpenStateDoc[]>();
  const kept = new Map(docs.map((d) => [d._id, d]));
  const positions = new Set(kept.keys());
  if (options.all) for (const id of await positionsWithNodes()) positions.add(id);
  let rebuilt = 0;
  let advanced = 0;
  for (const positionId of positions) {
    const doc = kept.get(positionId);
    const rebuild = options.all || !doc || doc.stale || doc.builtDay < today;
    if (rebuild) {
      await rebuildOpenState(positionId, at);
      rebuilt += 1;
    } else {
      await loadOpenState(positionId, at);
      advanced += 1;
    }
    // The monitoring's kept open items of the position, at the same pace.
    await keepOpenItems(positionId, at, rebuild);
  }
  options.logger?.info({ rebuilt, advanced }, 'disposition open states refreshed');
  return { rebuilt, advanced };
}

/** Every position of the organisation (a bounded list). */
async function positionsWithNodes(): Promise<string[]> {
  const positions = await PositionModel.find({}, { _id: 1 }).lean<Array<{ _id: unknown }>>();
  return positions.map((p) => String(p._id));
}
