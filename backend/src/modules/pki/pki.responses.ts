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

export const pkiOverviewJson = z.object({
  authority: z.object({
    subject: z.string(),
    source: z.enum(['generated', 'imported']),
    fingerprint: z.string(),
    notBefore: z.string(),
    notAfter: z.string(),
    updatedAt: z.string(),
  }),
  items: z.array(certificateJson),
});
