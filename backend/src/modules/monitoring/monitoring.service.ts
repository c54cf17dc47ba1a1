import mongoose from 'mongoose';
import type { Actor, SecurityClass } from '../../http/actor.ts';
import { can, reach } from '../policy/policy.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { DispositionModel, type Disposition } from '../dispositions/disposition.model.ts';
import { lateness } from '../dispositions/dispositions.presenter.ts';
import { letterSummariesOf } from '../dispositions/letter-link.ts';
import { weekOf } from '../dispositions/disposition.keys.ts';
import type { OpenItem } from '../reports/open-items.model.ts';
import { openItemsOfSubtree } from '../reports/open-items.ts';
import { mapLimit, READS_AT_ONCE } from '../reports/reports.concurrency.ts';
import { UnitModel, type Unit } from '../org/org.model.ts';
import { holdersOfPositions } from '../org/org.service.ts';
import { entryInRow, weekEntries, type WeekEntry } from '../reports/follow-up-weeks.ts';

/**
 * "Who holds what, since when, how late", per unit below the viewer (domain.md §4): the
 * Sekda sees the asisten units, an asisten the biro, and so on; a row drills down into that
 * unit. Open and overdue counts, the age of the oldest open item, and the median time from
 * receiving a disposition to the first follow-up (report or forward) over the last 90 days
 * (at most the newest 5,000 of them).
 *
 * The open items are counted from each position's kept open items (reports/open-items.ts:
 * one small document per position, never the open nodes themselves); only the listed ones
 * (at most ITEM_LIMIT, most overdue and oldest first) are read, by `_id`. The follow-up
 * window is read week by week from the kept week digests (reports/follow-up-weeks.ts),
 * newest first.
 */

/** Heads of units watch their unit's subtree; admins watch the whole organisation. */
const HEAD_KINDS = new Set(['sekda', 'asisten', 'kepala_biro', 'kepala_bagian']);
const WINDOW_DAYS = 90;
const ITEM_LIMIT = 300;
/** Follow-ups a median is taken over at most (the newest weeks of the window first). */
const FOLLOW_UP_SAMPLE = 5_000;
const DAY_MS = 86_400_000;

export async function monitoringScopes(actor: Actor): Promise<Unit[]> {
  const ids = actor.positions
    .filter((p) => HEAD_KINDS.has(p.kind ?? ''))
    .map((p) => new mongoose.Types.ObjectId(p.unitId));
  // Heads of units watch their subtree; whoever reaches every unit (the admin) the root.
  const query = reach(actor, 'monitoring.view').any
    ? { $or: [{ parentId: null }, { _id: { $in: ids } }] }
    : { _id: { $in: ids } };
  const units = await UnitModel.find(query).lean<Unit[]>();
  return units.sort((a, b) => a.ancestorIds.length - b.ancestorIds.length || a.order - b.order);
}

export interface MonitoringRow {
  unitId: string;
  code: string;
  name: string;
  /** The unit's own positions (e.g. the asisten himself), not a sub-unit. */
  self: boolean;
  hasChildren: boolean;
  open: number;
  overdue: number;
  oldestOpenSince: string | null;
  oldestOpenDays: number | null;
  medianFollowUpHours: number | null;
  followUpSample: number;
}

export interface MonitoringItem {
  dispositionId: string;
  /** The letter, or the meeting when `source` is 'meeting' (a decision of its minutes). */
  letterId: string;
  source: 'letter' | 'meeting';
  agendaNumber: number | null;
  subject: string;
  senderName: string;
  positionTitle: string;
  unitName: string;
  holders: string[];
  fromTitle: string;
  status: string;
  sentAt: string;
  ageDays: number;
  dueDate: string;
  overdue: boolean;
  daysLate: number;
}

