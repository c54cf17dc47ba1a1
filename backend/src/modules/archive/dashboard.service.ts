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
export function isDue(category: DueCategory, berkas: Berkas, asOf: string): boolean {
  const ended =
    ['closed', 'inactive'].includes(berkas.status) &&
    !!berkas.inactiveUntil &&
    berkas.inactiveUntil <= asOf;
  switch (category) {
    case 'transfer':
      return (
        berkas.status === 'closed' &&
        !!berkas.activeUntil &&
        berkas.activeUntil <= asOf &&
        !!berkas.inactiveUntil &&
        berkas.inactiveUntil > asOf
      );
    case 'disposal':
      return ended && berkas.finalDisposition === 'musnah' && !berkas.legalHold;
    case 'handover':
      return ended && berkas.finalDisposition === 'permanen' && !berkas.legalHold;
    case 'reappraisal':
      return ended && berkas.finalDisposition === 'dinilai_kembali';
    case 'hold':
      return !!berkas.legalHold && !['disposed', 'handed_over'].includes(berkas.status);
    case 'open':
      return berkas.status === 'open';
  }
}

/** The statuses a category's berkas can have: each is read by one `status` equality. */
const CATEGORY_STATUSES: Record<DueCategory, string[]> = {
  transfer: ['closed'],
  disposal: ['closed', 'inactive'],
  handover: ['closed', 'inactive'],
  reappraisal: ['closed', 'inactive'],
  hold: ['open', 'closed', 'inactive'],
  open: ['open'],
};
const ALL_STATUSES = ['open', 'closed', 'inactive', 'disposed', 'handed_over'];

/**
 * The numbered berkas of some statuses the actor may see, one `status` equality each (with
 * `unitPath` when a unit is chosen): FerretDB pushes neither `$in` nor `$ne` nor ranges
 * down, so the scope, the number and the due dates are checked here on what was read.
 */
async function berkasOf(
  actor: Actor,
  statuses: string[],
  unitId?: string,
  projection?: Record<string, 1>,
): Promise<Berkas[]> {
  const scope = berkasScopeFilter(actor);
  if (!scope) throw forbidden('Anda tidak berwenang melihat dasbor retensi.');
  const units = new Set(
    ((scope.unitPath as { $in?: unknown[] } | undefined)?.$in ?? []).map(String),
  );
  const unit =
    unitId && mongoose.isValidObjectId(unitId) ? new mongoose.Types.ObjectId(unitId) : null;
  const found = await Promise.all(
    statuses.map((status) =>
      BerkasModel.find((unit ? { unitPath: unit, status } : { status }) as never, projection).lean<
        Berkas[]
      >(),
    ),
  );
  return found
    .flat()
    .filter(
      (b) =>
        b.number !== null &&
        b.number !== undefined &&
        (units.size === 0 || (b.unitPath ?? []).some((id) => units.has(String(id)))),
    );
}

const DASHBOARD_FIELDS = {
  status: 1,
  unitId: 1,
  unitPath: 1,
  number: 1,
  activeUntil: 1,
  inactiveUntil: 1,
  finalDisposition: 1,
  legalHold: 1,
} as const;

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
  const berkas = await berkasOf(actor, ALL_STATUSES, unitId, DASHBOARD_FIELDS);
  const counts = {} as Record<DueCategory, number>;
  const perUnit = new Map<string, Record<DueCategory, number>>();
  for (const category of DUE_CATEGORIES) {
    const groups = new Map<string, number>();
    for (const b of berkas)
      if (isDue(category, b, asOf))
        groups.set(String(b.unitId), (groups.get(String(b.unitId)) ?? 0) + 1);
    counts[category] = [...groups.values()].reduce((sum, n) => sum + n, 0);
    for (const [key, n] of groups) {
      const row =
        perUnit.get(key) ??
        (Object.fromEntries(DUE_CATEGORIES.map((c) => [c, 0])) as Record<DueCategory, number>);
      row[category] = n;
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

  const byStatus = new Map<string, number>();
  for (const b of berkas) byStatus.set(b.status, (byStatus.get(b.status) ?? 0) + 1);
  const day = today();
  const [out, overdue] = await Promise.all([
    LoanModel.countDocuments({ status: 'out' }),
    // The date is checked on the loans out (an equality first, so it is pushed down).
    LoanModel.countDocuments({ status: 'out', dueDate: { $lt: day } }),
  ]);
  return {
    asOf,
    today: day,
    counts,
    byUnit,
    loans: { out, overdue },
    totals: {
      berkas: berkas.length,
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
  const sortField =
    query.category === 'transfer'
      ? 'activeUntil'
      : query.category === 'open' || query.category === 'hold'
        ? 'createdAt'
        : 'inactiveUntil';
  const key = (b: Berkas) => {
    const value = (b as Record<string, unknown>)[sortField];
    return value instanceof Date ? value.toISOString() : String(value ?? '');
  };
  const due = (await berkasOf(actor, CATEGORY_STATUSES[query.category], query.unitId))
    .filter((b) => isDue(query.category, b, asOf))
    .sort((a, b) => key(a).localeCompare(key(b)) || String(a._id).localeCompare(String(b._id)));
  const start = (query.page - 1) * query.pageSize;
  return { items: due.slice(start, start + query.pageSize), total: due.length, asOf };
}
