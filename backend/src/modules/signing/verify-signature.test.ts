import { beforeAll, describe, expect, it } from 'vitest';
import { pemToDer } from '../pki/x509.ts';
import {
  samplePdf,
  signPdfWith,
  tamperOneByte,
  testAuthority,
  testCertificate,
  type TestAuthority,
  type TestCertificate,
} from './test-signing.ts';
import {
  findSignatureFields,
  formatDateTimeId,
  parsePdfDate,
  verifyPdfSignature,
} from './verify-signature.ts';

/** The verification itself on PDFs made with the libraries; the trust context (anchors and
 * revocations) is plain data here. verify.test.ts runs it through /v/:code with Lontar's CA. */
let ca: TestAuthority;
let foreign: TestAuthority;
let official: TestCertificate;
let signed: Buffer;
const signedAt = new Date('2026-12-01T03:00:00Z');

const trust = (revokedAt: Date | null = null) => ({
  anchors: [pemToDer(ca.certificatePem)],
  revocationOf: async (serial: string) =>
    revokedAt && serial === official.serial ? { revokedAt } : null,
});

beforeAll(async () => {
  ca = await testAuthority('Pemerintah Provinsi Lampung');
  foreign = await testAuthority('Instansi Lain');
  official = await testCertificate(ca, 'Dr. Ir. Fahrizal Darminto, M.A.');
  signed = await signPdfWith({
    pdf: await samplePdf(),
    certificate: official,
    chainPem: [ca.certificatePem],
    signedAt,
    name: 'Dr. Ir. Fahrizal Darminto, M.A. (Sekretaris Daerah)',
  });
});

describe('PAdES signature verification', () => {
  it('reports a good signature: who, as what, when, intact', async () => {
    const report = await verifyPdfSignature(signed, trust());
    expect(report).toMatchObject({
      signed: true,
      valid: true,
      documentIntact: true,
      certificateStatus: 'valid',
      signerName: 'Dr. Ir. Fahrizal Darminto, M.A.',
      signerPosition: 'Sekretaris Daerah',
      signedAt: signedAt.toISOString(),
      certificateSerial: official.serial,
    });
    expect(report.findings[0]).toContain('Tanda tangan elektronik sah');
    const [field] = findSignatureFields(signed);
    const [a, b, c, d] = field!.byteRange;
    expect(a).toBe(0);
    expect(c + d).toBe(signed.length);
    expect(b).toBeLessThan(c);
  });

  it('reports a copy with one byte changed as altered and not valid', async () => {
    const report = await verifyPdfSignature(tamperOneByte(signed), trust());
    expect(report).toMatchObject({ signed: true, valid: false, documentIntact: false });
    expect(report.findings.join(' ')).toContain('telah diubah');
  });

  it('reports bytes appended after signing as a change', async () => {
    const appended = Buffer.concat([signed, Buffer.from('\n% ditambahkan\n')]);
    const report = await verifyPdfSignature(appended, trust());
    expect(report).toMatchObject({ valid: false, documentIntact: false });
  });

  it('refuses a signature whose certificate another CA issued (unknown issuer)', async () => {
    const stranger = await testCertificate(foreign, 'Orang Lain');
    const pdf = await signPdfWith({
      pdf: await samplePdf(),
      certificate: stranger,
      chainPem: [foreign.certificatePem],
      signedAt,
      name: 'Orang Lain (Kepala)',
    });
    const report = await verifyPdfSignature(pdf, trust());
    expect(report).toMatchObject({
      valid: false,
      documentIntact: true,
      certificateStatus: 'unknown_issuer',
      signerName: 'Orang Lain',
    });
  });

  it('keeps a signature made before the revocation valid, refuses one made after it', async () => {
    const later = await verifyPdfSignature(signed, trust(new Date('2026-12-05T00:00:00Z')));
    expect(later).toMatchObject({
      valid: true,
      certificateStatus: 'valid',
      revokedAt: '2026-12-05T00:00:00.000Z',
    });
    expect(later.findings.join(' ')).toContain('tetap sah');
    const earlier = await verifyPdfSignature(signed, trust(new Date('2026-11-30T00:00:00Z')));
    expect(earlier).toMatchObject({
      valid: false,
      certificateStatus: 'revoked',
      documentIntact: true,
    });
    // The time Lontar recorded wins over the one the file claims.
    const known = await verifyPdfSignature(signed, {
      ...trust(new Date('2026-12-05T00:00:00Z')),
      knownSigningTime: new Date('2026-12-06T00:00:00Z'),
    });
    expect(known.certificateStatus).toBe('revoked');
  });

  it('refuses a signature made outside the certificate validity (expired)', async () => {
    const old = await testCertificate(ca, 'Pejabat Lama', {
      notBefore: new Date('2021-01-01T00:00:00Z'),
      notAfter: new Date('2023-01-01T00:00:00Z'),
    });
    const pdf = await signPdfWith({
      pdf: await samplePdf(),
      certificate: old,
      chainPem: [ca.certificatePem],
      signedAt,
      name: 'Pejabat Lama (Kepala Biro)',
    });
    const report = await verifyPdfSignature(pdf, trust());
    expect(report).toMatchObject({
      valid: false,
      certificateStatus: 'expired',
      documentIntact: true,
    });
  });

  it('says so for a PDF without a signature and for a broken signature, without throwing', async () => {
    const plain = await verifyPdfSignature(await samplePdf(), trust());
    expect(plain).toMatchObject({ signed: false, valid: false, certificateStatus: 'none' });
    const broken = Buffer.from(signed);
    const [field] = findSignatureFields(signed);
    broken.write('3082ffff0000', field!.byteRange[1] + 1, 'latin1');
    const report = await verifyPdfSignature(broken, trust());
    expect(report).toMatchObject({ signed: true, valid: false });
  });

  it('reads PDF dates with their offset', () => {
    expect(parsePdfDate("D:20261207093000+07'00'")?.toISOString()).toBe('2026-12-07T02:30:00.000Z');
    expect(parsePdfDate('D:20261207023000Z')?.toISOString()).toBe('2026-12-07T02:30:00.000Z');
    expect(parsePdfDate('bukan tanggal')).toBeNull();
  });
});

describe('times in the findings and on /v', () => {
  it('writes the time in WIB with a dot, as Indonesian does', () => {
    expect(formatDateTimeId(new Date('2026-12-07T02:05:00Z'))).toBe(
      '7 Desember 2026 pukul 09.05 WIB',
    );
  });
});
