import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { AppError, conflict, notFound, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { confirmDeliberateAct } from '../auth/reauth.service.ts';
import { UserModel, type User } from '../org/org.model.ts';
import { invalidateCrl, requireAuthority } from './ca.service.ts';
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

export async function listCertificates(services: Services) {
  const ca = await requireAuthority(services);
  // Equality reads on status: a few hundred officials at most.
  const certs = [
    ...(await SigningCertificateModel.find({ status: 'active' }).lean<SigningCertificate[]>()),
    ...(await SigningCertificateModel.find({ status: 'revoked' }).lean<SigningCertificate[]>()),
  ].sort((a, b) => a.subjectName.localeCompare(b.subjectName, 'id'));
  const summary = certificateSummary(ca.certificatePem);
  return {
    authority: {
      subject: summary.subject,
      source: ca.source,
      fingerprint: fingerprint(ca.certificatePem),
      notBefore: summary.notBefore.toISOString(),
      notAfter: summary.notAfter.toISOString(),
      updatedAt: ca.updatedAt.toISOString(),
    },
    items: certs.map((c) => presentCertificate(c)),
  };
}

export async function revokeCertificate(actor: Actor, id: string, ip?: string | null) {
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
    after: { serial: cert.serial, status: 'revoked' },
    ip: ip ?? null,
  });
  return presentCertificate({ ...cert, status: 'revoked', revokedAt });
}

/** Replaces the generated CA with the instansi's own (PKCS#12 with its private key). Existing
 * certificates of the old CA stop signing (officials set their passphrase again); what they
 * signed stays verifiable against the old CA certificate where it is still trusted. */
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
  const at = now();
  await CertificateAuthorityModel.updateOne(
    { _id: CA_ID },
    {
      $set: {
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
