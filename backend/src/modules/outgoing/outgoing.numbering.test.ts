import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  loginAs,
  seedDemoOrganisation,
  type LoggedInAgent,
} from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { formatNumber, takeSequence, validatePattern } from './numbering.ts';
import { OutgoingNumberModel } from './outgoing.model.ts';
import { positionId, quickDraft } from './test-fixtures.ts';
import { loginMany } from './test-fixtures.ts';
import { commitChange, loadLetter } from './transitions.ts';

const ctx = await createTestContext();
let staftu: LoggedInAgent;
let asisten3: LoggedInAgent;
let karoumum: LoggedInAgent;

beforeAll(async () => {
  await seedDemoOrganisation();
  await seedClassificationCodes();
  ({ staftu, asisten3, karoumum } = await loginMany(ctx, ['staftu', 'asisten3', 'karoumum']));
});

async function readyToSign(overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await staftu.post('/api/outgoing-letters').send(await quickDraft(overrides));
  expect(created.status).toBe(201);
  const submitted = await staftu.post(`/api/outgoing-letters/${created.body.id}/submit`);
  expect(submitted.body.status).toBe('awaiting_signature');
  return created.body.id;
}

describe('number patterns', () => {
  it('formats {kode}/{urut}/{unit}/{tahun} and {bulan} in Roman numerals, in Jakarta time', () => {
    const date = new Date('2026-11-30T18:00:00Z'); // 1 December 2026 in Jakarta
    expect(
      formatNumber('{kode}/{urut}/{unit}/{tahun}', {
        classificationCode: '100.3.8',
        sequence: 32,
        unitCode: 'SETDA',
        date,
      }),
    ).toBe('100.3.8/32/SETDA/2026');
    expect(
      formatNumber('{kode}/{urut}/{unit}/{bulan}/{tahun}', {
        classificationCode: '000.1',
        sequence: 7,
        unitCode: 'B.UM',
        date,
      }),
    ).toBe('000.1/7/B.UM/XII/2026');
    expect(validatePattern('{kode}/{unit}/{tahun}')).toMatch(/\{urut\}/);
    expect(validatePattern('{kode}/{urut}/{x}')).toMatch(/\{x\}/);
    expect(validatePattern('{kode}/{urut}/{unit}/{tahun}')).toBeNull();
  });
});

