import { REVOCATION_REASON_NAMES } from './pki.model.ts';
import { z } from 'zod';

export const certificateJson = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string(),
  subjectName: z.string(),
  serial: z.string(),
  status: z.enum(['active', 'replaced', 'revoked']),
  issuedAt: z.string(),
  notAfter: z.string(),
  revokedAt: z.string().nullable(),
});

export const ownCertificateJson = z.object({
  hasCertificate: z.boolean(),
  certificate: certificateJson.nullable(),
  /** True when the last certificate was revoked by the admin (set a new passphrase). */
  revoked: z.boolean(),
});

/** The admin's view of a certificate: `state` is what it is today (an active one past its
 * end is expired; one issued by a replaced CA no longer signs: superseded). */
export const adminCertificateJson = certificateJson.extend({
  state: z.enum(['active', 'revoked', 'expired', 'superseded']),
  revocationReason: z.enum(REVOCATION_REASON_NAMES).nullable(),
  positionTitle: z.string().nullable(),
  issuerSubject: z.string().nullable(),
  caCurrent: z.boolean(),
});

const authorityJson = z.object({
  subject: z.string(),
  organization: z.string(),
  source: z.enum(['generated', 'imported']),
  /** sha256 of the DER certificate, hex. */
  fingerprint: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  /** Where the CA certificate and its CRL are published (paths on this server). */
  certificatePath: z.string(),
  crlPath: z.string(),
  /** The same as absolute URLs under PUBLIC_URL, as the certificates name them. */
  certificateUrl: z.string(),
  crlUrl: z.string(),
  /** When an import replaced it; null for the current CA. */
  replacedAt: z.string().nullable(),
});

export const pkiOverviewJson = z.object({
  authority: authorityJson.extend({ updatedAt: z.string() }),
  /** CAs replaced by imports: still trusted for verifying what they signed. */
  previous: z.array(authorityJson),
  items: z.array(adminCertificateJson),
});
