import mongoose from 'mongoose';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { retryUpsertOnDuplicate } from '../../lib/upsert.ts';
import { dayOf, hourOf } from '../dispositions/disposition.keys.ts';
import { changedIn, nodesOpenAt, settledHour } from '../dispositions/open-state.ts';
import { PositionModel, UnitModel } from '../org/org.model.ts';
import {
  applyItems,
  ITEM_FIELDS,
  OPEN_ITEMS_VERSION,
  OpenItemsModel,
  packItems,
  unitsOfItems,
  unpackItems,
  type ItemNode,
  type OpenItem,
  type OpenItemsDoc,
} from './open-items.model.ts';
import { mapLimit, READS_AT_ONCE } from './reports.concurrency.ts';

/**
 * The open items of a unit's subtree (monitoring's open, overdue and oldest figures, and
 * which items it lists) without reading the open nodes: at 100,000 letters the Sekda's
 * subtree holds ~2,600 open nodes, a few kilobytes each for FerretDB to decode on every
 * request. Each position keeps its open items packed in one document
 * (open-items.model.ts), kept exactly like its open state (dispositions/open-state.ts): as
 * of the end of an hour, advanced by the nodes whose `hourKeys` name a later hour (every
 * change of a node's open status sets one: sent, read, taken up, closed), with what changed
 * since read live on each request (usually one or two hours). An item is a pure function of
 * its node, so concurrent advances write the same values and a rebuild from the nodes gives
 * the same set. A late change (a claim rolled forward) marks it stale (`touchOpenState`),
 * the background refresh rebuilds it daily with the open state, and a missing or outdated
 * document is rebuilt on read and by the start-up task.
 */

const HOUR_MS = 3_600_000;
const MAX_GAP_HOURS = 14 * 24;
const endOfHour = (hour: number) => (hour + 1) * HOUR_MS - 1;
const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Rebuilds one position's kept items from its nodes (its open set and the nodes closed
 * since the hour it is built for); `units` also covers the nodes changed since (live). */
export async function rebuildOpenItems(
  positionId: string,
  at: Date = now(),
): Promise<OpenItemsDoc> {
  return (await build(positionId, at)).doc;
}

async function build(
  positionId: string,
  at: Date,
): Promise<{ doc: OpenItemsDoc; live: Map<string, OpenItem> }> {
  const hour = settledHour(at);
  const items = new Map<string, OpenItem>();
  applyItems(items, await nodesOpenAt<ItemNode>(positionId, hour, ITEM_FIELDS), endOfHour(hour));
  const live = new Map(items);
  applyItems(
    live,
    await changedIn<ItemNode>(positionId, range(hour + 1, hourOf(at)), ITEM_FIELDS),
    'now',
  );
  const doc: OpenItemsDoc = {
    _id: positionId,
    throughHour: hour,
    stale: false,
    builtDay: dayOf(at),
    version: OPEN_ITEMS_VERSION,
    data: packItems(items.values()),
    units: unitsOfItems(items.values(), live.values()),
  };
  // Two requests (or processes) building it at once both insert: the loser's retry is a
  // replace of the winner's document (the same items; lib/upsert.ts).
  await retryUpsertOnDuplicate(() =>
    OpenItemsModel.replaceOne({ _id: positionId }, doc, { upsert: true }),
  );
  return { doc, live };
}

