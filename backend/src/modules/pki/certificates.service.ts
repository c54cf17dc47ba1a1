import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { UserModel, type User } from '../org/org.model.ts';
import { caPrivateKeyDer, crlUrl, organizationName, requireAuthority } from './ca.service.ts';
import { SigningCertificateModel, type SigningCertificate } from './pki.model.ts';
import { openWithPassphrase, sealWithPassphrase } from './sealed.ts';
import { fingerprint, issueCertificate, newRsaKeyPair, newSerial, pkcs8Der } from './x509.ts';

/**
 * One signing certificate per official: issued by the instansi CA when the official sets
 * their signing passphrase ("Frasa sandi tanda tangan"), the private key sealed with a key
 * derived from that passphrase (sealed.ts). Setting a new passphrase issues a new
 * certificate and marks the previous one `replaced` (it still verifies what it signed);
 * the admin's revocation marks it `revoked` and lists it in the CRL.
 */
export const CERTIFICATE_YEARS = 2;
export const PASSPHRASE_MIN = 8;
/** The demo officials' signing passphrase (README.md), like their password. */
export const DEMO_PASSPHRASE = 'lontar-demo';

export async function certificatesOf(userId: string): Promise<SigningCertificate[]> {
  const all = await SigningCertificateModel.find({
    userId: new mongoose.Types.ObjectId(userId),
  }).lean<SigningCertificate[]>();
  return all.sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime());
}

/** The certificate an official signs with: the newest active one issued by the current CA. */
export async function activeCertificate(
  services: Services,
  userId: string,
): Promise<SigningCertificate | null> {
  const usable = await usableUnder(services);
  return (await certificatesOf(userId)).find(usable) ?? null;
}

/** What makes a certificate the one to sign with: active, from the current authority, not
 * expired. */
async function usableUnder(services: Services): Promise<(c: SigningCertificate) => boolean> {
  const caFingerprint = fingerprint((await requireAuthority(services)).certificatePem);
  return (c) => c.status === 'active' && c.caFingerprint === caFingerprint && c.notAfter > now();
}

export async function issueSigningCertificate(
  services: Services,
  user: Pick<User, 'name' | 'nip'> & { _id: mongoose.Types.ObjectId },
  passphrase: string,
  options: { serial?: string } = {},
): Promise<SigningCertificate> {
  const ca = await requireAuthority(services);
  const keys = await newRsaKeyPair();
  const issuedAt = now();
  const notAfter = new Date(issuedAt);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CERTIFICATE_YEARS);
  const serial = options.serial ?? newSerial();
  const certificatePem = issueCertificate({
    subject: {
      name: user.name,
      nip: user.nip ?? null,
      organization: organizationName(),
      unit: null,
    },
    publicKeyPem: keys.publicKeyPem,
    caCertificatePem: ca.certificatePem,
    caPrivateKeyPem: pemOfPkcs8(await caPrivateKeyDer(services, ca)),
    serial,
    // A minute of slack for readers whose clock is a little behind.
    notBefore: new Date(issuedAt.getTime() - 60_000),
    notAfter,
    crlUrl: crlUrl(services, ca.certificatePem),
  });
  const created = await SigningCertificateModel.create({
    userId: user._id,
    serial,
    certificatePem,
    key: await sealWithPassphrase(pkcs8Der(keys.privateKeyPem), passphrase),
    status: 'active',
    subjectName: user.name,
    issuedAt,
    notAfter,
    revokedAt: null,
    revokedBy: null,
    caFingerprint: fingerprint(ca.certificatePem),
  });
  // Read AFTER our insert, and keep only the newest active certificate, ours included: of two
  // issued at once, the one inserted later surely sees both, but it may be the older one (its
  // issue time was taken first and its key took longer), so it must retire itself then.
  // Every reader retires the same ones (all but the newest it sees, never the newest of all).
  const isOlder = (x: { issuedAt: Date; _id: unknown }, y: { issuedAt: Date; _id: unknown }) =>
    x.issuedAt.getTime() < y.issuedAt.getTime() ||
    (x.issuedAt.getTime() === y.issuedAt.getTime() && String(x._id) < String(y._id));
  const active = (await certificatesOf(String(user._id))).filter((c) => c.status === 'active');
  const newest = active.reduce((a, b) => (isOlder(a, b) ? b : a), created.toObject());
  for (const old of active)
    if (isOlder(old, newest))
      await SigningCertificateModel.updateOne(
        { _id: old._id, status: 'active' },
        { $set: { status: 'replaced' } },
      );
  return created.toObject();
}

