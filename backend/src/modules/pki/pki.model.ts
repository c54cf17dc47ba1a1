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

export interface CertificateAuthority {
  _id: string;
  certificatePem: string;
  key: SealedKey;
  source: 'generated' | 'imported';
  /** Raised for every CRL issued (CRLNumber extension). */
  crlNumber: number;
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
