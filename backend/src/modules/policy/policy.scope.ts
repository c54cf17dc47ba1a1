import type { SecurityClass } from '../../http/actor.ts';
import { PositionModel, UnitModel } from '../org/org.model.ts';
import type { Resource } from './policy.ts';

/** Builds a Resource from plain ids, for records that keep no chain of their own: the
 * unit's path from the root, and as the chain every position above the addressed ones in
 * the reporting line. Two indexed queries at most. */
export async function resourceScope(input: {
  unitId?: string | null;
  positionIds?: string[];
  securityClass?: SecurityClass;
  ownerUserId?: string;
}): Promise<Resource> {
  const addresseeIds = [...new Set(input.positionIds ?? [])];
  const resource: Resource = {
    securityClass: input.securityClass ?? 'B',
    addresseeIds,
    ...(input.ownerUserId ? { ownerUserId: input.ownerUserId } : {}),
  };
  if (input.unitId && /^[0-9a-f]{24}$/i.test(input.unitId)) {
    const unit = await UnitModel.findById(input.unitId, { ancestorIds: 1 }).lean();
    resource.unitPath = unit ? [...(unit.ancestorIds ?? []).map(String), String(unit._id)] : [];
  } else {
    resource.unitPath = [];
  }
  const valid = addresseeIds.filter((id) => /^[0-9a-f]{24}$/i.test(id));
  if (valid.length > 0) {
    const positions = await PositionModel.find({ _id: { $in: valid } }, { ancestorIds: 1 }).lean();
    resource.chainIds = [...new Set(positions.flatMap((p) => (p.ancestorIds ?? []).map(String)))];
  } else {
    resource.chainIds = [];
  }
  return resource;
}