function pemOfPkcs8(der: Buffer): string {
  const lines = der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return `-----BEGIN PRIVATE KEY-----\n${lines}\n-----END PRIVATE KEY-----\n`;
}

/** A demo account of the embedded default or the tests (never in production): the seeded
 * user whose id is derived from its username (org.seed.ts). */
export function isDemoAccount(
  services: Services,
  user: Pick<User, 'username'> & { _id: unknown },
): boolean {
  if (services.config.LONTAR_MODE === 'production') return false;
  const id = createHash('sha256').update(`user:${user.username}`).digest('hex').slice(0, 24);
  return String(user._id) === id;
}

/**
 * Demo officials get their certificate with the passphrase `lontar-demo`: at start-up of the
 * embedded default (pki.startup.ts) and, when a test seeded the demo users itself, on their
 * first signature. Returns the certificate, or null for other accounts.
 */
export async function ensureDemoCertificate(
  services: Services,
  userId: string,
): Promise<SigningCertificate | null> {
  const user = await UserModel.findById(userId).lean<User & { _id: mongoose.Types.ObjectId }>();
  if (!user || !isDemoAccount(services, user)) return null;
  // Many first signatures at once (a double click, tabs, replicas starting) each find no
  // certificate: they all issue the one serial derived from the CA and the user, so the
  // unique index on `serial` keeps exactly one and the others open that one.
  const ca = await requireAuthority(services);
  const serial = demoSerial(fingerprint(ca.certificatePem), userId);
  // Already issued by one of them since the caller looked: that one.
  if ((await certificatesOf(userId)).length)
    return SigningCertificateModel.findOne({ serial }).lean<SigningCertificate>();
  try {
    return await issueSigningCertificate(services, user, DEMO_PASSPHRASE, { serial });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return SigningCertificateModel.findOne({ serial }).lean<SigningCertificate>();
  }
}

/** A positive 16-byte serial like newSerial's, fixed for (CA, demo user). */
function demoSerial(caFingerprint: string, userId: string): string {
  const bytes = createHash('sha256')
    .update(`demo-certificate:${caFingerprint}:${userId}`)
    .digest()
    .subarray(0, 16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10;
  return bytes.toString('hex');
}

export type UnlockResult =
  | { ok: true; certificate: SigningCertificate; privateKeyDer: Buffer }
  | { ok: false; reason: 'none' | 'revoked' | 'wrong' | 'changing' };

/** Opens the official's signing key with the passphrase. A certificate replaced while it
 * was being opened (a new passphrase set, or another request issuing a demo official's
 * first certificate at the same moment) is not a revocation: the current one is tried. */
export async function unlockSigningKey(
  services: Services,
  userId: string,
  passphrase: string,
): Promise<UnlockResult> {
  for (let attempt = 1; ; attempt++) {
    const result = await unlockOnce(services, userId, passphrase);
    if (result !== 'replaced') return result;
    // Replaced again and again while being opened: not a revocation, ask to retry.
    if (attempt === 3) return { ok: false, reason: 'changing' };
  }
}

async function unlockOnce(
  services: Services,
  userId: string,
  passphrase: string,
): Promise<UnlockResult | 'replaced'> {
  let certificate = await activeCertificate(services, userId);
  if (!certificate) {
    const all = await certificatesOf(userId);
    // Issued between the two reads (another first signature of a demo official at the same
    // moment): look again rather than answer "none".
    if (all.some(await usableUnder(services))) return 'replaced';
    if (all.some((c) => c.status === 'revoked') && !all.some((c) => c.status === 'active'))
      return { ok: false, reason: 'revoked' };
    certificate = all.length ? null : await ensureDemoCertificate(services, userId);
    if (!certificate) return { ok: false, reason: 'none' };
  }
  const privateKeyDer = await openWithPassphrase(certificate.key, passphrase);
  if (!privateKeyDer) return { ok: false, reason: 'wrong' };
  // Revoked between the lookup and now? Read the status again (a revocation must win).
  const fresh = await SigningCertificateModel.findById(certificate._id).lean<SigningCertificate>();
  if (fresh?.status === 'replaced') return 'replaced';
  if (!fresh || fresh.status !== 'active') return { ok: false, reason: 'revoked' };
  return { ok: true, certificate: fresh, privateKeyDer };
}
