import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { PositionModel, UnitModel, type Position, type Unit } from '../org/org.model.ts';
import { RoutingRuleModel, type RoutingRule } from './settings.model.ts';
import { retryUpsertOnDuplicate } from '../../lib/upsert.ts';

/** Who may dispose to whom. By default a position disposes to any position below it in
 * the reporting line; an admin may widen that per unit (a lateral "koordinasikan"). */

export interface Recipient {
  position: Position;
  unit: Unit;
}

/** Loads the recipients and refuses (403) any the sender may not dispose to. */
export async function resolveRecipients(
  sender: Position,
  positionIds: string[],
): Promise<Map<string, Recipient>> {
  const ids = positionIds.map((id) => {
    if (!/^[0-9a-f]{24}$/i.test(id))
      throw validationFailed('Jabatan penerima tidak valid.', {
        issues: [{ path: 'recipients', message: 'Jabatan tidak valid.' }],
      });
    return new mongoose.Types.ObjectId(id);
  });
  const positions = await PositionModel.find({ _id: { $in: ids }, active: true }).lean<
    Position[]
  >();
  if (positions.length !== new Set(positionIds).size) throw notFound('Jabatan penerima');
  const units = await UnitModel.find({ _id: { $in: positions.map((p) => p.unitId) } }).lean<
    Unit[]
  >();
  const unitById = new Map(units.map((u) => [String(u._id), u]));
  const rule = await RoutingRuleModel.findOne({ unitId: sender.unitId }).lean<RoutingRule>();
  const widened = new Set((rule?.targetUnitIds ?? []).map(String));
  const result = new Map<string, Recipient>();
  const refused: string[] = [];
  for (const position of positions) {
    const unit = unitById.get(String(position.unitId));
    if (!unit) throw notFound('Unit kerja penerima');
    if (!mayDisposeTo(sender, position, unit, widened)) refused.push(position.title);
    result.set(String(position._id), { position, unit });
  }
  if (refused.length > 0) {
    throw forbidden(
      `Anda tidak dapat mendisposisikan kepada: ${refused.join(', ')}. Disposisi hanya kepada jabatan di bawah Anda, kecuali diizinkan oleh admin.`,
    );
  }
  return result;
}

export function mayDisposeTo(
  sender: Position,
  target: Position,
  targetUnit: Unit,
  widenedUnitIds: Set<string>,
): boolean {
  if (String(sender._id) === String(target._id)) return false;
  if (target.ancestorIds.some((id) => String(id) === String(sender._id))) return true;
  const targetUnitPath = [...targetUnit.ancestorIds.map(String), String(targetUnit._id)];
  return targetUnitPath.some((id) => widenedUnitIds.has(id));
}

/** Every position the sender may dispose to, nearest first (direct reports, then theirs). */
export async function dispatchCandidates(
  sender: Position,
): Promise<Array<{ position: Position; unit: Unit; direct: boolean; widened: boolean }>> {
  const rule = await RoutingRuleModel.findOne({ unitId: sender.unitId }).lean<RoutingRule>();
  const widenedRoots = (rule?.targetUnitIds ?? []).map(
    (id) => new mongoose.Types.ObjectId(String(id)),
  );
  const widenedUnits = widenedRoots.length
    ? await UnitModel.find(
        { $or: [{ _id: { $in: widenedRoots } }, { ancestorIds: { $in: widenedRoots } }] },
        { _id: 1 },
      ).lean<Array<{ _id: mongoose.Types.ObjectId }>>()
    : [];
  const [below, lateral] = await Promise.all([
    PositionModel.find({ ancestorIds: sender._id, active: true }).lean<Position[]>(),
    widenedUnits.length
      ? PositionModel.find({ unitId: { $in: widenedUnits.map((u) => u._id) }, active: true }).lean<
          Position[]
        >()
      : Promise.resolve([] as Position[]),
  ]);
  const byId = new Map<string, { position: Position; widened: boolean }>();
  for (const position of below) byId.set(String(position._id), { position, widened: false });
  for (const position of lateral) {
    if (String(position._id) !== String(sender._id) && !byId.has(String(position._id)))
      byId.set(String(position._id), { position, widened: true });
  }
  const units = await UnitModel.find({
    _id: { $in: [...byId.values()].map((p) => p.position.unitId) },
  }).lean<Unit[]>();
  const unitById = new Map(units.map((u) => [String(u._id), u]));
  const depthBelow = (p: Position) => p.ancestorIds.length - sender.ancestorIds.length;
  return [...byId.values()]
    .flatMap(({ position, widened }) => {
      const unit = unitById.get(String(position.unitId));
      return unit
        ? [
            {
              position,
              unit,
              widened,
              direct: !widened && String(position.parentId) === String(sender._id),
            },
          ]
        : [];
    })
    .sort(
      (a, b) =>
        Number(a.widened) - Number(b.widened) ||
        depthBelow(a.position) - depthBelow(b.position) ||
        a.position.order - b.position.order ||
        a.position.title.localeCompare(b.position.title),
    );
}

export async function listRoutingRules(): Promise<RoutingRule[]> {
  return RoutingRuleModel.find().sort({ createdAt: 1 }).lean<RoutingRule[]>();
}

/** Sets (or clears, with no targets) the widening for one unit. */
export async function saveRoutingRule(
  unitId: string,
  targetUnitIds: string[],
  note: string | null,
  actor: Actor,
): Promise<RoutingRule | null> {
  const ids = [unitId, ...targetUnitIds].map((id) => new mongoose.Types.ObjectId(id));
  const found = await UnitModel.countDocuments({ _id: { $in: ids } });
  if (found !== new Set(ids.map(String)).size) throw notFound('Unit kerja');
  const before = await RoutingRuleModel.findOne({ unitId: ids[0] }).lean<RoutingRule>();
  const targets = [...new Set(targetUnitIds)].filter((id) => id !== unitId);
  let after: RoutingRule | null = null;
  if (targets.length === 0) {
    await RoutingRuleModel.deleteOne({ unitId: ids[0] });
  } else {
    // Two first saves of a unit's rule race on its unique unitId (lib/upsert.ts).
    after = await retryUpsertOnDuplicate(() =>
      RoutingRuleModel.findOneAndUpdate(
        { unitId: ids[0] },
        {
          $set: {
            targetUnitIds: targets.map((id) => new mongoose.Types.ObjectId(id)),
            note,
            updatedBy: actor.userId,
          },
        },
        { upsert: true, returnDocument: 'after' },
      ).lean<RoutingRule>(),
    );
  }
  await recordAudit({
    actor,
    action: 'disposition.routing.update',
    recordType: 'unit',
    recordId: unitId,
    before: { targetUnitIds: (before?.targetUnitIds ?? []).map(String) },
    after: { targetUnitIds: targets },
  });
  return after;
}
