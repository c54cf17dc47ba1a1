import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { monitoringScopes } from '../monitoring/monitoring.service.ts';
import { PositionModel, UnitModel, type Unit } from '../org/org.model.ts';
import { authorize } from '../policy/policy.ts';

/** The unit a report is about, what lies below it, and who may choose which. */
export interface ReportScope {
  unit: Unit;
  /** Its path, root first (the unit itself last). */
  path: string[];
  /** The unit and every unit below it, by id. */
  subtree: Map<string, Unit>;
  /** The direct sub-units, in the organisation's order (the per-unit rows). */
  children: Unit[];
  /** Positions of the subtree (incoming letters are counted by their addressee's unit). */
  positionUnit: Map<string, string>;
  /** Units the actor may pick: each subtree it watches, top first, in tree order. */
  choices: Unit[];
}

/** The same scopes as the monitoring screen (monitoringScopes): a head of unit watches the
 * unit's subtree, the admin and the Sekda the whole organisation; the unit chosen must lie
 * in one of them. */
export async function reportScope(actor: Actor, unitId?: string): Promise<ReportScope> {
  const scopes = await monitoringScopes(actor);
  if (scopes.length === 0) throw forbidden('Laporan hanya untuk pimpinan unit kerja.');
  let unit: Unit | undefined = scopes[0];
  if (unitId) {
    const found = mongoose.isValidObjectId(unitId)
      ? await UnitModel.findById(unitId).lean<Unit>()
      : null;
    if (!found) throw notFound('Unit kerja');
    unit = found;
  }
  if (!unit) throw forbidden('Laporan hanya untuk pimpinan unit kerja.');
  const path = [...unit.ancestorIds.map(String), String(unit._id)];
  if (!scopes.some((scope) => path.includes(String(scope._id))))
    throw forbidden('Unit kerja tersebut di luar lingkup laporan Anda.');
  authorize(actor, 'report.period', { unitPath: path });
  const below = await UnitModel.find({ ancestorIds: unit._id }).lean<Unit[]>();
  const subtree = new Map([unit, ...below].map((u) => [String(u._id), u]));
  const positions = await Promise.all(
    [...subtree.keys()].map((id) =>
      PositionModel.find({ unitId: new mongoose.Types.ObjectId(id) }, { unitId: 1 }).lean<
        Array<{ _id: mongoose.Types.ObjectId; unitId: mongoose.Types.ObjectId }>
      >(),
    ),
  );
  return {
    unit,
    path,
    subtree,
    children: below
      .filter((u) => String(u.parentId) === String(unit._id) && u.active !== false)
      .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name)),
    positionUnit: new Map(positions.flat().map((p) => [String(p._id), String(p.unitId)])),
    choices: await choicesOf(scopes),
  };
}

/** The watched subtrees' units in tree order (each parent before its children). */
async function choicesOf(scopes: Unit[]): Promise<Unit[]> {
  const seen = new Map<string, Unit>();
  for (const top of scopes) {
    seen.set(String(top._id), top);
    for (const unit of await UnitModel.find({ ancestorIds: top._id, active: true }).lean<Unit[]>())
      seen.set(String(unit._id), unit);
  }
  const all = [...seen.values()];
  const ordered: Unit[] = [];
  const visit = (parentId: string | null) => {
    for (const unit of all
      .filter((u) => (u.parentId ? String(u.parentId) : null) === parentId)
      .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name))) {
      ordered.push(unit);
      visit(String(unit._id));
    }
  };
  for (const top of scopes.filter((s) => !s.parentId || !seen.has(String(s.parentId)))) {
    ordered.push(top);
    visit(String(top._id));
  }
  return ordered;
}

/** The row a unit of the subtree falls in: the direct sub-unit above it, or the unit itself
 * (its own positions, "langsung"). */
export function rowUnitOf(scope: ReportScope, unitId: string): string {
  const unit = scope.subtree.get(unitId);
  if (!unit || unitId === String(scope.unit._id)) return String(scope.unit._id);
  const path = [...unit.ancestorIds.map(String), unitId];
  const child = scope.children.find((c) => path.includes(String(c._id)));
  return child ? String(child._id) : String(scope.unit._id);
}
