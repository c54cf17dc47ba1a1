import mongoose from 'mongoose';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOrganisation, type LoggedInAgent } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { clearFailures } from '../auth/throttle.service.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { UserModel } from '../org/org.model.ts';
import { OutgoingLetterModel } from './outgoing.model.ts';
import { caCertificatePem, invalidateCrl } from '../pki/ca.service.ts';
import { SigningCertificateModel, type SigningCertificate } from '../pki/pki.model.ts';
import { openWithPassphrase } from '../pki/sealed.ts';
import { samplePdf, signPdfWith, testAuthority, testCertificate } from '../signing/test-signing.ts';
import { findSignatureFields } from '../signing/verify-signature.ts';
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
    .send({ passphrase: 'lontar-demo' });
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

/** One byte of the signed range changed (inside the first page's content stream). */
function oneByteChanged(pdf: Buffer): Buffer {
  const copy = Buffer.from(pdf);
  const [field] = findSignatureFields(pdf);
  const at = Math.floor(field!.byteRange[1] / 2);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

async function asisten3Certificate(): Promise<SigningCertificate> {
  const user = await UserModel.findOne({ username: 'asisten3' }).lean();
  const certs = await SigningCertificateModel.find({
    userId: new mongoose.Types.ObjectId(String(user!._id)),
  }).lean<SigningCertificate[]>();
  return certs.sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime())[0]!;
}

/** Forget this file's upload counts (the public check is throttled per address). */
const resetUploadCounts = () =>
  clearFailures(['127.0.0.1', '::ffff:127.0.0.1', '::1'].map((ip) => `verify-upload:${ip}`));

