import mongoose, { Schema } from 'mongoose';
import type { Disposition } from '../dispositions/disposition.model.ts';
import {
  OPEN_STATUS_FIELDS,
  openStatusAt,
  type OpenStatusNode,
} from '../dispositions/disposition.keys.ts';

/**
 * The kept open items of one position (open-items.ts): what the monitoring screen and the
 * reports need of each of its open disposition nodes (sent, deadline, recipient unit path),
 * packed in one string, as of the end of an hour (`throughHour`), like the position's open
 * state (dispositions/open-state.ts) and advanced the same way. `_id` is the position id.
 */
export const OPEN_ITEMS_VERSION = 2;

const openItemsSchema = new Schema(
  {
    _id: { type: String, required: true },
    throughHour: { type: Number, required: true },
    /** Set by a change that landed in an hour already kept: rebuild before use. */
    stale: { type: Boolean, default: false },
    /** Jakarta day of the last rebuild from the nodes. */
    builtDay: { type: Number, required: true },
    /** OPEN_ITEMS_VERSION it was built with: an older format is rebuilt. */
    version: { type: Number, default: 0 },
    /** The packed items (`packItems`). */
    data: { type: String, default: '' },
    /** Every unit on the recipient paths of its items, kept and live when written
     * (`unitsOfItems`): a position moved to another unit keeps its items' old paths (as the
     * nodes' `openUnitPath` does), so a subtree also reads the positions found here
     * (`{ units: unitId }`), not only those of its units now. */
    units: { type: [String], default: [] },
  },
  { collection: 'disposition_open_items', versionKey: false },
);
openItemsSchema.index({ units: 1 });
export const OpenItemsModel = mongoose.model('DispositionOpenItems', openItemsSchema);

export interface OpenItemsDoc {
  _id: string;
  throughHour: number;
  stale?: boolean;
  builtDay: number;
  version?: number;
  data?: string;
  units?: string[];
}

/** One open node as monitoring counts it: overdue from `dueAt` on, oldest by `sentAt`. */
export interface OpenItem {
  id: string;
  sentAt: number;
  dueAt: number;
  toUnitId: string;
  /** The recipient unit's path, root first, the unit itself last. */
  toUnitPath: string[];
}

/** The fields an item and its open status are computed from (open-state.ts reads them). */
export const ITEM_FIELDS = { ...OPEN_STATUS_FIELDS, toUnitId: 1, toUnitPath: 1 } as const;
export type ItemNode = OpenStatusNode & Pick<Disposition, 'toUnitId' | 'toUnitPath'>;

/** Sets the nodes open at `t` (an instant, or 'now' for their current status) and removes
 * the others: a pure function of the nodes, so two processes applying the same nodes agree. */
export function applyItems(
  items: Map<string, OpenItem>,
  nodes: ItemNode[],
  t: number | 'now',
): void {
  for (const node of nodes) {
    const id = String(node._id);
    if (!openStatusAt(node, t === 'now' ? Infinity : t)) {
      items.delete(id);
      continue;
    }
    items.set(id, {
      id,
      sentAt: new Date(node.sentAt).getTime(),
      dueAt: new Date(node.dueAt).getTime(),
      toUnitId: String(node.toUnitId),
      toUnitPath: (node.toUnitPath ?? []).map(String),
    });
  }
}

/** The units on the items' recipient paths (each once, sorted). */
export function unitsOfItems(...sets: Array<Iterable<OpenItem>>): string[] {
  const units = new Set<string>();
  for (const items of sets) for (const item of items) for (const u of item.toUnitPath) units.add(u);
  return [...units].sort();
}

/** [id, sentAt, dueAt, path#], the paths (`<toUnitId>/<path, comma-separated>`) by their
 * place in `paths`: a position's items share one or two paths. */
type Packed = [string, number, number, number];

export function packItems(items: Iterable<OpenItem>): string {
  const paths: string[] = [];
  const rows: Packed[] = [];
  for (const item of items) {
    const path = `${item.toUnitId}/${item.toUnitPath.join(',')}`;
    let at = paths.indexOf(path);
    if (at < 0) at = paths.push(path) - 1;
    rows.push([item.id, item.sentAt, item.dueAt, at]);
  }
  return JSON.stringify({ paths, rows });
}

export function unpackItems(data: string | undefined): Map<string, OpenItem> {
  const items = new Map<string, OpenItem>();
  if (!data) return items;
  const { paths, rows } = JSON.parse(data) as { paths: string[]; rows: Packed[] };
  const split = paths.map((p) => {
    const [unit, path] = p.split('/');
    return { toUnitId: unit!, toUnitPath: path ? path.split(',') : [] };
  });
  for (const [id, sentAt, dueAt, at] of rows) items.set(id, { id, sentAt, dueAt, ...split[at]! });
  return items;
}

/** Marks the kept items stale when they count the hour of `changedAt` already (a change
 * applied late): rebuilt on the next read. */
export async function markOpenItemsStale(positionId: string, changedHour: number): Promise<void> {
  await OpenItemsModel.updateOne(
    { _id: positionId, throughHour: { $gte: changedHour } },
    { $set: { stale: true } },
  );
}

/** Nodes deleted outright (disposition.model.ts's deleteMany hook): no later `hourKeys`
 * read finds them, so the positions' kept open items and open states
 * (dispositions/open-state.ts, collection `disposition_open_states`) are rebuilt on their
 * next read. The open state is reached through its collection: its model's module imports
 * the node model, which calls this. */
export async function markKeptOpenStale(positionIds: Iterable<string>): Promise<void> {
  const openStates = OpenItemsModel.db.collection('disposition_open_states');
  for (const id of new Set(positionIds)) {
    await OpenItemsModel.updateOne({ _id: id }, { $set: { stale: true } });
    await openStates.updateOne({ _id: id as never }, { $set: { stale: true } });
  }
}