export async function monitoringOverview(
  actor: Actor,
  unitId?: string,
  /** `items: false`: the figures only (the reports), no item is read. */
  options: { items?: boolean } = {},
) {
  const scopes = await monitoringScopes(actor);
  if (scopes.length === 0) throw forbidden('Pemantauan disposisi hanya untuk pimpinan unit kerja.');
  let unit: Unit | undefined = scopes[0];
  if (unitId) {
    const found = /^[0-9a-f]{24}$/i.test(unitId)
      ? await UnitModel.findById(unitId).lean<Unit>()
      : null;
    if (!found) throw notFound('Unit kerja');
    const path = [...found.ancestorIds.map(String), String(found._id)];
    if (!scopes.some((scope) => path.includes(String(scope._id))))
      throw forbidden('Unit kerja tersebut di luar lingkup pemantauan Anda.');
    unit = found;
  }
  if (!unit) throw forbidden('Pemantauan disposisi hanya untuk pimpinan unit kerja.');
  const at = now();
  const uid = unit._id;
  const [open, recent, children, trail] = await Promise.all([
    openItemsOfSubtree(uid, at),
    recentFollowUps(uid, at),
    UnitModel.find({ parentId: uid, active: true }).sort({ order: 1, name: 1 }).lean<Unit[]>(),
    UnitModel.find({ _id: { $in: unit.ancestorIds } }).lean<Unit[]>(),
  ]);
  const grandchildren = new Set(
    (
      await UnitModel.find({ parentId: { $in: children.map((c) => c._id) } }, { parentId: 1 }).lean<
        Unit[]
      >()
    ).map((u) => String(u.parentId)),
  );

  const rowFor = (
    id: mongoose.Types.ObjectId,
    self: boolean,
  ): Omit<MonitoringRow, 'unitId' | 'code' | 'name' | 'hasChildren'> => {
    const inUnit = (n: OpenItem) =>
      self ? n.toUnitId === String(id) : n.toUnitPath.includes(String(id));
    const mine = open.filter(inUnit);
    const oldest = mine[0];
    const followUps = recent
      .filter((n) => entryInRow(n, String(uid), String(id), self))
      .map((n) => (n.processingAt!.getTime() - n.sentAt.getTime()) / 3_600_000);
    return {
      self,
      open: mine.length,
      overdue: mine.filter((n) => isOverdue(n, at)).length,
      oldestOpenSince: oldest ? new Date(oldest.sentAt).toISOString() : null,
      oldestOpenDays: oldest
        ? Math.floor((at.getTime() - new Date(oldest.sentAt).getTime()) / DAY_MS)
        : null,
      medianFollowUpHours: median(followUps),
      followUpSample: followUps.length,
    };
  };
  const selfRow = {
    unitId: String(uid),
    code: unit.code,
    name: unit.name,
    hasChildren: false,
    ...rowFor(uid, true),
  };
  const rows: MonitoringRow[] = [
    ...(selfRow.open > 0 || selfRow.followUpSample > 0 ? [selfRow] : []),
    ...children.map((child) => ({
      unitId: String(child._id),
      code: child.code,
      name: child.name,
      hasChildren: grandchildren.has(String(child._id)),
      ...rowFor(child._id, false),
    })),
  ];
  const totals = {
    unitId: String(uid),
    code: unit.code,
    name: unit.name,
    hasChildren: children.length > 0,
    ...rowFor(uid, false),
    self: false,
  };

  const items =
    options.items === false
      ? []
      : await describeItems(actor, open, at, [...unit.ancestorIds.map(String), String(uid)]);
  const scopeRoot = scopes.find((s) =>
    [...unit.ancestorIds.map(String), String(uid)].includes(String(s._id)),
  );
  const breadcrumb = [
    ...unit.ancestorIds
      .map((id) => trail.find((t) => String(t._id) === String(id)))
      .filter((u): u is Unit => !!u),
    unit,
  ]
    .filter((u) => !scopeRoot || u.ancestorIds.length >= scopeRoot.ancestorIds.length)
    .map((u) => ({ unitId: String(u._id), name: u.name }));
  return {
    unit: { unitId: String(uid), code: unit.code, name: unit.name },
    breadcrumb,
    scopes: scopes.map((s) => ({ unitId: String(s._id), name: s.name })),
    generatedAt: at.toISOString(),
    windowDays: WINDOW_DAYS,
    totals,
    rows,
    items,
    itemsTruncated: open.length > ITEM_LIMIT,
  };
}

