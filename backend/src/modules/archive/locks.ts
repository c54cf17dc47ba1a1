import mongoose, { Schema } from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import { conflict } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';

/**
 * Exclusive claims on berkas without transactions: `{kind}:{berkasId}` is a unique `_id`,
 * so of two archivists lending (or proposing) the same berkas at once exactly one insert
 * succeeds. FerretDB 1.x runs a conditional update as read-then-write, which is why the
 * claim is an insert and not a `{ loanId: null }` condition. A claim whose owner no longer
 * needs it (`isLive` says so: the owner was never created, or finished) is stale and is
 * taken over.
 */
const lockSchema = new Schema(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'archive_locks', versionKey: false },
);
lockSchema.index({ owner: 1 });
export const ArchiveLockModel = mongoose.model('ArchiveLock', lockSchema);

export type LockKind = 'loan' | 'proposal';

export interface ClaimOptions {
  kind: LockKind;
  owner: string;
  berkasIds: mongoose.Types.ObjectId[];
  /** Whether the holder of an existing claim still needs it. */
  isLive: (owner: string) => Promise<boolean>;
  /** Names the berkas in the refusal. */
  describe: (berkasId: mongoose.Types.ObjectId) => Promise<string>;
  busyMessage: (label: string) => string;
}

export async function claimBerkas(options: ClaimOptions): Promise<void> {
  const claimed: string[] = [];
  try {
    for (const berkasId of options.berkasIds) {
      const id = `${options.kind}:${String(berkasId)}`;
      for (let attempt = 0; ; attempt++) {
        try {
          await ArchiveLockModel.create({ _id: id, owner: options.owner, at: now() });
          claimed.push(id);
          break;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          const existing = await ArchiveLockModel.findById(id).lean<{ owner: string }>();
          if (existing?.owner === options.owner) break;
          if (attempt === 0 && existing && !(await options.isLive(existing.owner))) {
            await ArchiveLockModel.deleteOne({ _id: id, owner: existing.owner });
            continue;
          }
          throw conflict(options.busyMessage(await options.describe(berkasId)));
        }
      }
    }
  } catch (error) {
    await ArchiveLockModel.deleteMany({ _id: { $in: claimed }, owner: options.owner });
    throw error;
  }
}

export async function releaseBerkas(
  kind: LockKind,
  owner: string,
  berkasIds?: mongoose.Types.ObjectId[],
): Promise<void> {
  const filter: Record<string, unknown> = { owner };
  if (berkasIds) filter._id = { $in: berkasIds.map((id) => `${kind}:${String(id)}`) };
  else filter._id = { $regex: `^${kind}:` };
  await ArchiveLockModel.deleteMany(filter);
}
