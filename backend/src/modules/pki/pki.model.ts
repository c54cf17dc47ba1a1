import mongoose from 'mongoose';

/**
 * The instansi's certification authority and the officials' signing certificates
 * (issue 16; signing/README.md). Private keys are only ever stored encrypted:
 * - the CA key with a key derived from the server secret (secret.ts);
 * - an official's key with a key derived from their signing passphrase, which is never
 *   stored (sealed.ts), so the database alone cannot sign for anyone.
 */
export interface SealedKey {
  /** 'scrypt' (passphrase) or 'server' (server secret, HKDF). */
  kdf: 'scrypt' | 'server';
  salt: string;
  /** scrypt cost parameters, stored so they can be raised later without breaking old keys. */
  N?: number;
  r?: number;
  p?: number;
  iv: string;
  tag: string;
  /** AES-256-GCM ciphertext of the PKCS#8 DER private key, base64. */
  data: string;
}

const sealedKeySchema = new mongoose.Schema<SealedKey>(
  {
    kdf: { type: String, required: true },
    salt: { type: String, required: true },
    N: Number,
    r: Number,
    p: Number,
    iv: { type: String, required: true },
    tag: { type: String, required: true },
    data: { type: String, required: true },
  },
  { _id: false },
);

export const CA_ID = 'instansi';

/** A CA replaced by an import: still a trusted root for verifying what was signed under it,
 * and its CRL stays published (signed with its own key, hence the key is kept). */
export interface PreviousAuthority {
  certificatePem: string;
  key: SealedKey;
  source: 'generated' | 'imported';
  createdAt: Date;
  replacedAt: Date;
}

const previousAuthoritySchema = new mongoose.Schema<PreviousAuthority>(
  {
    certificatePem: { type: String, required: true },
    key: { type: sealedKeySchema, required: true },
    source: { type: String, required: true },
    createdAt: { type: Date, required: true },
    replacedAt: { type: Date, required: true },
  },
  { _id: false },
);

export interface CertificateAuthority {
  _id: string;
  certificatePem: string;
  key: SealedKey;
  source: 'generated' | 'imported';
  /** Raised for every CRL issued (CRLNumber extension). One counter for the current and the
   * previous CAs: it only has to grow for each issuer. */
  crlNumber: number;
  /** Older CAs, oldest first (absent on data made before imports kept them). */
  previous?: PreviousAuthority[];
  createdAt: Date;
  updatedAt: Date;
}

const authoritySchema = new mongoose.Schema<CertificateAuthority>(
  {
    _id: { type: String, required: true },
    certificatePem: { type: String, required: true },
    key: { type: sealedKeySchema, required: true },
    source: { type: String, required: true },
    crlNumber: { type: Number, default: 1 },
    previous: { type: [previousAuthoritySchema], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'pki_authorities', versionKey: false },
);

export const CertificateAuthorityModel = mongoose.model<CertificateAuthority>(
  'CertificateAuthority',
  authoritySchema,
);

export type CertificateStatus = 'active' | 'replaced' | 'revoked';

/** RFC 5280 CRLReason values an official's certificate can be revoked for (5.3.1), with
 * their codes; the CRL entry carries the code. */
export const REVOCATION_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  privilegeWithdrawn: 9,
} as const;
export type RevocationReason = keyof typeof REVOCATION_REASONS;
export const REVOCATION_REASON_NAMES = Object.keys(REVOCATION_REASONS) as [
  RevocationReason,
  ...RevocationReason[],
];

export interface SigningCertificate {
  _id: mongoose.Types.ObjectId;
  userId: mongoose.Types.ObjectId;
  /** Lower-case hex, without leading zeros beyond what the DER integer carries. */
  serial: string;
  certificatePem: string;
  key: SealedKey;
  status: CertificateStatus;
  /** Subject common name at issue (the official's name). */
  subjectName: string;
  issuedAt: Date;
  notAfter: Date;
  revokedAt: Date | null;
  revokedBy: mongoose.Types.ObjectId | null;
  /** Absent on certificates revoked before reasons were asked (read as 'unspecified'). */
  revocationReason?: RevocationReason | null;
  /** The CA certificate's sha256 at issue: certificates of a replaced CA are not used. */
  caFingerprint: string;
}

const certificateSchema = new mongoose.Schema<SigningCertificate>(
  {
    userId: { type: mongoose.Schema.Types.ObjectId, required: true },
    serial: { type: String, required: true },
    certificatePem: { type: String, required: true },
    key: { type: sealedKeySchema, required: true },
    status: { type: String, required: true },
    subjectName: { type: String, required: true },
    issuedAt: { type: Date, required: true },
    notAfter: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
    revokedBy: { type: mongoose.Schema.Types.ObjectId, default: null },
    revocationReason: { type: String, default: null },
    caFingerprint: { type: String, required: true },
  },
  { collection: 'signing_certificates', versionKey: false },
);
// Reads: one user's certificates (profile, signing), one serial (verification), the revoked
// ones (the CRL, a few). All top-level equalities.
certificateSchema.index({ userId: 1, issuedAt: -1 });
certificateSchema.index({ serial: 1 }, { unique: true });
certificateSchema.index({ status: 1, revokedAt: 1 });

export const SigningCertificateModel = mongoose.model<SigningCertificate>(
  'SigningCertificate',
  certificateSchema,
);
