import forge from 'node-forge';
import { X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOrganisation, type LoggedInAgent } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { AuditEventModel } from '../audit/audit.model.ts';
import { seedClassificationCodes } from '../classification/classification.service.ts';
import { loginMany, quickDraft } from '../outgoing/test-fixtures.ts';
import { verifyPdfSignature } from '../signing/verify-signature.ts';
import { caCertificateDer } from './ca.service.ts';
import { pdfsig } from './pdfsig.ts';
import { createCaCertificate, newRsaKeyPair } from './x509.ts';

/**
 * Importing an instansi CA (PKCS#12) keeps the one it replaces as a trusted root: letters
 * signed under CA 1 still verify after CA 2 is imported (Lontar's check and pdfsig with both
 * CAs trusted), new certificates are issued by CA 2, and CA 1's CRL stays published and
 * signed by CA 1. Its own test database: the import changes the CA for the whole file.
 */
const ctx = await createTestContext();
let staftu: LoggedInAgent;
let asisten3: LoggedInAgent;
let admin: LoggedInAgent;

beforeAll(async () => {
  await seedDemoOrganisation();
  await seedClassificationCodes();
  ({ staftu, asisten3, admin } = await loginMany(ctx, ['staftu', 'asisten3', 'admin']));
});

const binary = (
  r: { on(event: string, listener: (chunk?: Buffer) => void): unknown },
  cb: (err: Error | null, body: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  r.on('data', (c) => chunks.push(c!));
  r.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function signedLetter(subject: string, passphrase: string) {
  const created = await staftu.post('/api/outgoing-letters').send(await quickDraft({ subject }));
  expect((await staftu.post(`/api/outgoing-letters/${created.body.id}/submit`)).status).toBe(200);
  const res = await asisten3
    .post(`/api/outgoing-letters/${created.body.id}/sign`)
    .send({ passphrase });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const file = await staftu
    .get(`/api/outgoing-letters/${created.body.id}/final.pdf`)
    .buffer(true)
    .parse(binary);
  return { code: res.body.code as string, pdf: file.body as Buffer };
}

async function pkcs12Of(organization: string, password: string): Promise<Buffer> {
  const keys = await newRsaKeyPair();
  const certificatePem = createCaCertificate(keys, organization, new Date());
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(keys.privateKeyPem),
    [forge.pki.certificateFromPem(certificatePem)],
    password,
    { algorithm: '3des' },
  );
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

async function crlAt(path: string) {
  const res = await ctx.request().get(path).buffer(true).parse(binary);
  expect(res.status, path).toBe(200);
  const der = res.body as Buffer;
  return pkijs.CertificateRevocationList.fromBER(
    der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer,
  );
}

const pkijsCertificate = (der: Buffer) =>
  pkijs.Certificate.fromBER(
    der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer,
  );

describe('importing an instansi CA', () => {
  it('keeps the previous CA trusted: old letters still verify, new signatures chain to the imported CA, both CRLs published', async () => {
    const ca1 = await caCertificateDer(ctx.services);
    const before = await signedLetter('Surat di bawah CA pertama', 'lontar-demo');
    const firstOverview = await admin.get('/api/admin/pki');
    const ca1Fingerprint = firstOverview.body.authority.fingerprint as string;
    const ca1Crl = firstOverview.body.authority.crlPath as string;

    // Refusals, in Indonesian: a wrong password, not a CA, not a PKCS#12 at all.
    const p12 = await pkcs12Of('Pemerintah Provinsi Uji Impor', 'sandi-ca-kedua');
    const wrong = await admin
      .post('/api/admin/pki/import')
      .send({ pkcs12: p12.toString('base64'), password: 'salah' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/kata sandi salah/);
    const garbage = await admin
      .post('/api/admin/pki/import')
      .send({ pkcs12: Buffer.from('bukan pkcs12').toString('base64'), password: 'x' });
    expect(garbage.status).toBe(400);
    expect(
      (
        await asisten3
          .post('/api/admin/pki/import')
          .send({ pkcs12: p12.toString('base64'), password: 'sandi-ca-kedua' })
      ).status,
    ).toBe(403);

    const imported = await admin
      .post('/api/admin/pki/import')
      .send({ pkcs12: p12.toString('base64'), password: 'sandi-ca-kedua' });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.authority).toMatchObject({
      source: 'imported',
      subject: expect.stringContaining('Pemerintah Provinsi Uji Impor'),
    });
    expect(imported.body.authority.fingerprint).not.toBe(ca1Fingerprint);
    expect(imported.body.previous).toHaveLength(1);
    expect(imported.body.previous[0]).toMatchObject({
      fingerprint: ca1Fingerprint,
      crlPath: ca1Crl,
    });
    // The old official's certificate is listed as no longer signing (its CA was replaced).
    const old = (imported.body.items as { userName: string; state: string; id: string }[]).find(
      (c) => c.state === 'superseded',
    );
    expect(old).toBeDefined();
    const again = await admin
      .post('/api/admin/pki/import')
      .send({ pkcs12: p12.toString('base64'), password: 'sandi-ca-kedua' });
    expect(again.status).toBe(409);
    expect(
      await AuditEventModel.countDocuments({ action: 'pki.ca_import', recordId: 'instansi' }),
    ).toBe(1);

    const ca2 = await caCertificateDer(ctx.services);
    expect(ca2.equals(ca1)).toBe(false);

    // The letter signed under CA 1: Lontar's check and pdfsig (both CAs trusted) say valid.
    const json = await ctx.request().get(`/v/${before.code}?format=json`);
    expect(json.body.signature).toMatchObject({ valid: true, certificateStatus: 'valid' });
    const oldReport = await pdfsig(before.pdf, [ca1, ca2]);
    expect(oldReport.output).toContain('Signature is Valid');
    expect(oldReport.certificateTrusted, oldReport.output).toBe(true);

    // The old certificate no longer signs; a new passphrase issues one of CA 2.
    const draft = await staftu
      .post('/api/outgoing-letters')
      .send(await quickDraft({ subject: 'Surat tertahan' }));
    await staftu.post(`/api/outgoing-letters/${draft.body.id}/submit`);
    const refused = await asisten3
      .post(`/api/outgoing-letters/${draft.body.id}/sign`)
      .send({ passphrase: 'lontar-demo' });
    expect(refused.status).toBe(403);
    const set = await asisten3
      .put('/api/profile/signing-certificate')
      .send({ currentPassword: 'lontar-demo', passphrase: 'frasa sandi ca kedua' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const after = await signedLetter('Surat di bawah CA kedua', 'frasa sandi ca kedua');
    const noRevocation = { revocationOf: async () => null };
    expect(await verifyPdfSignature(after.pdf, { anchors: [ca2], ...noRevocation })).toMatchObject({
      valid: true,
      issuerName: expect.stringContaining('Uji Impor'),
    });
    expect(await verifyPdfSignature(after.pdf, { anchors: [ca1], ...noRevocation })).toMatchObject({
      valid: false,
      certificateStatus: 'unknown_issuer',
    });
    const newReport = await pdfsig(after.pdf, ca2);
    expect(newReport.certificateTrusted, newReport.output).toBe(true);

    // Revoking the CA 1 certificate (with a reason) lists it in CA 1's CRL, signed by CA 1,
    // with its reason code; the letter signed before stays valid. CA 2's CRL does not list it.
    const revoked = await admin
      .post(`/api/admin/pki/certificates/${old!.id}/revoke`)
      .send({ reason: 'affiliationChanged' });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body).toMatchObject({
      state: 'revoked',
      revocationReason: 'affiliationChanged',
    });
    const audited = await AuditEventModel.find({ action: 'pki.certificate_revoke' }).lean<
      { changes: { field: string; after: string | null }[] }[]
    >();
    expect(audited).toHaveLength(1);
    expect(audited[0]!.changes).toContainEqual(
      expect.objectContaining({ field: 'reason', after: '"affiliationChanged"' }),
    );
    const crl1 = await crlAt(ca1Crl);
    expect(await crl1.verify({ issuerCertificate: pkijsCertificate(ca1) })).toBe(true);
    const entries = crl1.revokedCertificates ?? [];
    expect(entries).toHaveLength(1);
    const reason = entries[0]!.crlEntryExtensions?.extensions.find((e) => e.extnID === '2.5.29.21');
    expect(reason).toBeDefined();
    const crl2 = await crlAt('/pki/crl.der');
    expect(await crl2.verify({ issuerCertificate: pkijsCertificate(ca2) })).toBe(true);
    expect(crl2.revokedCertificates ?? []).toHaveLength(0);
    const stillValid = await ctx.request().get(`/v/${before.code}?format=json`);
    expect(stillValid.body.signature).toMatchObject({ valid: true });
    expect(stillValid.body.signature.revokedAt).not.toBeNull();

    // Both CA certificates stay downloadable at their own addresses.
    const oldCa = await ctx
      .request()
      .get(imported.body.previous[0].certificatePath)
      .buffer(true)
      .parse(binary);
    expect(new X509Certificate(oldCa.body as Buffer).raw.equals(ca1)).toBe(true);
    expect((await ctx.request().get('/pki/crl/0000000000000000.der')).status).toBe(404);
  });
});
