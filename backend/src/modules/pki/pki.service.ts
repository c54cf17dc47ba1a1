import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { AppError, conflict, notFound, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { confirmDeliberateAct } from '../auth/reauth.service.ts';
import { UserModel, type User } from '../org/org.model.ts';
import { activePositionsOfUser } from '../org/org.service.ts';
import { publicBaseUrl } from '../outgoing/render.service.ts';
import {
  caCertificatePathOf,
  crlPathOf,
  crlUrl,
  invalidateCrl,
  knownAuthorities,
  requireAuthority,
  type KnownAuthority,
} from './ca.service.ts';
import {
  activeCertificate,
  certificatesOf,
  issueSigningCertificate,
  PASSPHRASE_MIN,
} from './certificates.service.ts';
import {
  CA_ID,
  CertificateAuthorityModel,
  SigningCertificateModel,
  type RevocationReason,
  type SigningCertificate,
} from './pki.model.ts';
import { sealWithServerSecret } from './sealed.ts';
import { serverSecret } from './secret.ts';
import { certificateSummary, fingerprint, pkcs8Der, readPkcs12 } from './x509.ts';

/** The business rules behind the PKI routes: an official's own certificate (profile), and
 * the admin's CA import and revocations. */

export function presentCertificate(cert: SigningCertificate, userName?: string) {
  return {
    id: String(cert._id),
    userId: String(cert.userId),
    userName: userName ?? cert.subjectName,
    subjectName: cert.subjectName,
    serial: cert.serial,
    status: cert.status,
    issuedAt: cert.issuedAt.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    revokedAt: cert.revokedAt ? cert.revokedAt.toISOString() : null,
  };
}

export async function ownCertificate(services: Services, actor: Actor) {
  const active = await activeCertificate(services, actor.userId);
  const all = await certificatesOf(actor.userId);
  return {
    hasCertificate: Boolean(active),
    certificate: active ? presentCertificate(active) : null,
    revoked: !active && all.some((c) => c.status === 'revoked'),
  };
}

export function passphraseProblem(passphrase: string): string | null {
  if (passphrase.length < PASSPHRASE_MIN)
    return `Frasa sandi tanda tangan minimal ${PASSPHRASE_MIN} karakter.`;
  if (/^(.)\1*$/.test(passphrase)) return 'Frasa sandi ini terlalu mudah ditebak. Pilih yang lain.';
  return null;
}

/** Sets (or replaces) the official's signing passphrase: a new certificate is issued with
 * a new key sealed by it; the previous certificate becomes `replaced`. The login password
 * is asked first (throttled like re-authentication), so a stolen session cannot do this. */
export async function setOwnPassphrase(
  services: Services,
  actor: Actor,
  currentPassword: string,
  passphrase: string,
  ip?: string | null,
) {
  const problem = passphraseProblem(passphrase);
  if (problem) throw validationFailed(problem, { field: 'passphrase' });
  await confirmDeliberateAct(
    actor,
    { password: currentPassword },
    { act: 'sign', recordType: 'user', recordId: actor.userId, ip: ip ?? null },
  );
  const user = await UserModel.findById(actor.userId).lean<
    User & { _id: mongoose.Types.ObjectId }
  >();
  if (!user) throw notFound('Pengguna');
  const before = await activeCertificate(services, actor.userId);
  const issued = await issueSigningCertificate(services, user, passphrase);
  await recordAudit({
    actor,
    action: before ? 'pki.certificate_replace' : 'pki.certificate_issue',
    recordType: 'user',
    recordId: actor.userId,
    before: { serial: before?.serial ?? null },
    after: { serial: issued.serial },
    ip: ip ?? null,
  });
  return ownCertificate(services, actor);
}

function presentAuthority(services: Services, ca: KnownAuthority) {
  const summary = certificateSummary(ca.certificatePem);
  return {
    subject: summary.subject,
    organization: summary.organization,
    source: ca.source,
    fingerprint: fingerprint(ca.certificatePem),
    notBefore: summary.notBefore.toISOString(),
    notAfter: summary.notAfter.toISOString(),
    certificatePath: caCertificatePathOf(ca.certificatePem),
    crlPath: crlPathOf(ca.certificatePem),
    // As the certificates name them (PUBLIC_URL), which readers outside must reach.
    certificateUrl: `${publicBaseUrl(services)}${caCertificatePathOf(ca.certificatePem)}`,
    crlUrl: crlUrl(services, ca.certificatePem),
    replacedAt: ca.replacedAt ? ca.replacedAt.toISOString() : null,
  };
}

/** What the admin reads of a certificate: its state today (an active certificate past its
 * end is expired; one of a replaced CA no longer signs) and who holds it, as what. */
async function presentForAdmin(
  cert: SigningCertificate,
  authorities: KnownAuthority[],
  at: Date,
  holders: Map<string, { name: string; positionTitle: string | null }>,
) {
  const ca = authorities.find((a) => fingerprint(a.certificatePem) === cert.caFingerprint);
  const state =
    cert.status === 'revoked'
      ? 'revoked'
      : cert.notAfter <= at
        ? 'expired'
        : ca?.current
          ? 'active'
          : 'superseded';
  const holder = holders.get(String(cert.userId));
  return {
    ...presentCertificate(cert, holder?.name),
    state: state as 'active' | 'revoked' | 'expired' | 'superseded',
    revocationReason: cert.status === 'revoked' ? (cert.revocationReason ?? 'unspecified') : null,
    positionTitle: holder?.positionTitle ?? null,
    issuerSubject: ca ? certificateSummary(ca.certificatePem).subject : null,
    caCurrent: Boolean(ca?.current),
  };
}

async function holdersOf(userIds: string[], at: Date) {
  const holders = new Map<string, { name: string; positionTitle: string | null }>();
  // One equality read per official (a few hundred at most), not a whole-collection read.
  await Promise.all(
    [...new Set(userIds)].map(async (id) => {
      const user = await UserModel.findById(id).select({ name: 1 }).lean<Pick<User, 'name'>>();
      const positions = await activePositionsOfUser(id, at);
      const own = positions.find((p) => !p.acting) ?? positions[0];
      holders.set(id, { name: user?.name ?? '', positionTitle: own?.title ?? null });
    }),
  );
  return holders;
}

export async function listCertificates(services: Services) {
  const authorities = await knownAuthorities(services);
  const at = now();
  // Equality reads on status: a few hundred officials at most.
  const certs = [
    ...(await SigningCertificateModel.find({ status: 'active' }).lean<SigningCertificate[]>()),
    ...(await SigningCertificateModel.find({ status: 'revoked' }).lean<SigningCertificate[]>()),
  ].sort((a, b) => a.subjectName.localeCompare(b.subjectName, 'id'));
  const holders = await holdersOf(
    certs.map((c) => String(c.userId)),
    at,
  );
  const [current, ...previous] = authorities;
  return {
    authority: {
      ...presentAuthority(services, current!),
      updatedAt: (await requireAuthority(services)).updatedAt.toISOString(),
    },
    previous: previous.map((ca) => presentAuthority(services, ca)),
    items: await Promise.all(certs.map((c) => presentForAdmin(c, authorities, at, holders))),
  };
}

export async function revokeCertificate(
  services: Services,
  actor: Actor,
  id: string,
  reason: RevocationReason,
  ip?: string | null,
) {
  const cert = await SigningCertificateModel.findById(id).lean<SigningCertificate>();
  if (!cert) throw notFound('Sertifikat');
  if (cert.status === 'revoked') throw conflict('Sertifikat ini sudah dicabut.');
  const revokedAt = now();
  await SigningCertificateModel.updateOne(
    { _id: cert._id },
    {
      $set: {
        status: 'revoked',
        revokedAt,
        revokedBy: new mongoose.Types.ObjectId(actor.userId),
        revocationReason: reason,
      },
    },
  );
  // A new CRL number: every process reissues its CRL on the next request.
  await CertificateAuthorityModel.updateOne({ _id: CA_ID }, { $inc: { crlNumber: 1 } });
  invalidateCrl();
  await recordAudit({
    actor,
    action: 'pki.certificate_revoke',
    recordType: 'user',
    recordId: String(cert.userId),
    before: { serial: cert.serial, status: cert.status },
    after: { serial: cert.serial, status: 'revoked', reason },
    ip: ip ?? null,
  });
  const revoked = { ...cert, status: 'revoked' as const, revokedAt, revocationReason: reason };
  return presentForAdmin(
    revoked,
    await knownAuthorities(services),
    revokedAt,
    await holdersOf([String(cert.userId)], revokedAt),
  );
}

/** Replaces the current CA with the instansi's own (PKCS#12 with its private key). Existing
 * certificates of the old CA stop signing (officials set their passphrase again, and get a
 * certificate of the new CA); the old CA is kept in `previous` as a trusted root, so what
 * was signed under it still verifies, and its CRL stays published. Re-importing a previous
 * CA makes it current again. An admin act, rare: a read then a write, not a contended
 * transition. */
export async function importAuthority(
  services: Services,
  actor: Actor,
  pkcs12: Buffer,
  password: string,
  ip?: string | null,
) {
  const read = readPkcs12(pkcs12, password);
  if (!read)
    throw validationFailed(
      'Berkas PKCS#12 tidak dapat dibuka: kata sandi salah, atau tidak berisi sertifikat dengan kunci privat RSA-nya.',
      { field: 'pkcs12' },
    );
  const summary = certificateSummary(read.certificatePem);
  if (!summary.isCa)
    throw new AppError(
      400,
      'VALIDATION_FAILED',
      'Sertifikat dalam berkas ini bukan sertifikat CA (basicConstraints cA).',
      { field: 'pkcs12' },
    );
  const before = await requireAuthority(services);
  const importedFingerprint = fingerprint(read.certificatePem);
  if (importedFingerprint === fingerprint(before.certificatePem))
    throw conflict('CA dalam berkas ini sudah menjadi CA instansi yang dipakai sekarang.', {
      field: 'pkcs12',
    });
  const at = now();
  const previous = [
    ...(before.previous ?? []).filter((p) => fingerprint(p.certificatePem) !== importedFingerprint),
    {
      certificatePem: before.certificatePem,
      key: before.key,
      source: before.source,
      createdAt: before.createdAt,
      replacedAt: at,
    },
  ];
  await CertificateAuthorityModel.updateOne(
    { _id: CA_ID },
    {
      $set: {
        previous,
        createdAt: at,
        certificatePem: read.certificatePem,
        key: sealWithServerSecret(
          pkcs8Der(read.privateKeyPem),
          await serverSecret(services.config.LONTAR_MODE),
        ),
        source: 'imported',
        updatedAt: at,
      },
      $inc: { crlNumber: 1 },
    },
  );
  invalidateCrl();
  await recordAudit({
    actor,
    action: 'pki.ca_import',
    recordType: 'pki',
    recordId: CA_ID,
    before: { fingerprint: fingerprint(before.certificatePem) },
    after: { fingerprint: fingerprint(read.certificatePem), subject: summary.subject },
    ip: ip ?? null,
  });
  return listCertificates(services);
}
