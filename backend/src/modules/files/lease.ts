import mongoose, { Schema } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { now } from '../../lib/clock.ts';

/** A named lease so periodic maintenance runs on one replica at a time (design.md §1:
 * nothing that matters lives in one process). Taken with a conditional upsert. */
const leaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    until: { type: Date, required: true },
  },
  { collection: 'maintenance_leases', versionKey: false },
);
const LeaseModel = mongoose.model('MaintenanceLease', leaseSchema);

const processId = randomUUID();

/** Runs `task` if this process can hold the lease `name` now; false when another holds it. */
export async function runWithLease(
  name: string,
  ttlMs: number,
  task: () => Promise<void>,
): Promise<boolean> {
  const at = now();
  try {
    const taken = await LeaseModel.findOneAndUpdate(
      { _id: name, $or: [{ until: { $lt: at } }, { holder: processId }] },
      { $set: { holder: processId, until: new Date(at.getTime() + ttlMs) } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    if (!taken || taken.holder !== processId) return false;
  } catch (error) {
    // The upsert lost to a live lease of another process (duplicate _id).
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
  try {
    await task();
  } finally {
    await LeaseModel.updateOne({ _id: name, holder: processId }, { $set: { until: new Date(0) } });
  }
  return true;
}
