import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { forbidden } from '../../http/errors.ts';
import { UnitModel, type Unit } from '../org/org.model.ts';
import { berkasScopeFilter } from './archive.policy.ts';
import { BerkasModel, type Berkas } from './berkas.model.ts';
import { LoanModel } from './loans.model.ts';
import { today } from './dates.ts';

export const DUE_CATEGORIES = [
  'transfer',
  'disposal',
  'handover',
  'reappraisal',
  'hold',
  'open',
] as const;
export type DueCategory = (typeof DUE_CATEGORIES)[number];

/**
 * What the retention schedule asks for on a given day (`asOf`, today unless the archivist
 * looks ahead), computed from the closing date and the JRA (stored as due dates):
 * - transfer (pemindahan): closed, active retention over, inactive retention still running;
 * - disposal (pemusnahan): inactive retention over, Musnah, no legal hold;
 * - handover (penyerahan): inactive retention over, Permanen, no legal hold;
 * - reappraisal: inactive retention over, Dinilai Kembali and not yet re-appraised;
 * - hold: under legal hold; open: still receiving letters.
 */
export function dueFilter(category: DueCategory, asOf: string): Record<string, unknown> {
  const ended = { status: { $in: ['closed', 'inactive'] }, inactiveUntil: { $lte: asOf } };
  switch (category) {
    case 'transfer':
      return { status: 'closed', activeUntil: { $lte: asOf }, inactiveUntil: { $gt: asOf } };
    case 'disposal':
      return { ...ended, finalDisposition: 'musnah', legalHold: null };
    case 'handover':
      return { ...ended, finalDisposition: 'permanen', legalHold: null };
    case 'reappraisal':
      return { ...ended, finalDisposition: 'dinilai_kembali' };
    case 'hold':
      return { legalHold: { $ne: null }, status: { $nin: ['disposed', 'handed_over'] } };
    case 'open':
      return { status: 'open' };
  }
}

function scoped(actor: Actor, unitId?: string): Record<string, unknown> {
  const scope = berkasScopeFilter(actor);
  if (!scope) throw forbidden('Anda tidak berwenang melihat dasbor retensi.');
  const filter: Record<string, unknown> = { ...scope, number: { $ne: null } };
  if (unitId && mongoose.isValidObjectId(unitId))
    filter.$and = [{ unitPath: new mongoose.Types.ObjectId(unitId) }];
  return filter;
}

export interface Dashboard {
  asOf: string;
  today: string;
  counts: Record<DueCategory, number>;
  byUnit: Array<{ unitId: string; unitName: string; counts: Record<DueCategory, number> }>;
  loans: { out: number; overdue: number };
  totals: {
    berkas: number;
    closed: number;
    inactive: number;
    disposed: number;
    handedOver: number;
  };
}

export async function retentionDashboard(
  actor: Actor,
  asOf: string = today(),
  unitId?: string,
): Promise<Dashboard> {
  const base = scoped(actor, unitId);
  const counts = {} as Record<DueCategory, number>;
  const perUnit = new Map<string, Record<DueCategory, number>>();
  for (const category of DUE_CATEGORIES) {
    const groups = await BerkasModel.aggregate<{ _id: mongoose.Types.ObjectId; n: number }>([
      { $match: { ...base, ...dueFilter(category, asOf) } },
      { $group: { _id: '$unitId', n: { $sum: 1 } } },
    ]);
    counts[category] = groups.reduce((sum, g) => sum + g.n, 0);
    for (const group of groups) {
      const key = String(group._id);
      const row =
        perUnit.get(key) ??
        (Object.fromEntries(DUE_CATEGORIES.map((c) => [c, 0])) as Record<DueCategory, number>);
      row[category] = group.n;
      perUnit.set(key, row);
    }
  }
  const units = await UnitModel.find(
    { _id: { $in: [...perUnit.keys()].map((id) => new mongoose.Types.ObjectId(id)) } },
    { name: 1, order: 1 },
  ).lean<Unit[]>();
  const names = new Map(units.map((u) => [String(u._id), u.name]));
  const byUnit = [...perUnit.entries()]
    .map(([id, row]) => ({ unitId: id, unitName: names.get(id) ?? '-', counts: row }))
    .sort((a, b) => a.unitName.localeCompare(b.unitName, 'id'));

  const statusGroups = await BerkasModel.aggregate<{ _id: string; n: number }>([
    { $match: base },
    { $group: { _id: '$status', n: { $sum: 1 } } },
  ]);
  const byStatus = new Map(statusGroups.map((g) => [g._id, g.n]));
  const day = today();
  const [out, overdue] = await Promise.all([
    LoanModel.countDocuments({ status: 'out' }),
    LoanModel.countDocuments({ status: 'out', dueDate: { $lt: day } }),
  ]);
  return {
    asOf,
    today: day,
    counts,
    byUnit,
    loans: { out, overdue },
    totals: {
      berkas: statusGroups.reduce((sum, g) => sum + g.n, 0),
      closed: byStatus.get('closed') ?? 0,
      inactive: byStatus.get('inactive') ?? 0,
      disposed: byStatus.get('disposed') ?? 0,
      handedOver: byStatus.get('handed_over') ?? 0,
    },
  };
}

export async function listDue(
  actor: Actor,
  query: {
    category: DueCategory;
    asOf?: string | undefined;
    unitId?: string | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ items: Berkas[]; total: number; asOf: string }> {
  const asOf = query.asOf ?? today();
  const filter = { ...scoped(actor, query.unitId), ...dueFilter(query.category, asOf) };
  const sortField =
    query.category === 'transfer'
      ? 'activeUntil'
      : query.category === 'open' || query.category === 'hold'
        ? 'createdAt'
        : 'inactiveUntil';
  const [items, total] = await Promise.all([
    BerkasModel.find(filter)
      .sort({ [sortField]: 1, _id: 1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<Berkas[]>(),
    BerkasModel.countDocuments(filter),
  ]);
  return { items, total, asOf };
}
