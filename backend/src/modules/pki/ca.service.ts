import { isDuplicateKey } from '../../lib/upsert.ts';
import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { publicBaseUrl } from '../outgoing/render.service.ts';
import { SETDA_LETTERHEAD } from '../outgoing/templates/letterhead.ts';
import { importSigningKey, signCrl } from './cms.ts';
import {
  CA_ID,
  CertificateAuthorityModel,
  REVOCATION_REASONS,
  SigningCertificateModel,
  type CertificateAuthority,
  type SealedKey,
  type SigningCertificate,
} from './pki.model.ts';
import { openWithServerSecret, sealWithServerSecret } from './sealed.ts';
import { serverSecret } from './secret.ts';
import { createCaCertificate, fingerprint, newRsaKeyPair, pemToDer, pkcs8Der } from './x509.ts';

/**
 * The instansi CA: one per deployment (`pki_authorities/_id: 'instansi'`). Created on first
 * start (start-up task), or replaced by an admin import (pki.admin.service.ts). Its private
 * key is sealed with the server secret (secret.ts). It signs officials' certificates and the
 * CRL, which is kept in memory per process and reissued when a certificate is revoked or
 * when it is a day old (nextUpdate: 7 days).
 *
 * A CA replaced by an import stays in `previous` (with its sealed key): it remains a trusted
 * root for verifying letters signed under it, and its own CRL stays published at
 * `/pki/crl/<id>.der` (the URL its certificates name), beside `/pki/ca/<id>.cer`, where <id>
 * is the first 16 hex digits of the CA certificate's sha256. `/pki/crl.der` and
 * `/pki/ca.cer` are the current CA's.
 */
export const CRL_PATH = '/pki/crl.der';
export const CA_CERT_PATH = '/pki/ca.cer';

export const caPublicId = (certificatePem: string) => fingerprint(certificatePem).slice(0, 16);
export const caCertificatePathOf = (certificatePem: string) =>
  `/pki/ca/${caPublicId(certificatePem)}.cer`;
export const crlPathOf = (certificatePem: string) => `/pki/crl/${caPublicId(certificatePem)}.der`;
const CRL_REFRESH_MS = 24 * 3600_000;
const CRL_VALID_MS = 7 * 24 * 3600_000;

/** "Pemerintah Provinsi Lampung" from the letterhead's "PEMERINTAH PROVINSI LAMPUNG". */
export function organizationName(): string {
  return SETDA_LETTERHEAD.government.toLowerCase().replace(/(^|\s)\S/g, (c) => c.toUpperCase());
}

/** The CRL URL certificates issued by this CA name (the per-CA one, so it stays right
 * after another CA is imported). */
export function crlUrl(services: Services, caCertificatePem: string): string {
  return `${publicBaseUrl(services)}${crlPathOf(caCertificatePem)}`;
}

/** The current CA or one it replaced. */
export interface KnownAuthority {
  certificatePem: string;
  key: SealedKey;
  source: 'generated' | 'imported';
  current: boolean;
  createdAt: Date;
  /** When an import replaced it; null for the current CA. */
  replacedAt: Date | null;
}

/** The current CA first, then the ones it replaced, newest first. */
export async function knownAuthorities(services: Services): Promise<KnownAuthority[]> {
  const ca = await requireAuthority(services);
  return [
    { ...ca, current: true, replacedAt: null },
    ...(ca.previous ?? [])
      .map((p) => ({ ...p, current: false }))
      .sort((a, b) => b.replacedAt.getTime() - a.replacedAt.getTime()),
  ];
}

export async function authorityByPublicId(
  services: Services,
  id: string,
): Promise<KnownAuthority | null> {
  return (
    (await knownAuthorities(services)).find((a) => caPublicId(a.certificatePem) === id) ?? null
  );
}

/** DER certificates of every CA of this instansi, the current one first: the trust anchors
 * whose revocations Lontar itself keeps. */
export async function trustedRootDers(services: Services): Promise<Buffer[]> {
  return (await knownAuthorities(services)).map((a) => pemToDer(a.certificatePem));
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
    if (!isDuplicateKey(error)) throw error;
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
  ca: Pick<CertificateAuthority, 'key'>,
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

const crlCache = new Map<string, { der: Buffer; number: number; at: number }>();

/** Forgets the cached CRLs (after a revocation or a CA import in this process). Other
 * processes see the raised crlNumber and reissue. */
export function invalidateCrl(): void {
  crlCache.clear();
}

/** The CRL of one of the instansi's CAs (the current one by default), signed with that
 * CA's key and listing the revoked certificates it issued. */
export async function crlDer(services: Services, authority?: KnownAuthority): Promise<Buffer> {
  const current = await requireAuthority(services);
  const ca = authority ?? { ...current, current: true, replacedAt: null };
  const caFingerprint = fingerprint(ca.certificatePem);
  const at = now();
  const cached = crlCache.get(caFingerprint);
  if (cached && cached.number === current.crlNumber && at.getTime() - cached.at < CRL_REFRESH_MS)
    return cached.der;
  // Equality read on status: the revoked certificates are a few; the CA's are kept.
  const revoked = (
    await SigningCertificateModel.find({ status: 'revoked' })
      .select({ serial: 1, revokedAt: 1, caFingerprint: 1, revocationReason: 1 })
      .lean<
        Pick<SigningCertificate, 'serial' | 'revokedAt' | 'caFingerprint' | 'revocationReason'>[]
      >()
  ).filter((r) => r.caFingerprint === caFingerprint);
  const der = await signCrl({
    caCertificateDer: pemToDer(ca.certificatePem),
    caKey: await importSigningKey(await caPrivateKeyDer(services, ca)),
    crlNumber: current.crlNumber,
    thisUpdate: at,
    nextUpdate: new Date(at.getTime() + CRL_VALID_MS),
    revoked: revoked.map((r) => ({
      serial: r.serial,
      revokedAt: r.revokedAt ?? at,
      reasonCode: REVOCATION_REASONS[r.revocationReason ?? 'unspecified'],
    })),
  });
  crlCache.set(caFingerprint, { der, number: current.crlNumber, at: at.getTime() });
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
