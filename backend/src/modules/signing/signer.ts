/**
 * The signing step of outgoing letters, behind one interface (README.md in this folder).
 *
 * The outgoing service renders the final PDF (number, date, signature block, QR code with
 * the verification code) and hands its bytes to the configured `DocumentSigner`, which adds
 * a PAdES signature; whatever bytes it returns are the final letter: stored once, their
 * sha256 recorded, never rewritten.
 *
 * - `local-ca` (the default, pki/local-ca.signer.ts): the official's certificate issued by
 *   the instansi's own CA, private key opened with the signing passphrase.
 * - `bsre`: the BSrE signing service (a client speaking its API), installed at start-up with
 *   `useDocumentSigner`.
 */
import type { Actor } from '../../http/actor.ts';
import type { Services } from '../../services.ts';

export type SignerKind = 'local-ca' | 'bsre';

export interface SignerIdentity {
  userId: string;
  name: string;
  nip: string | null;
  /** "Sekretaris Daerah", or "Plt. Kepala Biro Umum" for an acting official. */
  positionTitle: string;
}

export interface SigningContext {
  letterId: string;
  /** The allocated letter number, already printed on the PDF. */
  number: string;
  /** The claimed signing time: the signature dictionary's /M. */
  signedAt: Date;
  signer: SignerIdentity;
  /** "Bandar Lampung": the /Location of the signature. */
  location: string;
  /** Reason shown by PDF readers (/Reason). */
  reason: string;
  /** The signing passphrase the official typed. Never stored or logged. */
  passphrase: string;
}

export interface SigningTarget {
  recordType: string;
  recordId: string;
  ip?: string | null;
}

export interface DocumentSigner {
  /** Recorded on the letter (`signature.signer`). */
  readonly kind: SignerKind;
  /** Shown to users. */
  readonly label: string;
  /**
   * Called before anything changes: checks the passphrase and the certificate. Throws
   * AppError 403 (Indonesian message) for a missing or wrong passphrase, a revoked or
   * missing certificate; 429 while wrong passphrases are throttled
   * (signing/passphrase-throttle.ts).
   */
  authorize(
    services: Services,
    actor: Actor,
    signer: SignerIdentity,
    passphrase: string,
    target: SigningTarget,
  ): Promise<void>;
  /** Returns the signed PDF (PAdES, SubFilter ETSI.CAdES.detached). Must throw (never return
   * the input) when signing failed, so the letter stays unsigned and can be signed again. */
  sign(services: Services, pdf: Uint8Array, context: SigningContext): Promise<Uint8Array>;
}

let current: DocumentSigner | null = null;
let fallback: (() => DocumentSigner) | null = null;

/** The signer in use. One per process; set at start-up, never per request. */
export function documentSigner(): DocumentSigner {
  if (current) return current;
  if (!fallback) throw new Error('no document signer registered');
  return fallback();
}

/** Registers the default (the local CA signer registers itself when its module loads). */
export function registerDefaultSigner(make: () => DocumentSigner): void {
  fallback = make;
}

/** Installs another signer (BSrE) at start-up; returns a function that puts the previous one
 * back (tests). */
export function useDocumentSigner(signer: DocumentSigner): () => void {
  const previous = current;
  current = signer;
  return () => {
    current = previous;
  };
}
