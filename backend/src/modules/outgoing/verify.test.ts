import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  seedDemoOrganisation,
  type LoggedInAgent,
} from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { UserModel } from '../org/org.model.ts';
import { quickDraft } from './test-fixtures.ts';
import { loginMany } from './test-fixtures.ts';
import { normaliseCode } from './verification-code.ts';

const ctx = await createTestContext();
let staftu: LoggedInAgent;
let asisten3: LoggedInAgent;

beforeAll(async () => {
  await seedDemoOrganisation();
  await seedClassificationCodes();
  // The drafter writes R and SR letters below: a draft needs the clearance for its class.
  await UserModel.updateOne({ username: 'staftu' }, { $set: { clearance: 'SR' } });
  ({ staftu, asisten3 } = await loginMany(ctx, ['staftu', 'asisten3']));
});

async function signed(
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; code: string; number: string; sha256: string; pdf: Buffer }> {
  const created = await staftu.post('/api/outgoing-letters').send(await quickDraft(overrides));
  await staftu.post(`/api/outgoing-letters/${created.body.id}/submit`);
  const res = await asisten3
    .post(`/api/outgoing-letters/${created.body.id}/sign`)
    .send({ password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  const file = await staftu
    .get(`/api/outgoing-letters/${created.body.id}/final.pdf`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  return {
    id: created.body.id,
    code: res.body.code,
    number: res.body.number,
    sha256: res.body.final.sha256,
    pdf: file.body as Buffer,
  };
}

const check = (code: string, pdf: Buffer, name = 'surat.pdf', format?: 'json') =>
  ctx
    .request()
    .post(`/v/${code}/check${format ? '?format=json' : ''}`)
    .attach('berkas', pdf, { filename: name, contentType: 'application/pdf' });

describe('public verification', () => {
  it('confirms a signed letter without login: number, date, subject, signer and hash, as HTML and JSON', async () => {
    const letter = await signed({ subject: 'Undangan Rapat Koordinasi Kearsipan' });
    const page = await ctx.request().get(`/v/${letter.code}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Naskah dinas ini sah');
    expect(page.text).toContain(letter.number);
    expect(page.text).toContain('Undangan Rapat Koordinasi Kearsipan');
    expect(page.text).toContain(letter.sha256);
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).not.toMatch(/<script/i);
    const json = await ctx.request().get(`/v/${letter.code.toLowerCase()}?format=json`);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      valid: true,
      number: letter.number,
      subject: 'Undangan Rapat Koordinasi Kearsipan',
      sha256: letter.sha256,
      confidential: false,
    });
    expect(json.body.signerPosition).toBe(
      'Asisten Administrasi Umum, a.n. Sekretaris Daerah Provinsi Lampung',
    );
  });

  it('reports the real PDF as matching and an edited copy as not matching', async () => {
    const letter = await signed();
    const ok = await check(letter.code, letter.pdf, 'asli.pdf', 'json');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ matches: true, uploadedSha256: letter.sha256 });
    // Someone opens the PDF and writes another figure on it, as an edited copy would be.
    const doc = await PDFDocument.load(letter.pdf);
    doc.getPage(0).drawText('Rp 950.000.000', { x: 300, y: 400, size: 12 });
    const edited = Buffer.from(await doc.save());
    const bad = await check(letter.code, edited, 'salinan.pdf', 'json');
    expect(bad.body.matches).toBe(false);
    const html = await check(letter.code, edited, 'salinan.pdf');
    expect(html.status).toBe(200);
    expect(html.text).toContain('TIDAK cocok');
    expect((await check(letter.code, letter.pdf)).text).toContain('Berkas cocok');
  });

  it('answers 404 for unknown codes and for drafts, as HTML and JSON', async () => {
    const unknown = await ctx.request().get('/v/ZZZZ9999');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Kode verifikasi tidak dikenal');
    expect((await ctx.request().get('/v/bukan-kode?format=json')).status).toBe(404);
    const draft = await staftu.post('/api/outgoing-letters').send(await quickDraft());
    const code = draft.body.code as string;
    const json = await ctx.request().get(`/v/${code}`).set('Accept', 'application/json');
    expect(json.status).toBe(404);
    expect(json.body.error.code).toBe('NOT_FOUND');
  });

  it('shows only that a valid letter with that number exists for R and SR letters', async () => {
    for (const securityClass of ['R', 'SR']) {
      const letter = await signed({ securityClass, subject: 'Hal yang sangat rahasia' });
      const json = await ctx.request().get(`/v/${letter.code}?format=json`);
      expect(json.body).toMatchObject({
        valid: true,
        confidential: true,
        number: letter.number,
        subject: null,
        signerName: null,
        sha256: null,
      });
      const page = await ctx.request().get(`/v/${letter.code}`);
      expect(page.text).toContain(letter.number);
      expect(page.text).not.toContain('Hal yang sangat rahasia');
      expect(page.text).not.toContain(letter.sha256);
    }
  });

  it('refuses an upload that is not a PDF', async () => {
    const letter = await signed();
    const res = await check(letter.code, Buffer.from('bukan pdf'), 'x.pdf', 'json');
    expect(res.status).toBe(415);
  });

  it('reads codes as people type them', () => {
    expect(normaliseCode('k7qm-4xpd')).toBe('K7QM4XPD');
    expect(normaliseCode('K7QM 4XPO')).toBe('K7QM4XP0');
    expect(normaliseCode('K7QM')).toBeNull();
    expect(normaliseCode('K7QM-4XPU')).toBeNull();
  });
});
