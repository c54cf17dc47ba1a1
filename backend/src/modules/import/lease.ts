import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { now } from '../../lib/clock.ts';
import { ImportBatchModel, type ImportBatch } from './import.model.ts';

/** One process works on a batch at a time: it holds the batch's lease and renews it while
 * it works; a process that dies stops renewing, and after `LEASE_MS` another takes over
 * and resumes from the batch's cursor. */
export const LEASE_MS = 2 * 60_000;
export const HOLDER = randomUUID();

export async function takeLease(
  batchId: mongoose.Types.ObjectId | string,
): Promise<ImportBatch | null> {
  const at = now();
  const taken = await ImportBatchModel.findOneAndUpdate(
    {
      _id: batchId,
      status: { $in: ['validating', 'importing'] },
      $or: [{ leaseUntil: null }, { leaseUntil: { $lt: at } }, { leaseHolder: HOLDER }],
    },
    { $set: { leaseHolder: HOLDER, leaseUntil: new Date(at.getTime() + LEASE_MS) } },
    { returnDocument: 'after' },
  ).lean<ImportBatch>();
  return taken && taken.leaseHolder === HOLDER ? taken : null;
}

export async function renewLease(batchId: mongoose.Types.ObjectId): Promise<boolean> {
  const result = await ImportBatchModel.updateOne(
    { _id: batchId, leaseHolder: HOLDER },
    { $set: { leaseUntil: new Date(now().getTime() + LEASE_MS) } },
  );
  return result.matchedCount === 1;
}

export async function releaseLease(batchId: mongoose.Types.ObjectId): Promise<void> {
  await ImportBatchModel.updateOne(
    { _id: batchId, leaseHolder: HOLDER },
    { $set: { leaseHolder: null, leaseUntil: null } },
  );
}