/** A position's open items right now. */
export async function loadOpenItems(
  positionId: string,
  at: Date = now(),
): Promise<Map<string, OpenItem>> {
  const hour = settledHour(at);
  const doc = await OpenItemsModel.findById(positionId).lean<OpenItemsDoc>();
  if (
    !doc ||
    doc.stale ||
    doc.version !== OPEN_ITEMS_VERSION ||
    hour - doc.throughHour > MAX_GAP_HOURS ||
    // Kept for an hour ahead of this clock (moved back, or another server's ahead): the
    // changes in between would be missed.
    doc.throughHour > hour
  )
    return (await build(positionId, at)).live;
  const items = unpackItems(doc.data);
  // One read per hour since the kept one serves both the advance and the live changes:
  // an item's status at any instant follows from its node's timestamps, so the nodes
  // changed later are applied as they were at the end of the settled hour first.
  const changed = await changedIn<ItemNode>(
    positionId,
    range(doc.throughHour + 1, hourOf(at)),
    ITEM_FIELDS,
  );
  if (doc.throughHour < hour) {
    applyItems(items, changed, endOfHour(hour));
    const kept = new Map(items);
    applyItems(items, changed, 'now');
    // Conditional, so a document marked stale meanwhile stays stale (narrowly: the engine
    // reads then writes; the daily rebuild catches what slips through). The units of the
    // kept items and the live ones, so an item sent since stays found after a move.
    await OpenItemsModel.updateOne(
      { _id: positionId, throughHour: doc.throughHour, stale: false },
      {
        $set: {
          throughHour: hour,
          data: packItems(kept.values()),
          units: unitsOfItems(kept.values(), items.values()),
        },
      },
    );
    return items;
  }
  applyItems(items, changed, 'now');
  return items;
}

/** The open items of a unit's subtree, oldest first: the kept items of every position of
 * the subtree's units (the units by `ancestorIds`, their positions by `unitId`: bounded
 * lists) and of every position whose kept items name the unit (`units`: one moved away, or
 * whose unit moved, keeps its items' old paths), each position once, those whose recipient
 * path holds the unit (as `openUnitPath` selects them, so the figures equal the nodes'). */
export async function openItemsOfSubtree(
  unitId: mongoose.Types.ObjectId | string,
  at: Date = now(),
): Promise<OpenItem[]> {
  const uid = new mongoose.Types.ObjectId(String(unitId));
  const key = String(uid);
  const [below, named] = await Promise.all([
    UnitModel.find({ ancestorIds: uid }, { _id: 1 }).lean<
      Array<{ _id: mongoose.Types.ObjectId }>
    >(),
    OpenItemsModel.find({ units: key }, { _id: 1 }).lean<Array<{ _id: string }>>(),
  ]);
  const units = [uid, ...below.map((u) => u._id)];
  const positions = new Set(named.map((d) => String(d._id)));
  for (const found of await mapLimit(units, READS_AT_ONCE, (id) =>
    PositionModel.find({ unitId: id }, { _id: 1 }).lean<Array<{ _id: unknown }>>(),
  ))
    for (const p of found) positions.add(String(p._id));
  const kept = await mapLimit([...positions], READS_AT_ONCE, (id) => loadOpenItems(id, at));
  const items = kept.flatMap((m) => [...m.values()]).filter((i) => i.toUnitPath.includes(key));
  return items.sort((a, b) => a.sentAt - b.sentAt || a.id.localeCompare(b.id));
}

/** The background refresh (open-state.ts `refreshOpenStates`) keeps the items with the
 * open state: rebuilt when it is, else advanced. */
export async function keepOpenItems(positionId: string, at: Date, rebuild: boolean) {
  if (rebuild) await rebuildOpenItems(positionId, at);
  else await loadOpenItems(positionId, at);
}

/** Start-up: every position without current kept items gets them (idempotent: positions
 * with a current document are left alone). */
export async function buildMissingOpenItems(
  options: { logger?: Logger; at?: Date } = {},
): Promise<number> {
  const at = options.at ?? now();
  const kept = await OpenItemsModel.find({}, { version: 1 }).lean<OpenItemsDoc[]>();
  const current = new Set(
    kept.filter((d) => d.version === OPEN_ITEMS_VERSION).map((d) => String(d._id)),
  );
  const positions = await PositionModel.find({}, { _id: 1 }).lean<Array<{ _id: unknown }>>();
  const missing = positions.map((p) => String(p._id)).filter((id) => !current.has(id));
  for (const positionId of missing) await rebuildOpenItems(positionId, at);
  if (missing.length > 0)
    options.logger?.info({ positions: missing.length }, 'disposition open items built');
  return missing.length;
}
