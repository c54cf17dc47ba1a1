import mongoose from 'mongoose';
import {
  acquireLease,
  releaseLease as releaseNamedLease,
  renewLease as renewNamedLease,
  type HeldLease,
} from '../files/lease.ts';
import { ImportBatchModel, type ImportBatch } from './import.model.ts';

/** One process works on a batch at a time: it holds the batch's lease (a named lease,
 * files/lease.ts, taken by a claimed transition, so two runners never both win) and renews
 * it while it works; a process that dies stops renewing, and after `LEASE_MS` another takes
 * over and resumes from the batch's cursor. A runner whose renewal fails has been taken
 * over (it stalled past its lease) and stops at once (`LeaseLostError`), so two runners
 * never work on, or remove the stored files of, one batch. The batch document shows the
 * lease (`leaseHolder`, `leaseUntil`) for the list and the restart of stalled batches; the
 * named lease alone decides. */
export const LEASE_MS = 2 * 60_000;

export class LeaseLostError extends Error {
  constructor(batchId: string) {
    super(`import batch ${batchId}: lease taken over by another process`);
  }
}

/** Leases this process holds, by batch id (renewals and the release need the take's token). */
const held = new Map<string, HeldLease>();

const leaseName = (batchId: string) => `import-batch:${batchId}`;

/** The batch, if this caller now holds its lease and it has work (validating/importing);
 * null when another runner, in this process or another, holds it. */
export async function takeLease(
  batchId: mongoose.Types.ObjectId | string,
): Promise<ImportBatch | null> {
  const id = String(batchId);
  if (held.has(id)) return null;
  const lease = await acquireLease(leaseName(id), LEASE_MS);
  if (!lease) return null;
  held.set(id, lease);
  await ImportBatchModel.updateOne(
    { _id: id },
    { $set: { leaseHolder: lease.token, leaseUntil: lease.until } },
  );
  const batch = await ImportBatchModel.findById(id).lean<ImportBatch>();
  if (batch && ['validating', 'importing'].includes(batch.status)) return batch;
  await releaseLease(id);
  return null;
}

/** Extends the lease; false when it was lost (then the caller must stop). */
export async function renewLease(batchId: mongoose.Types.ObjectId | string): Promise<boolean> {
  const lease = held.get(String(batchId));
  if (!lease || !(await renewNamedLease(lease, LEASE_MS))) return false;
  await ImportBatchModel.updateOne(
    { _id: batchId, leaseHolder: lease.token },
    { $set: { leaseUntil: lease.until } },
  );
  return true;
}

/** Renews the lease, or stops the work (LeaseLostError) when another runner took it. */
export async function keepLease(batchId: mongoose.Types.ObjectId | string): Promise<void> {
  if (!(await renewLease(batchId))) throw new LeaseLostError(String(batchId));
}

export async function releaseLease(batchId: mongoose.Types.ObjectId | string): Promise<void> {
  const id = String(batchId);
  const lease = held.get(id);
  if (!lease) return;
  held.delete(id);
  await releaseNamedLease(lease);
  await ImportBatchModel.updateOne(
    { _id: id, leaseHolder: lease.token },
    { $set: { leaseHolder: null, leaseUntil: null } },
  );
}
