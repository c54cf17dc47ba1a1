import mongoose from 'mongoose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { shiftClock } from '../../lib/clock.ts';
import { FileStorage, fileStorage } from '../files/file-storage.ts';
import { fileObjectKey } from '../files/files.service.ts';
import { REGISTRATION_GRACE_MS, sweepIncomingLetters } from './letters.maintenance.ts';

/** The periodic sweep's listings: each prefix walks every object of five years under it,
 * so one pass lists each once (`outgoing/` holds attachments and signed PDFs, judged by two
 * sweeps over one listing). Counted on the real bucket through pass-through spies. */
const ctx = await createTestContext();
const storage = fileStorage(ctx.config);

afterEach(() => {
  vi.restoreAllMocks();
});

function listingsOf(): () => string[] {
  const files = vi.spyOn(FileStorage.prototype, 'list');
  const objects = vi.spyOn(ctx.services.storage, 'listKeys');
  return () => [...files.mock.calls, ...objects.mock.calls].map(([prefix]) => prefix).sort();
}

describe('the incoming letters sweeper', () => {
  it('lists each prefix once a pass, and still removes orphans under outgoing/', async () => {
    const year = new Date().getFullYear();
    const id = () => String(new mongoose.Types.ObjectId());
    // An attachment whose upload died before its record, and a signed PDF of a letter this
    // database does not know (not the sweeper's to judge).
    const orphan = fileObjectKey('outgoing', year, id(), id(), 'pdf');
    const foreignFinal = `outgoing/${year}/${id()}/final-0123456789abcdef.pdf`;
    for (const key of [orphan, foreignFinal])
      await storage.putBuffer(key, Buffer.from('%PDF-1.7'), 'application/pdf');

    const listings = listingsOf();
    const restore = shiftClock(REGISTRATION_GRACE_MS + 60_000);
    let swept: Awaited<ReturnType<typeof sweepIncomingLetters>>;
    try {
      swept = await sweepIncomingLetters(ctx.services);
    } finally {
      restore();
    }
    expect(listings()).toEqual(['letters/', 'meetings/', 'outgoing/']);
    expect(swept.objects).toBe(1);
    const left = (await storage.list('outgoing/')).map((o) => o.key);
    expect(left).not.toContain(orphan);
    expect(left).toContain(foreignFinal);
  });
});
