import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { publicBaseUrl } from '../outgoing/render.service.ts';
import { SETDA_LETTERHEAD } from '../outgoing/templates/letterhead.ts';
import { importSigningKey, signCrl } from './cms.ts';
import {
  CA_ID,
  CertificateAuthorityModel,
  SigningCertificateModel,
  type CertificateAuthority,
  type SigningCertificate,
} from './pki.model.ts';
import { openWithServerSecret, sealWithServerSecret } from './sealed.ts';
import { serverSecret } from './secret.ts';
import { createCaCertificate, newRsaKeyPair, pemToDer, pkcs8Der } from './x509.ts';

/**
 * The instansi CA: one per deployment (`pki_authorities/_id: 'instansi'`). Created on first
 * start (start-up task), or replaced by an admin import (pki.admin.service.ts). Its private
 * key is sealed with the server secret (secret.ts). It signs officials' certificates and the
 * CRL, which is kept in memory per process and reissued when a certificate is revoked or
 * when it is a day old (nextUpdate: 7 days).
 */
export const CRL_PATH = '/pki/crl.der';
export const CA_CERT_PATH = '/pki/ca.cer';
const CRL_REFRESH_MS = 24 * 3600_000;
const CRL_VALID_MS = 7 * 24 * 3600_000;

/** "Pemerintah Provinsi Lampung" from the letterhead's "PEMERINTAH PROVINSI LAMPUNG". */
export function organizationName(): string {
  return SETDA_LETTERHEAD.government.toLowerCase().replace(/(^|\s)\S/g, (c) => c.toUpperCase());
}

export function crlUrl(services: Services): string {
  return `${publicBaseUrl(services)}${CRL_PATH}`;
}

export async function loadAuthority(): Promise<CertificateAuthority | null> {
  return CertificateAuthorityModel.findById(CA_ID).lean<CertificateAuthority>();
}

/** Idempotent: creates the CA unless one exists. Several processes may race: the first
 * insert wins (unique _id), the others read it back. */
export async function ensureAuthority(services: Services): Promise<CertificateAuthority> {
  const existing = await loadAuthority();
  if (existing) return existing;
  const keys = await newRsaKeyPair();
  const at = now();
  const certificatePem = createCaCertificate(keys, organizationName(), at);
  try {
    await CertificateAuthorityModel.create({
      _id: CA_ID,
      certificatePem,
      key: sealWithServerSecret(
        pkcs8Der(keys.privateKeyPem),
        await serverSecret(services.config.LONTAR_MODE),
      ),
      source: 'generated',
      crlNumber: 1,
      createdAt: at,
      updatedAt: at,
    });
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
  }
  return (await loadAuthority())!;
}

export async function requireAuthority(services: Services): Promise<CertificateAuthority> {
  return ensureAuthority(services);
}

/** The CA's PKCS#8 private key; throws when the server secret does not open it (a data
 * folder restored without its pki/secret.key). */
export async function caPrivateKeyDer(
  services: Services,
  ca: CertificateAuthority,
): Promise<Buffer> {
  const der = openWithServerSecret(ca.key, await serverSecret(services.config.LONTAR_MODE));
  if (!der)
    throw new Error(
      'the CA private key cannot be opened with this server secret (PKI_SECRET / data/pki/secret.key)',
    );
  return der;
}

export async function caCertificatePem(services: Services): Promise<string> {
  return (await requireAuthority(services)).certificatePem;
}

export async function caCertificateDer(services: Services): Promise<Buffer> {
  return pemToDer(await caCertificatePem(services));
}

let crlCache: { der: Buffer; number: number; caFingerprint: string; at: number } | null = null;

/** Forgets the cached CRL (after a revocation or a CA import in this process). Other
 * processes see the raised crlNumber and reissue. */
export function invalidateCrl(): void {
  crlCache = null;
}

export async function crlDer(services: Services): Promise<Buffer> {
  const ca = await requireAuthority(services);
  const at = now();
  if (
    crlCache &&
    crlCache.number === ca.crlNumber &&
    crlCache.caFingerprint === ca.certificatePem &&
    at.getTime() - crlCache.at < CRL_REFRESH_MS
  )
    return crlCache.der;
  const revoked = await SigningCertificateModel.find({ status: 'revoked' })
    .select({ serial: 1, revokedAt: 1, caFingerprint: 1 })
    .lean<Pick<SigningCertificate, 'serial' | 'revokedAt'>[]>();
  const der = await signCrl({
    caCertificateDer: pemToDer(ca.certificatePem),
    caKey: await importSigningKey(await caPrivateKeyDer(services, ca)),
    crlNumber: ca.crlNumber,
    thisUpdate: at,
    nextUpdate: new Date(at.getTime() + CRL_VALID_MS),
    revoked: revoked.map((r) => ({ serial: r.serial, revokedAt: r.revokedAt ?? at })),
  });
  crlCache = { der, number: ca.crlNumber, caFingerprint: ca.certificatePem, at: at.getTime() };
  return der;
}

/** For verification: when (if ever) the certificate with this serial was revoked. */
export async function revocationOf(serialHex: string): Promise<{ revokedAt: Date } | null> {
  const cert = await certificateBySerial(serialHex);
  return cert?.status === 'revoked' && cert.revokedAt ? { revokedAt: cert.revokedAt } : null;
}

export async function certificateBySerial(serialHex: string) {
  const cert = await SigningCertificateModel.findOne({
    serial: serialHex.toLowerCase().replace(/^0+/, ''),
  }).lean<SigningCertificate>();
  if (!cert) return null;
  return {
    userId: String(cert.userId),
    subjectName: cert.subjectName,
    status: cert.status,
    issuedAt: cert.issuedAt,
    revokedAt: cert.revokedAt,
  };
}
