import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  seedDemoOrganisation,
  type LoggedInAgent,
} from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { startTestTsa, type TestTsa } from '../../../test/tsa-server.ts';
import { shiftClock } from '../../lib/clock.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { TSA_MESSAGES } from '../pki/tsa.ts';
import { takeSequence } from './numbering.ts';
import { OutgoingNumberModel, OutgoingTransitionModel } from './outgoing.model.ts';
import { sweepStaleFinals } from './sign-repair.ts';
import { loginMany, quickDraft } from './test-fixtures.ts';
import { loadLetter } from './transitions.ts';

/**
 * Signing is all-or-nothing (sign.service.ts): when the timestamp authority errs, stays
 * silent or answers a token that is not about this signature, the letter is exactly as it
 * was before "Tandatangani" (status, revision, version, history, no number printed, no
 * final PDF, no object in storage); its number, once taken, stays reserved for it (numbers
 * are never released) and the retry prints that number. A process that died between
 * storing the signed PDF and recording it leaves an object that the next signature, or the
 * sweeper, removes.
 */
const ctx = await createTestContext();
let staftu: LoggedInAgent;
let asisten3: LoggedInAgent;
let tsa: TestTsa;
const previous = {
  url: process.env.PKI_TSA_URL,
  timeout: process.env.PKI_TSA_TIMEOUT_MS,
};

beforeAll(async () => {
  await seedDemoOrganisation();
  await seedClassificationCodes();
  ({ staftu, asisten3 } = await loginMany(ctx, ['staftu', 'asisten3']));
  tsa = await startTestTsa();
  process.env.PKI_TSA_URL = tsa.url;
});

