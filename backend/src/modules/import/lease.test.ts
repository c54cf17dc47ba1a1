import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { raceProcesses } from '../../../test/race.ts';
import { shiftClock } from '../../lib/clock.ts';
import { ImportBatchModel } from './import.model.ts';
import { keepLease, LEASE_MS, LeaseLostError, releaseLease, takeLease } from './lease.ts';

const { config } = await createTestContext();

async function batch(status: 'importing' | 'validating' | 'paused' = 'importing') {
  const created = await ImportBatchModel.create({
    name: 'uji',
    source: { kind: 'folder', folder: 'uji' },
    status,
    createdBy: new mongoose.Types.ObjectId(),
    createdByName: 'Arsiparis Uji',
  });
  return String(created._id);
}

describe('the import batch lease', () => {
  it('goes to exactly one of 30 runners racing in one process', async () => {
    const id = await batch();
    const taken = await Promise.all(Array.from({ length: 30 }, () => takeLease(id)));
    expect(taken.filter(Boolean)).toHaveLength(1);
    const stored = await ImportBatchModel.findById(id).lean();
    expect(stored!.leaseHolder).toBeTruthy();
    expect(stored!.leaseUntil!.getTime()).toBeGreaterThan(Date.now());
    await releaseLease(id);
    expect((await ImportBatchModel.findById(id).lean())!.leaseHolder).toBeNull();
  });

  it('goes to exactly one of 4 processes × 6 runners racing at once', async () => {
    const id = await batch('validating');
    const won = await raceProcesses(config, { kind: 'import', id }, 4, 6);
    expect(won.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('is not taken for a batch with no work, and a runner taken over stops', async () => {
    expect(await takeLease(await batch('paused'))).toBeNull();
    const id = await batch();
    expect(await takeLease(id)).not.toBeNull();
    // This process holds it: a second runner here is refused too.
    expect(await takeLease(id)).toBeNull();
    await keepLease(id);
    // The holder stalls past its lease; another process (a second lease holder is
    // simulated by the named lease itself) takes it over.
    const restore = shiftClock(LEASE_MS + 1_000);
    try {
      const { acquireLease } = await import('../files/lease.ts');
      expect(await acquireLease(`import-batch:${id}`, LEASE_MS)).not.toBeNull();
      await expect(keepLease(id)).rejects.toBeInstanceOf(LeaseLostError);
    } finally {
      restore();
      await releaseLease(id);
    }
  });
});
