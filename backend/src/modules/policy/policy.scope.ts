import type { SecurityClass } from '../../http/actor.ts';
import { PositionModel, UnitModel } from '../org/org.model.ts';
import type { Resource } from './policy.ts';

/** Resolves what the policy needs about a record from plain ids: the unit's path from the
 * root, and the superiors of every addressed position. Two indexed queries at most. */
export async function resourceScope(input: {
  unitId?: string | null;
  positionIds?: string[];
  securityClass?: SecurityClass;
  ownerUserId?: string;
}): Promise<Resource> {
  const resource: Resource = {
    securityClass: input.securityClass ?? 'B',
    chainPositionIds: [...new Set(input.positionIds ?? [])],
    ...(input.ownerUserId ? { ownerUserId: input.ownerUserId } : {}),
  };
  if (input.unitId && /^[0-9a-f]{24}$/i.test(input.unitId)) {
    const unit = await UnitModel.findById(input.unitId, { ancestorIds: 1 }).lean();
    resource.unitPath = unit ? [...(unit.ancestorIds ?? []).map(String), String(unit._id)] : [];
  } else {
    resource.unitPath = [];
  }
  const valid = resource.chainPositionIds!.filter((id) => /^[0-9a-f]{24}$/i.test(id));
  if (valid.length > 0) {
    const positions = await PositionModel.find({ _id: { $in: valid } }, { ancestorIds: 1 }).lean();
    resource.chainAncestorIds = [
      ...new Set(positions.flatMap((p) => (p.ancestorIds ?? []).map(String))),
    ];
  } else {
    resource.chainAncestorIds = [];
  }
  return resource;
}