describe('numbering at signing', () => {
  it('gives 12 letters signed at the same time the numbers 1..12 of the unit, each once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await readyToSign({ subject: `Surat serentak ${i}` }));
    const signers = await Promise.all(Array.from({ length: 3 }, () => loginAs(ctx, 'asisten3')));
    const results = await Promise.all(
      ids.map((id, i) =>
        signers[i % 3]!.post(`/api/outgoing-letters/${id}/sign`).send({
          passphrase: DEMO_PASSWORD,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 200));
    const sequences = results
      .map((r) => Number(String(r.body.number).split('/')[1]))
      .sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.body.number)).size).toBe(12);
    expect(results.every((r) => /^000\.1\/\d+\/SETDA\/\d{4}$/.test(r.body.number))).toBe(true);
  });

  it('counts per issuing unit: a letter signed directly by the Kepala Biro Umum starts at 1 for B.UM', async () => {
    const id = await readyToSign({
      signer: { positionId: await positionId('karoumum'), mode: 'direct' },
      kind: 'nota_dinas',
    });
    const signed = await karoumum
      .post(`/api/outgoing-letters/${id}/sign`)
      .send({ passphrase: DEMO_PASSWORD });
    expect(signed.status).toBe(200);
    expect(signed.body.number).toMatch(/^000\.1\/1\/B\.UM\/\d{4}$/);
  });

  it('follows the pattern and counter the admin set for a kind, and refuses patterns without {urut}', async () => {
    const admin = await loginAs(ctx, 'admin');
    expect(
      (
        await karoumum
          .put('/api/outgoing-letters/settings/surat_tugas')
          .send({ numberPattern: '{kode}/{urut}/{unit}/{tahun}', counterPerKind: true })
      ).status,
    ).toBe(403);
    const bad = await admin
      .put('/api/outgoing-letters/settings/surat_tugas')
      .send({ numberPattern: '{kode}/{unit}/{tahun}', counterPerKind: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/\{urut\}/);
    const saved = await admin
      .put('/api/outgoing-letters/settings/surat_tugas')
      .send({ numberPattern: 'ST-{kode}/{urut}/{unit}/{bulan}/{tahun}', counterPerKind: true });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      kind: 'surat_tugas',
      customised: true,
      counterPerKind: true,
    });
    // B.UM already used number 1 for a Nota Dinas: a Surat Tugas counter of its own starts at 1 too.
    const id = await readyToSign({
      kind: 'surat_tugas',
      recipients: [],
      signer: { positionId: await positionId('karoumum'), mode: 'direct' },
    });
    const signed = await karoumum
      .post(`/api/outgoing-letters/${id}/sign`)
      .send({ passphrase: DEMO_PASSWORD });
    expect(signed.body.number).toMatch(
      /^ST-000\.1\/1\/B\.UM\/(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\/\d{4}$/,
    );
    const list = await admin.get('/api/outgoing-letters/settings');
    expect(list.body.items.find((k: { kind: string }) => k.kind === 'surat_dinas')).toMatchObject({
      customised: false,
      numberPattern: '{kode}/{urut}/{unit}/{tahun}',
    });
  });

  it('resumes a signature interrupted after the number was taken, with the same number and no gap', async () => {
    const id = await readyToSign({ subject: 'Penandatanganan terputus' });
    const letter = (await loadLetter(id))!;
    // A process froze the letter and took its number, then died before storing the PDF.
    const frozen = await commitChange({
      letter,
      action: 'sign_start',
      actor: { userId: null, name: 'proses yang mati', positionTitle: null },
      set: {
        signedAt: new Date(),
        issuingUnitCode: 'SETDA',
        numberYear: new Date().getFullYear(),
        numberSeries: 'outgoing:SETDA',
        signature: {
          userId: letter.createdByUserId,
          name: 'Nama Penanda Tangan',
          nip: null,
          rank: null,
          positionTitle: 'Asisten Administrasi Umum',
          acting: null,
          headingLines: ['ASISTEN ADMINISTRASI UMUM,'],
          signer: 'builtin',
        },
      },
    });
    const taken = await takeSequence(frozen._id, 'outgoing:SETDA', frozen.numberYear!);
    expect(await takeSequence(frozen._id, 'outgoing:SETDA', frozen.numberYear!)).toBe(taken);
    const resumed = await asisten3
      .post(`/api/outgoing-letters/${id}/sign`)
      .send({ passphrase: DEMO_PASSWORD });
    expect(resumed.status).toBe(200);
    expect(resumed.body.number).toBe(`000.1/${taken}/SETDA/${frozen.numberYear}`);
    expect(
      await OutgoingNumberModel.countDocuments({
        series: 'outgoing:SETDA',
        year: frozen.numberYear,
      }),
    ).toBe(taken);
    const next = await readyToSign({ subject: 'Sesudahnya' });
    const after = await asisten3
      .post(`/api/outgoing-letters/${next}/sign`)
      .send({ passphrase: DEMO_PASSWORD });
    expect(after.body.number).toBe(`000.1/${taken + 1}/SETDA/${frozen.numberYear}`);
  });

  it('never gives a letter two numbers when it is signed twice at once', async () => {
    const id = await readyToSign({ subject: 'Dua klik' });
    const again = await loginAs(ctx, 'asisten3');
    const [a, b] = await Promise.all([
      asisten3.post(`/api/outgoing-letters/${id}/sign`).send({ passphrase: DEMO_PASSWORD }),
      again.post(`/api/outgoing-letters/${id}/sign`).send({ passphrase: DEMO_PASSWORD }),
    ]);
    expect([a.status, b.status]).toContain(200);
    const letter = await loadLetter(id);
    expect(await OutgoingNumberModel.countDocuments({ letterId: letter!._id })).toBe(1);
  });
});
