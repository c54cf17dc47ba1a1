/**
 * The signing step of outgoing letters, behind one interface.
 *
 * The outgoing service renders the final PDF (number, date, signature block, QR code with
 * the verification code) and hands its bytes to the configured `DocumentSigner`; whatever
 * bytes the signer returns are the final letter: stored once, their sha256 recorded, never
 * rewritten.
 *
 * - `builtinSigner` (the default) returns the bytes unchanged: the visible signature block
 *   and the verification code are the signature, checked at `GET /v/:code` by comparing
 *   sha256 values.
 * - A certified electronic signature (BSrE / PAdES) plugs in here: see README.md in this
 *   folder for the contract such a signer must keep.
 */
export interface SigningContext {
  letterId: string;
  /** The allocated letter number, already printed on the PDF. */
  number: string;
  signedAt: Date;
  signer: { userId: string; name: string; nip: string | null; positionTitle: string };
  /** "Bandar Lampung": the /Location of a PAdES signature. */
  location: string;
  /** Reason shown by PDF readers (/Reason). */
  reason: string;
  /** Secret the signer typed for an external certificate (e.g. the BSrE passphrase). Never
   * stored or logged; absent for the built-in signer. */
  passphrase?: string;
}

export interface DocumentSigner {
  /** Recorded on the letter (`signature.signer`): 'builtin', 'bsre', ... */
  readonly id: string;
  /** Shown to users: "Tanda tangan elektronik Lontar (kode verifikasi)". */
  readonly label: string;
  /** True when the signer needs the passphrase of the official's certificate. */
  readonly needsPassphrase: boolean;
  /** Returns the signed PDF. Must throw (never return the input) when signing failed, so
   * the letter stays unsigned and can be signed again. */
  sign(pdf: Uint8Array, context: SigningContext): Promise<Uint8Array>;
}

export const builtinSigner: DocumentSigner = {
  id: 'builtin',
  label: 'Tanda tangan elektronik Lontar dengan kode verifikasi',
  needsPassphrase: false,
  async sign(pdf: Uint8Array): Promise<Uint8Array> {
    // The visible signature block and QR code are already drawn by the template.
    return pdf;
  },
};

let current: DocumentSigner = builtinSigner;

/** The signer in use. One per process; set at start-up by a plugin, never per request. */
export function documentSigner(): DocumentSigner {
  return current;
}

/** Installs another signer (a PAdES/BSrE client) at start-up; returns a function that puts
 * the previous one back (tests). */
export function useDocumentSigner(signer: DocumentSigner): () => void {
  const previous = current;
  current = signer;
  return () => {
    current = previous;
  };
}