afterAll(async () => {
  for (const [name, value] of [
    ['PKI_TSA_URL', previous.url],
    ['PKI_TSA_TIMEOUT_MS', previous.timeout],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await tsa?.close();
});

async function awaitingSignature(subject: string): Promise<string> {
  const created = await staftu.post('/api/outgoing-letters').send(await quickDraft({ subject }));
  expect(created.status).toBe(201);
  const submitted = await staftu.post(`/api/outgoing-letters/${created.body.id}/submit`);
  expect(submitted.body.status).toBe('awaiting_signature');
  return created.body.id as string;
}

const sign = (id: string) =>
  asisten3.post(`/api/outgoing-letters/${id}/sign`).send({ passphrase: DEMO_PASSWORD });

/** Final PDFs stored for a letter, whatever their year. */
async function finalObjects(id: string): Promise<string[]> {
  return (await ctx.services.storage.listKeys('outgoing/'))
    .map((o) => o.key)
    .filter((key) => key.includes(`/${id}/final-`))
    .sort();
}

/** What the letter looks like in every place a signature writes to. */
async function snapshot(id: string) {
  const letter = (await loadLetter(id))!;
  return {
    status: letter.status,
    revision: letter.revision,
    version: letter.version,
    number: letter.number ?? null,
    sequence: letter.sequence ?? null,
    signedAt: letter.signedAt ?? null,
    signature: letter.signature?.name ?? null,
    final: letter.final?.key ?? null,
    history: await OutgoingTransitionModel.countDocuments({ letterId: letter._id }),
    objects: await finalObjects(id),
  };
}

describe('a signature the timestamp authority fails', () => {
  it('leaves the letter as it was after an error, a silence and a foreign token; the retry signs with the number the first attempt reserved', async () => {
    const id = await awaitingSignature('Uji tanda tangan utuh atau tidak sama sekali');
    const before = await snapshot(id);
    expect(before).toMatchObject({ status: 'awaiting_signature', final: null, objects: [] });
    const cases: { mode: TestTsa['mode']; message: string }[] = [
      { mode: 'error', message: TSA_MESSAGES.down },
      { mode: 'silent', message: TSA_MESSAGES.down },
      { mode: 'foreign', message: TSA_MESSAGES.badAnswer },
    ];
    // The silent TSA is cut off by the timeout; a short one keeps the test short (the
    // assertion is on the outcome, not on how long it took).
    process.env.PKI_TSA_TIMEOUT_MS = '1500';
    let reserved: number | null = null;
    for (const entry of cases) {
      tsa.mode = entry.mode;
      const asked = tsa.requests;
      const refused = await sign(id);
      expect([refused.status, refused.body.error?.message], entry.mode).toEqual([
        503,
        entry.message,
      ]);
      expect(tsa.requests, entry.mode).toBe(asked + 1);
      expect(await snapshot(id), entry.mode).toEqual(before);
      // The number taken for this letter stays its own (never released, never doubled).
      const owned = await OutgoingNumberModel.find({
        letterId: new mongoose.Types.ObjectId(id),
      }).lean<{ sequence: number }[]>();
      expect(owned, entry.mode).toHaveLength(1);
      reserved ??= owned[0]!.sequence;
      expect(owned[0]!.sequence, entry.mode).toBe(reserved);
    }
    // The letter page answers as before: waiting for the signature, the action offered.
    const page = await asisten3.get(`/api/outgoing-letters/${id}`);
    expect(page.body.status).toBe('awaiting_signature');
    expect(page.body.number).toBeNull();

    tsa.mode = 'ok';
    delete process.env.PKI_TSA_TIMEOUT_MS;
    const signed = await sign(id);
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body.status).toBe('signed');
    const after = await snapshot(id);
    expect(after.sequence).toBe(reserved);
    expect(after.number).toContain(`/${reserved}/`);
    expect(after.revision).toBe(before.revision + 1);
    expect(after.version).toBe(before.version);
    expect(after.objects).toEqual([after.final]);
    const pdf = await staftu.get(`/api/outgoing-letters/${id}/final.pdf`);
    expect(pdf.status).toBe(200);
  });

  it('a letter returned while its timestamp was on the way: the signature fails after storing, its bytes are removed, the return stands', async () => {
    const id = await awaitingSignature('Uji dikembalikan selagi ditandatangani');
    tsa.mode = 'held';
    const asked = tsa.requests;
    // `.then` sends it (a supertest request starts when it is awaited or thenned).
    const signing = sign(id).then((answer) => answer);
    // The signature is past the key and waits for the TSA (a count, not a clock).
    while (tsa.requests === asked) await new Promise((resolve) => setTimeout(resolve, 20));
    const returned = await asisten3
      .post(`/api/outgoing-letters/${id}/review`)
      .send({ decision: 'return', note: 'Perbaiki lampiran.' });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    const before = await snapshot(id);
    tsa.mode = 'ok';
    tsa.release();
    const refused = await signing;
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(await snapshot(id)).toEqual(before);
    expect(before).toMatchObject({ status: 'returned', number: null, final: null, objects: [] });
  });

  it('converges after a process died between storing the signed PDF and recording it: the retry signs and removes the leftover', async () => {
    const id = await awaitingSignature('Uji tanda tangan terputus setelah disimpan');
    const letter = (await loadLetter(id))!;
    const before = await snapshot(id);
    // What the dead process left: its number and its bytes, no change to the letter.
    const year = new Date().getFullYear();
    const series = 'outgoing:SETDA';
    const taken = await takeSequence(letter._id, series, year);
    const leftover = `outgoing/${year}/${id}/final-${'ab'.repeat(8)}.pdf`;
    const bytes = Buffer.from('%PDF-1.7 sisa proses yang mati');
    await ctx.services.storage.put(leftover, bytes, bytes.length, 'application/pdf');
    expect(await snapshot(id)).toEqual({ ...before, objects: [leftover] });

    tsa.mode = 'ok';
    const signed = await sign(id);
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    const after = await snapshot(id);
    expect(after.status).toBe('signed');
    // The unit of asisten3's letters is SETDA (quickDraft): the reserved number is printed
    // when the year has not turned since; otherwise it is void and a new one is taken.
    if ((await loadLetter(id))!.numberYear === year) expect(after.sequence).toBe(taken);
    expect(after.objects).toEqual([after.final]);
  });

  it('the sweeper removes what a dead signature left for a letter never signed again, and keeps every signed PDF', async () => {
    const unsigned = await awaitingSignature('Uji sisa tanda tangan tanpa percobaan ulang');
    const year = new Date().getFullYear();
    const leftover = `outgoing/${year}/${unsigned}/final-${'cd'.repeat(8)}.pdf`;
    const bytes = Buffer.from('%PDF-1.7 sisa proses yang mati');
    await ctx.services.storage.put(leftover, bytes, bytes.length, 'application/pdf');
    const signedId = await awaitingSignature('Uji tanda tangan yang tetap');
    tsa.mode = 'ok';
    expect((await sign(signedId)).status).toBe(200);
    const kept = (await snapshot(signedId)).final!;

    // Within the grace period nothing is judged (a signature in flight stores first).
    const grace = { graceMs: 3_600_000, windowMs: Infinity };
    expect(await sweepStaleFinals(ctx.services.storage, grace)).toEqual([]);
    const restore = shiftClock(2 * 3_600_000);
    let removed: string[];
    try {
      removed = await sweepStaleFinals(ctx.services.storage, grace);
    } finally {
      restore();
    }
    expect(removed).toContain(leftover);
    expect(removed).not.toContain(kept);
    expect(await finalObjects(unsigned)).toEqual([]);
    expect(await finalObjects(signedId)).toEqual([kept]);
    expect((await asisten3.get(`/api/outgoing-letters/${signedId}/final.pdf`)).status).toBe(200);
  });

  it('a number reserved in another series or year stays taken as void; the letter takes one of its own', async () => {
    const id = await awaitingSignature('Uji nomor cadangan tahun lalu');
    const letterId = new mongoose.Types.ObjectId(id);
    const old = await takeSequence(letterId, 'outgoing:UJI.LAMA', 2025);
    expect(await takeSequence(letterId, 'outgoing:UJI.LAMA', 2025)).toBe(old);
    const fresh = await takeSequence(letterId, 'outgoing:UJI.BARU', 2026);
    expect(await takeSequence(letterId, 'outgoing:UJI.BARU', 2026)).toBe(fresh);
    const rows = await OutgoingNumberModel.find({ series: /^outgoing:UJI\./ }).lean();
    expect(
      rows.map((r) => [r.series, r.sequence, String(r.letterId) === id, String(r.voidedLetterId)]),
    ).toEqual(
      expect.arrayContaining([
        ['outgoing:UJI.LAMA', old, false, id],
        ['outgoing:UJI.BARU', fresh, true, 'null'],
      ]),
    );
    expect(await OutgoingNumberModel.countDocuments({ letterId })).toBe(1);
  });
});