/** An open item is overdue from its deadline on (`lateness` of an open node). */
const isOverdue = (item: OpenItem, at: Date) => at.getTime() >= item.dueAt;

async function describeItems(
  actor: Actor,
  open: OpenItem[],
  at: Date,
  /** The watched unit's path (root first): the nodes lie in its subtree. */
  unitPath: string[],
): Promise<MonitoringItem[]> {
  const listed = [...open]
    .sort((a, b) => Number(isOverdue(b, at)) - Number(isOverdue(a, at)) || a.sentAt - b.sentAt)
    .slice(0, ITEM_LIMIT);
  // Only the listed nodes, one `_id` read each (FerretDB reads a whole collection for
  // `_id: { $in }`); one removed meanwhile is left out.
  const sorted = (
    await mapLimit(listed, READS_AT_ONCE, (item) =>
      DispositionModel.findById(item.id).lean<Disposition>(),
    )
  ).filter((n): n is Disposition => !!n);
  // As copied onto the nodes: no read per item.
  const letters = await letterSummariesOf(sorted);
  // Every position's holders in two reads (not two per position).
  const holders = await holdersOfPositions(
    [...new Set(sorted.map((n) => String(n.toPositionId)))],
    at,
  );
  const holderNames = new Map<string, string[]>();
  for (const [positionId, list] of holders)
    holderNames.set(
      positionId,
      list.map((h) =>
        h.acting ? `${h.name} (${h.actingKind === 'plt' ? 'Plt.' : 'Plh.'})` : h.name,
      ),
    );
  return sorted.map((n) => {
    const letter = letters.get(String(n.letterId));
    // The subject only for heads of the unit cleared for the class (monitoring.subject);
    // the admin watches the workflow, not the mail.
    const cleared = letter
      ? can(actor, 'monitoring.subject', {
          securityClass: letter.securityClass as SecurityClass,
          unitPath,
        })
      : false;
    const late = lateness(n, at);
    return {
      dispositionId: String(n._id),
      letterId: String(n.letterId),
      source: letter?.source === 'meeting' ? ('meeting' as const) : ('letter' as const),
      agendaNumber: letter?.agendaNumber ?? null,
      subject: cleared ? (letter?.subject ?? '-') : 'RAHASIA',
      senderName: letter?.senderName ?? '-',
      positionTitle: n.toPositionTitle,
      unitName: n.toUnitName ?? '',
      holders: holderNames.get(String(n.toPositionId)) ?? [],
      fromTitle: n.from.acting
        ? `${n.from.acting === 'plt' ? 'Plt.' : 'Plh.'} ${n.from.positionTitle}`
        : n.from.positionTitle,
      status: n.status,
      sentAt: new Date(n.sentAt).toISOString(),
      ageDays: Math.floor((at.getTime() - new Date(n.sentAt).getTime()) / DAY_MS),
      dueDate: n.dueDate,
      overdue: late.overdue,
      daysLate: late.daysLate,
    };
  });
}

/** Nodes of the subtree sent in the window and followed up: its weeks' kept digests
 * (reports/follow-up-weeks.ts, one `_id` read a week) newest first, a few at once, until
 * the window is covered or the sample is large enough for a median (the Sekda's whole
 * organisation sends ~1,000 a week). */
async function recentFollowUps(unitId: mongoose.Types.ObjectId, at: Date): Promise<WeekEntry[]> {
  const since = at.getTime() - WINDOW_DAYS * DAY_MS;
  const weeks: number[] = [];
  for (let week = weekOf(at); week >= weekOf(new Date(since)); week--) weeks.push(week);
  const sample: WeekEntry[] = [];
  for (let i = 0; i < weeks.length && sample.length < FOLLOW_UP_SAMPLE; i += 4) {
    const fetched = await Promise.all(
      weeks.slice(i, i + 4).map((week) => weekEntries(unitId, week)),
    );
    for (const node of fetched.flat())
      if (node.processingAt && node.sentAt.getTime() >= since) sample.push(node);
  }
  return sample;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

export type MonitoringOverview = Awaited<ReturnType<typeof monitoringOverview>>;
