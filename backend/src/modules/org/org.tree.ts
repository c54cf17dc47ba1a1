import type mongoose from 'mongoose';
import type { Model } from 'mongoose';
import { validationFailed } from '../../http/errors.ts';

type Id = mongoose.Types.ObjectId;

/** The ancestors a node gets under `parent`, refusing a parent inside the node's own subtree. */
export function ancestorsUnder(
  nodeId: Id | null,
  parent: { _id: Id; ancestorIds?: Id[] } | null,
  what: string,
): Id[] {
  if (!parent) return [];
  const parentAncestors = parent.ancestorIds ?? [];
  if (
    nodeId &&
    (String(parent._id) === String(nodeId) ||
      parentAncestors.some((a) => String(a) === String(nodeId)))
  ) {
    throw validationFailed(`${what} tidak boleh dipindah ke bawah dirinya sendiri.`, {
      field: 'parentId',
    });
  }
  return [...parentAncestors, parent._id];
}

/** Moves a node: sets its own ancestors, then rewrites every descendant's prefix. Each step
 * is a single-document update computed from the descendant's own path, so repeating the same
 * move after an interruption finishes the job (no transactions in FerretDB). */
export async function moveSubtree(
  model: Model<any, any, any, any, any, any>,
  nodeId: Id,
  parentId: Id | null,
  ancestorIds: Id[],
): Promise<void> {
  await model.updateOne({ _id: nodeId }, { $set: { parentId, ancestorIds } });
  const descendants = (await model
    .find({ ancestorIds: nodeId }, { ancestorIds: 1 })
    .lean()) as Array<{ _id: Id; ancestorIds: Id[] }>;
  for (const descendant of descendants) {
    const path = descendant.ancestorIds ?? [];
    const at = path.findIndex((a) => String(a) === String(nodeId));
    await model.updateOne(
      { _id: descendant._id },
      { $set: { ancestorIds: [...ancestorIds, nodeId, ...path.slice(at + 1)] } },
    );
  }
}
