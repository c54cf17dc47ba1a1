import { X509Certificate } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOrganisation, type LoggedInAgent } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { findUserByUsername } from '../org/org.service.ts';
import { loginMany, positionId, quickDraft } from '../outgoing/test-fixtures.ts';
import { caCertificateDer } from './ca.service.ts';
import { pdfsig } from './pdfsig.ts';

const ctx = await createTestContext();
let staftu: LoggedInAgent;
let asisten3: LoggedInAgent;
let admin: LoggedInAgent;
let kabagtu: LoggedInAgent;

beforeAll(async () => {
  await seedDemoOrganisation();
  await seedClassificationCodes();
  ({ staftu, asisten3, admin, kabagtu } = await loginMany(ctx, [
    'staftu',
    'asisten3',
    'admin',
    'kabagtu',
  ]));
});

async function signerCommonName(pdf: Buffer): Promise<string[]> {
  return (await pdfsig(pdf, await caCertificateDer(ctx.services))).signerNames;
}

async function awaitingSignature(subject: string): Promise<string> {
  const created = await staftu.post('/api/outgoing-letters').send(await quickDraft({ subject }));
  expect(created.status).toBe(201);
  expect((await staftu.post(`/api/outgoing-letters/${created.body.id}/submit`)).status).toBe(200);
  return created.body.id as string;
}

