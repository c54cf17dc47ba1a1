import { z } from 'zod';
import { timestamp } from '../../http/responses.ts';

/** GET /v/:code?format=json (verify.service.ts describeVerification): what anyone holding
 * the QR code may read; R/SR letters show only their code and number. */
const verification = z
  .object({
    code: z.string(),
    confidential: z.boolean(),
    number: z.string(),
    kindLabel: z.string().nullable(),
    date: z.string().nullable(),
    subject: z.string().nullable(),
    signerName: z.string().nullable(),
    signerPosition: z.string().nullable(),
    issuingUnit: z.string().nullable(),
    sha256: z.string().nullable(),
    signedAt: timestamp.nullable(),
  })
  .meta({ id: 'Verification' });

/** The embedded PAdES signature checked cryptographically (signing/verify-signature.ts). */
export const signatureCheck = z
  .object({
    signed: z.boolean().describe('the file carries a signature dictionary at all'),
    valid: z.boolean(),
    signerName: z.string().nullable(),
    signerPosition: z.string().nullable(),
    signedAt: timestamp.nullable(),
    certificateStatus: z.enum([
      'valid',
      'revoked',
      'unknown_issuer',
      'expired',
      'not_yet_valid',
      'none',
    ]),
    documentIntact: z.boolean().describe('unchanged since signing, nothing appended'),
    revokedAt: timestamp.nullable().describe('revoked AFTER this signature (still valid)'),
    issuerName: z.string().nullable(),
    certificateSerial: z.string().nullable(),
    timestamped: z
      .boolean()
      .describe('an RFC 3161 signature time-stamp token (PAdES B-T) covers the signature'),
    timestampAuthority: z
      .string()
      .nullable()
      .describe("the timestamp authority's certificate common name"),
    timestampedAt: timestamp.nullable().describe("the token's genTime"),
    findings: z.array(z.string()).describe('plain Indonesian sentences, most important first'),
  })
  .meta({ id: 'SignatureCheck' });

export const verifiedJson = verification
  .extend({ valid: z.literal(true), signature: signatureCheck })
  .meta({ id: 'VerificationAnswer' });

/** POST /v/:code/check?format=json: the uploaded file's own signature, and whether it is
 * byte for byte the signed letter. */
export const verifyCheckJson = z
  .object({
    matches: z.boolean(),
    uploadedSha256: z.string(),
    signature: signatureCheck,
    verification,
  })
  .meta({ id: 'VerificationCheck' });