describe('public verification', () => {
  it('checks the embedded PAdES signature: who signed, as what, when, unchanged', async () => {
    const letter = await signed({ subject: 'Surat dengan tanda tangan bersertifikat' });
    const json = await ctx.request().get(`/v/${letter.code}?format=json`);
    expect(json.status).toBe(200);
    const asisten3User = await UserModel.findOne({ username: 'asisten3' }).lean();
    expect(json.body.signature).toMatchObject({
      signed: true,
      valid: true,
      documentIntact: true,
      certificateStatus: 'valid',
      signerName: asisten3User!.name,
      signedAt: json.body.signedAt,
      revokedAt: null,
    });
    expect(json.body.signature.signerPosition).toContain('Asisten Administrasi Umum');
    const page = await ctx.request().get(`/v/${letter.code}`);
    expect(page.text).toContain('Tanda tangan elektronik sah');
    expect(page.text).toContain('Tidak berubah sejak ditandatangani');
    expect(page.text).not.toContain('unknown_issuer');
  });

  it('reports an uploaded copy with one byte changed as altered, in JSON and in words', async () => {
    await resetUploadCounts();
    const letter = await signed();
    const tampered = oneByteChanged(letter.pdf);
    const json = await check(letter.code, tampered, 'salinan.pdf', 'json');
    expect(json.status).toBe(200);
    expect(json.body.matches).toBe(false);
    expect(json.body.signature).toMatchObject({
      signed: true,
      valid: false,
      documentIntact: false,
    });
    const page = await check(letter.code, tampered, 'salinan.pdf');
    expect(page.text).toContain('Dokumen telah diubah setelah ditandatangani');
    const original = await check(letter.code, letter.pdf, 'asli.pdf', 'json');
    expect(original.body).toMatchObject({
      matches: true,
      signature: { valid: true, documentIntact: true },
    });
  });

  it('reports a PDF signed under another CA as an unknown issuer', async () => {
    await resetUploadCounts();
    const letter = await signed();
    const foreign = await testAuthority('Instansi Tiruan');
    const impostor = await testCertificate(foreign, 'Sekretaris Tiruan');
    const pdf = await signPdfWith({
      pdf: await samplePdf(),
      certificate: impostor,
      chainPem: [foreign.certificatePem],
      signedAt: new Date(),
      name: 'Sekretaris Tiruan (Sekretaris Daerah)',
    });
    const res = await check(letter.code, pdf, 'tiruan.pdf', 'json');
    expect(res.status).toBe(200);
    expect(res.body.signature).toMatchObject({
      valid: false,
      documentIntact: true,
      certificateStatus: 'unknown_issuer',
      signerName: 'Sekretaris Tiruan',
    });
    const page = await check(letter.code, pdf, 'tiruan.pdf');
    expect(page.text).toContain('Tidak diterbitkan oleh otoritas sertifikat yang dipercaya');
  });

  it('keeps letters signed before a revocation valid; a signature made after it fails, and signing is refused', async () => {
    await resetUploadCounts();
    const before = await signed({ subject: 'Ditandatangani sebelum pencabutan' });
    const certificate = await asisten3Certificate();
    const privateKey = await openWithPassphrase(certificate.key, 'lontar-demo');
    expect(privateKey).not.toBeNull();
    const revokedAt = new Date(Date.now() + 1000);
    await SigningCertificateModel.updateOne(
      { _id: certificate._id },
      { $set: { status: 'revoked', revokedAt } },
    );
    invalidateCrl();
    try {
      const still = await ctx.request().get(`/v/${before.code}?format=json`);
      expect(still.body.signature).toMatchObject({
        valid: true,
        certificateStatus: 'valid',
        revokedAt: revokedAt.toISOString(),
      });
      // A signature claimed after the revocation, made with the libraries directly (the
      // signer itself refuses, below).
      const pem = `-----BEGIN PRIVATE KEY-----\n${privateKey!
        .toString('base64')
        .match(/.{1,64}/g)!
        .join('\n')}\n-----END PRIVATE KEY-----\n`;
      const late = await signPdfWith({
        pdf: await samplePdf(),
        certificate: {
          certificatePem: certificate.certificatePem,
          privateKeyPem: pem,
          serial: certificate.serial,
        },
        chainPem: [await caCertificatePem(ctx.services)],
        signedAt: new Date(revokedAt.getTime() + 60_000),
        name: 'Asisten (Asisten Administrasi Umum)',
      });
      const res = await check(before.code, late, 'sesudah.pdf', 'json');
      expect(res.body.signature).toMatchObject({
        valid: false,
        certificateStatus: 'revoked',
        documentIntact: true,
      });
      expect((await check(before.code, late, 'sesudah.pdf')).text).toContain(
        'Dicabut sebelum dokumen ditandatangani',
      );
      const draft = await staftu.post('/api/outgoing-letters').send(await quickDraft());
      await staftu.post(`/api/outgoing-letters/${draft.body.id}/submit`);
      const refused = await asisten3
        .post(`/api/outgoing-letters/${draft.body.id}/sign`)
        .send({ passphrase: 'lontar-demo' });
      expect(refused.status).toBe(403);
    } finally {
      await SigningCertificateModel.updateOne(
        { _id: certificate._id },
        { $set: { status: 'active', revokedAt: null } },
      );
      invalidateCrl();
    }
  });

  it('still confirms the letter when its stored PDF cannot be read, and says the check waits', async () => {
    const letter = await signed();
    const stored = await OutgoingLetterModel.findById(letter.id).lean();
    await ctx.services.storage.remove(stored!.final!.key);
    const json = await ctx.request().get(`/v/${letter.code}?format=json`);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      valid: true,
      number: letter.number,
      signature: { signed: false, valid: false },
    });
    expect(json.body.signature.findings[0]).toContain('tidak dapat diperiksa saat ini');
  });

  it('answers bad uploads with 4xx in Indonesian, never 5xx', async () => {
    await resetUploadCounts();
    const letter = await signed();
    const notPdf = await check(letter.code, Buffer.from('bukan pdf'), 'x.pdf', 'json');
    expect(notPdf.status).toBe(415);
    expect(notPdf.body.error.message).toBe('Berkas yang diunggah bukan PDF.');
    const truncated = await check(letter.code, letter.pdf.subarray(0, 2000), 'potong.pdf', 'json');
    expect(truncated.status).toBe(400);
    expect(truncated.body.error.message).toContain('rusak atau tidak lengkap');
    const empty = await check(letter.code, Buffer.alloc(0), 'kosong.pdf', 'json');
    expect(empty.status).toBeGreaterThanOrEqual(400);
    expect(empty.status).toBeLessThan(500);
    const huge = Buffer.concat([
      Buffer.from('%PDF-1.7\n'),
      Buffer.alloc(20 * 1024 * 1024 + 10, 0x20),
    ]);
    const tooBig = await check(letter.code, huge, 'besar.pdf', 'json');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toContain('terlalu besar');
    const noFile = await ctx.request().post(`/v/${letter.code}/check?format=json`).field('x', 'y');
    expect(noFile.status).toBe(400);
    const notMultipart = await ctx
      .request()
      .post(`/v/${letter.code}/check?format=json`)
      .send({ a: 1 });
    expect(notMultipart.status).toBe(415);
    // A PDF whose signature dictionary points at garbage: read, reported invalid, not a crash.
    const broken = Buffer.from(letter.pdf);
    const [field] = findSignatureFields(letter.pdf);
    broken.write('30820fff0000', field!.byteRange[1] + 1, 'latin1');
    const garbled = await check(letter.code, broken, 'rusak.pdf', 'json');
    expect(garbled.status).toBe(200);
    expect(garbled.body.signature).toMatchObject({ signed: true, valid: false });
    const html = await check(letter.code, Buffer.from('bukan pdf'), 'x.pdf');
    expect(html.status).toBe(415);
    expect(html.text).toContain('bukan PDF');
  });

  it('throttles uploads per address with a Retry-After and an Indonesian message', async () => {
    await resetUploadCounts();
    const letter = await signed();
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++)
      statuses.push((await check(letter.code, Buffer.from('x'), 'x.pdf', 'json')).status);
    expect(statuses.slice(0, 30).every((s) => s === 415)).toBe(true);
    const limited = await check(letter.code, letter.pdf, 'asli.pdf', 'json');
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toContain('Terlalu banyak berkas diperiksa');
    expect(limited.headers['retry-after']).toBeDefined();
    // The page itself (no upload) is not throttled.
    expect((await ctx.request().get(`/v/${letter.code}`)).status).toBe(200);
    await resetUploadCounts();
  });

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
    // No script from anywhere; one inline script (the chosen file's name) that the page's
    // CSP allows by its hash, never 'unsafe-inline' (verify-page.test.ts checks the hash).
    expect(page.text).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(page.text.match(/<script/gi)).toHaveLength(1);
    expect(page.headers['content-security-policy']).toMatch(/script-src [^;]*'sha256-/);
    expect(page.headers['content-security-policy']).not.toMatch(/script-src [^;]*unsafe-inline/);
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
    await resetUploadCounts();
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

  it('reads codes as people type them', () => {
    expect(normaliseCode('k7qm-4xpd')).toBe('K7QM4XPD');
    expect(normaliseCode('K7QM 4XPO')).toBe('K7QM4XP0');
    expect(normaliseCode('K7QM')).toBeNull();
    expect(normaliseCode('K7QM-4XPU')).toBeNull();
  });
});