async function finalPdf(id: string): Promise<Buffer> {
  const res = await staftu
    .get(`/api/outgoing-letters/${id}/final.pdf`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  return res.body as Buffer;
}

describe('PAdES signing with the instansi CA', () => {
  it('signs with the passphrase: pdfsig reports a valid signature by the official, trusted through the CA; one changed byte breaks it', async () => {
    const id = await awaitingSignature('Uji tanda tangan PAdES');
    const res = await asisten3
      .post(`/api/outgoing-letters/${id}/sign`)
      .send({ passphrase: 'lontar-demo' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('signed');
    const pdf = await finalPdf(id);
    expect(pdf.toString('latin1')).toContain('/SubFilter /ETSI.CAdES.detached');

    const trusted = await pdfsig(pdf, await caCertificateDer(ctx.services));
    expect(trusted.output).toContain('Signature is Valid');
    expect(trusted.signatureValid).toBe(true);
    expect(trusted.certificateTrusted).toBe(true);
    expect(trusted.signerNames).toHaveLength(1);
    expect(trusted.signerNames[0]).toMatch(/\S/);

    // Without trusting the CA, the bytes still check out; only the issuer is unknown.
    const untrusted = await pdfsig(pdf);
    expect(untrusted.signatureValid).toBe(true);
    expect(untrusted.certificateTrusted).toBe(false);

    // One byte of the signed content changed (inside the first /ByteRange part).
    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf('/Type /Page') + 2;
    tampered[at] = tampered[at] === 0x79 ? 0x78 : 0x79;
    const broken = await pdfsig(tampered, await caCertificateDer(ctx.services));
    expect(broken.signatureValid).toBe(false);
    console.log(trusted.output, broken.output);
  });

  it('refuses a wrong passphrase with 403 and signs nothing', async () => {
    const id = await awaitingSignature('Uji frasa sandi salah');
    const wrong = await asisten3
      .post(`/api/outgoing-letters/${id}/sign`)
      .send({ passphrase: 'frasa-yang-keliru' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toMatch(/Frasa sandi tanda tangan salah/);
    const letter = await staftu.get(`/api/outgoing-letters/${id}`);
    expect(letter.body).toMatchObject({ status: 'awaiting_signature', number: null });
    expect((await staftu.get(`/api/outgoing-letters/${id}/final.pdf`)).status).toBe(404);
  });

  it('signs the letter and its PDF attachment as one document', async () => {
    const attachment = await PDFDocument.create();
    attachment.addPage([595, 842]).drawText('Daftar hadir rapat');
    attachment.addPage([595, 842]).drawText('Halaman kedua lampiran');
    const created = await staftu
      .post('/api/outgoing-letters')
      .send(await quickDraft({ subject: 'Uji lampiran ditandatangani' }));
    const id = created.body.id as string;
    const added = await staftu
      .post(`/api/outgoing-letters/${id}/attachments`)
      .attach('files', Buffer.from(await attachment.save()), {
        filename: 'daftar-hadir.pdf',
        contentType: 'application/pdf',
      });
    expect(added.status).toBe(201);
    expect((await staftu.post(`/api/outgoing-letters/${id}/submit`)).status).toBe(200);
    const signed = await asisten3
      .post(`/api/outgoing-letters/${id}/sign`)
      .send({ passphrase: 'lontar-demo' });
    expect(signed.status).toBe(200);
    const pdf = await finalPdf(id);
    const pages = (await PDFDocument.load(pdf)).getPageCount();
    const letterOnly = await finalPdf(
      await (async () => {
        const other = await awaitingSignature('Uji tanpa lampiran');
        await asisten3
          .post(`/api/outgoing-letters/${other}/sign`)
          .send({ passphrase: 'lontar-demo' });
        return other;
      })(),
    );
    expect(pages).toBe((await PDFDocument.load(letterOnly)).getPageCount() + 2);
    const report = await pdfsig(pdf, await caCertificateDer(ctx.services));
    expect(report.signatureValid).toBe(true);
    expect(report.output).toContain('Total document signed');
  });
  it('issues a new certificate when the official sets a passphrase; the admin revokes it: it cannot sign, and the CRL lists it', async () => {
    const weak = await asisten3
      .put('/api/profile/signing-certificate')
      .send({ currentPassword: 'lontar-demo', passphrase: 'pendek' });
    expect(weak.status).toBe(400);
    const set = await asisten3
      .put('/api/profile/signing-certificate')
      .send({ currentPassword: 'lontar-demo', passphrase: 'frasa sandi baru saya' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.hasCertificate).toBe(true);
    const serial = set.body.certificate.serial as string;

    // The old demo passphrase no longer opens anything; the new one signs.
    const first = await awaitingSignature('Uji sertifikat baru');
    expect(
      (
        await asisten3
          .post(`/api/outgoing-letters/${first}/sign`)
          .send({ passphrase: 'lontar-demo' })
      ).status,
    ).toBe(403);
    const signed = await asisten3
      .post(`/api/outgoing-letters/${first}/sign`)
      .send({ passphrase: 'frasa sandi baru saya' });
    expect(signed.status).toBe(200);
    const report = await pdfsig(await finalPdf(first), await caCertificateDer(ctx.services));
    expect(report.signatureValid).toBe(true);

    const overview = await admin.get('/api/admin/pki');
    expect(overview.status).toBe(200);
    const cert = (overview.body.items as { id: string; serial: string }[]).find(
      (c) => c.serial === serial,
    );
    expect(cert).toBeDefined();
    expect((await asisten3.post(`/api/admin/pki/certificates/${cert!.id}/revoke`)).status).toBe(
      403,
    );
    const revoked = await admin.post(`/api/admin/pki/certificates/${cert!.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');

    const second = await awaitingSignature('Uji sertifikat dicabut');
    const refused = await asisten3
      .post(`/api/outgoing-letters/${second}/sign`)
      .send({ passphrase: 'frasa sandi baru saya' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/dicabut/);
    expect((await staftu.get(`/api/outgoing-letters/${second}`)).body.status).toBe(
      'awaiting_signature',
    );
    expect((await asisten3.get('/api/profile/signing-certificate')).body).toMatchObject({
      hasCertificate: false,
      revoked: true,
    });

    // The public CRL, signed by the CA, lists the serial; the CA certificate is public too.
    const caRes = await ctx
      .request()
      .get('/pki/ca.cer')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(caRes.status).toBe(200);
    const ca = new X509Certificate(caRes.body as Buffer);
    const crlRes = await ctx
      .request()
      .get('/pki/crl.der')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(crlRes.status).toBe(200);
    const der = crlRes.body as Buffer;
    const crl = pkijs.CertificateRevocationList.fromBER(
      der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer,
    );
    const listed = (crl.revokedCertificates ?? []).map((r) =>
      Buffer.from(r.userCertificate.valueBlock.valueHexView).toString('hex'),
    );
    expect(listed).toContain(serial);
    const caCert = pkijs.Certificate.fromBER(new Uint8Array(ca.raw).buffer.slice(0) as ArrayBuffer);
    expect(await crl.verify({ issuerCertificate: caCert })).toBe(true);
  });

  it('lets a Plt sign with their own certificate, with "Plt." in the block', async () => {
    const kabag = await findUserByUsername('kabagtu');
    const assigned = await admin.post('/api/admin/assignments').send({
      userId: String(kabag!._id),
      positionId: await positionId('asisten3'),
      kind: 'plt',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      note: 'Asisten III dinas luar',
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
    ({ kabagtu } = await loginMany(ctx, ['kabagtu']));
    const id = await awaitingSignature('Uji tanda tangan Plt');
    const signed = await kabagtu
      .post(`/api/outgoing-letters/${id}/sign`)
      .send({ passphrase: 'lontar-demo' });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    const pdf = await finalPdf(id);
    expect(await signerCommonName(pdf)).toEqual([kabag!.name]);
    expect(pdf.toString('latin1')).toMatch(/\/Name \([^)]*Plt\. /);
  });
});
