import type { Model } from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';

/**
 * Stores a digest built from its sources: `builtGen` is the digest's `gen` read before the
 * sources, so a write after that point has moved `gen` past it and the digest is not used.
 * Another builder may win: two requests (or a request and a write's touch) creating the
 * same new digest at the same moment race on its `_id`, and the loser's copy is dropped;
 * the digest is built again on its next read.
 */
export async function storeBuiltDigest(
  // Any digest model: a string `_id` and the numbers `builtGen`, `version`, the string `data`.
  model: Model<any, any, any, any, any, any>,
  key: string,
  built: { builtGen: number; version: number; data: string },
): Promise<void> {
  try {
    await model.updateOne({ _id: key }, { $set: built }, { upsert: true });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}
