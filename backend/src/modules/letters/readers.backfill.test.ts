import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { loginAs } from '../../../test/auth-helpers.ts';
import { BackfillMarkerModel } from '../../lib/backfill.ts';
import {
  dispatchBody,
  dispositionTestContext,
  pos,
  registerLetter,
} from '../dispositions/test-support.ts';
import { stopSearchIndex } from '../search/runtime.ts';
import { IncomingLetterModel, type IncomingLetter } from './letters.model.ts';
import { backfillLetterReaders, READERS_BACKFILL } from './readers.backfill.ts';

const ctx = await dispositionTestContext();
afterAll(() => stopSearchIndex());

/** A letter as a version before the chain rule left it: the Sekda disposed it straight to a
 * Kepala Bagian, and only the Kepala Bagian joined the readers (not the Kepala Biro Umum
 * and Asisten III above it), nor their inbox buckets. */
async function letterFromBeforeTheRule(subject: string): Promise<string> {
  const id = await registerLetter(ctx, { subject, addresseePositionId: await pos('sekda') });
  const sekda = await loginAs(ctx, 'sekda');
  const sent = await sekda
    .post(`/api/incoming-letters/${id}/dispositions`)
    .send(await dispatchBody([{ key: 'kabagtu' }]));
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  const skipped = [await pos('karoumum'), await pos('asisten3')];
  const letter = await IncomingLetterModel.findById(id).lean<IncomingLetter>();
  await IncomingLetterModel.updateOne(
    { _id: id },
    {
      $set: {
        readerPositionIds: (letter!.readerPositionIds ?? []).filter(
          (r) => !skipped.includes(String(r)),
        ),
        boxBuckets: (letter!.boxBuckets ?? []).filter(
          (key) => !skipped.some((p) => key.includes(p)),
        ),
      },
    },
  );
  return id;
}

describe("start-up backfill: the recipients' superiors join the readers of older letters", () => {
  it('opens a level-skipping letter to the positions in between, once, touching no other letter', async () => {
    const old = await letterFromBeforeTheRule('Permohonan lompat jenjang lama');
    const current = await registerLetter(ctx, { subject: 'Surat biasa yang sudah benar' });
    const untouched = await IncomingLetterModel.findById(current).lean<IncomingLetter>();
    await BackfillMarkerModel.deleteOne({ _id: READERS_BACKFILL });
    const karoumum = await loginAs(ctx, 'karoumum');
    const asisten3 = await loginAs(ctx, 'asisten3');
    expect((await karoumum.get(`/api/incoming-letters/${old}`)).status).toBe(404);
    expect((await asisten3.get(`/api/incoming-letters/${old}`)).status).toBe(404);

    expect(await backfillLetterReaders()).toMatchObject({ updated: 1 });

    expect((await karoumum.get(`/api/incoming-letters/${old}`)).status).toBe(200);
    expect((await asisten3.get(`/api/incoming-letters/${old}`)).status).toBe(200);
    expect(
      (await (await loginAs(ctx, 'karohukum')).get(`/api/incoming-letters/${old}`)).status,
    ).toBe(404);
    // Search hits follow the readers too.
    const hits = await karoumum.get('/api/search').query({ q: 'jenjang' });
    expect(hits.body.items.map((i: { letterId: string }) => i.letterId)).toContain(old);
    // The Kepala Biro's register list (its inbox buckets) shows it.
    const listed = await karoumum.get('/api/incoming-letters').query({ pageSize: 200 });
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(old);
    // A letter that lacked nothing is not written.
    const after = await IncomingLetterModel.findById(current).lean<IncomingLetter>();
    expect(after!.updatedAt).toEqual(untouched!.updatedAt);

    // Marked: the next start reads nothing; forced again, it finds nothing left to add.
    expect(await backfillLetterReaders()).toEqual({ scanned: 0, updated: 0 });
    const again = await backfillLetterReaders({ force: true });
    expect(again.updated).toBe(0);
    expect(again.scanned).toBeGreaterThanOrEqual(2);
    const readers = (await IncomingLetterModel.findById(
      old,
    ).lean<IncomingLetter>())!.readerPositionIds!.map(String);
    expect(new Set(readers).size).toBe(readers.length);
    expect(mongoose.isValidObjectId(readers[0])).toBe(true);
  });
});
