import { PDFDocument, StandardFonts } from 'pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { detachedCadesSignature, importSigningKey } from '../pki/cms.ts';
import {
  createCaCertificate,
  issueCertificate,
  newRsaKeyPair,
  newSerial,
  pemToDer,
  pkcs8Der,
} from '../pki/x509.ts';

/**
 * Test helpers that make signed PDFs directly with the libraries (pdf-lib, @signpdf, pkijs
 * through pki/cms.ts), bypassing Lontar's signer and its refusals: a foreign CA's signature,
 * a signature claimed after its certificate was revoked, an expired certificate.
 */
export interface TestAuthority {
  certificatePem: string;
  privateKeyPem: string;
}

export async function testAuthority(organization = 'Instansi Lain'): Promise<TestAuthority> {
  const keys = await newRsaKeyPair();
  return {
    certificatePem: createCaCertificate(keys, organization, new Date('2020-01-01T00:00:00Z')),
    privateKeyPem: keys.privateKeyPem,
  };
}

export interface TestCertificate {
  certificatePem: string;
  privateKeyPem: string;
  serial: string;
}

export async function testCertificate(
  ca: TestAuthority,
  name: string,
  validity: { notBefore?: Date; notAfter?: Date } = {},
): Promise<TestCertificate> {
  const keys = await newRsaKeyPair();
  const serial = newSerial();
  return {
    certificatePem: issueCertificate({
      subject: { name, nip: '197001011990031001', organization: 'Uji', unit: null },
      publicKeyPem: keys.publicKeyPem,
      caCertificatePem: ca.certificatePem,
      caPrivateKeyPem: ca.privateKeyPem,
      serial,
      notBefore: validity.notBefore ?? new Date('2021-01-01T00:00:00Z'),
      notAfter: validity.notAfter ?? new Date('2036-01-01T00:00:00Z'),
      crlUrl: 'http://127.0.0.1/pki/crl.der',
    }),
    privateKeyPem: keys.privateKeyPem,
    serial,
  };
}

export async function samplePdf(text = 'Surat uji tanda tangan elektronik'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(text, {
    x: 72,
    y: 760,
    size: 12,
    font: await doc.embedFont(StandardFonts.Helvetica),
  });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

class TestCadesSigner extends Signer {
  private readonly input: { certificate: TestCertificate; chainPem: string[] };
  constructor(input: { certificate: TestCertificate; chainPem: string[] }) {
    super();
    this.input = input;
  }
  override async sign(content: Buffer): Promise<Buffer> {
    return detachedCadesSignature({
      content,
      signerCertificateDer: pemToDer(this.input.certificate.certificatePem),
      chainDer: this.input.chainPem.map(pemToDer),
      privateKey: await importSigningKey(pkcs8Der(this.input.certificate.privateKeyPem)),
    });
  }
}

/** Signs `pdf` PAdES-style (/M = signedAt) with the given certificate and chain. */
export async function signPdfWith(input: {
  pdf: Buffer;
  certificate: TestCertificate;
  chainPem: string[];
  signedAt: Date;
  name: string;
}): Promise<Buffer> {
  const doc = await PDFDocument.load(input.pdf);
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: 'Uji',
    contactInfo: '',
    name: input.name,
    location: 'Bandar Lampung',
    signingTime: input.signedAt,
    signatureLength: 16_384,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
  });
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  return new SignPdf().sign(prepared, new TestCadesSigner(input), input.signedAt);
}

/** A copy with one byte of the page content changed (inside the signed range). */
export function tamperOneByte(pdf: Buffer): Buffer {
  const copy = Buffer.from(pdf);
  const at = copy.indexOf('Surat uji');
  const index = at >= 0 ? at : copy.indexOf('stream') + 10;
  copy[index] = copy[index] === 0x58 ? 0x59 : 0x58;
  return copy;
}
