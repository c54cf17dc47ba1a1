import {
  createHash,
  createPublicKey,
  verify as verifySignature,
  X509Certificate,
} from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * Cryptographic verification of the PAdES signature embedded in a PDF, for anyone holding
 * the file (the public page /v/:code and its upload). Steps, each a reason to refuse:
 *
 * 1. the signature dictionary's /ByteRange [0 b c d]: the signed bytes must be the whole
 *    file except the /Contents hole (c + d = file length: nothing appended after signing);
 * 2. the CMS SignedData in /Contents (pkijs): its messageDigest attribute must equal the
 *    sha256 of the ByteRange bytes (else the document was changed after signing);
 * 3. the signature over the signed attributes with the signer certificate's public key;
 * 4. the certificate chain up to a trust anchor (the instansi CA, the CAs it replaced, plus
 *    those configured);
 * 5. validity and revocation AT SIGNING TIME: a certificate revoked after the signature was
 *    made still verifies it; one revoked before does not.
 *
 * The signing time is, in order of trust: the time the caller knows from its own records
 * (Lontar's letter.signedAt for a letter it signed), an RFC 3161 timestamp token (B-T), the
 * CMS signing-time attribute, the dictionary's /M (claimed by the signer).
 */
export type CertificateStatus =
  'valid' | 'revoked' | 'unknown_issuer' | 'expired' | 'not_yet_valid' | 'none';

export interface SignatureReport {
  /** The file carries a signature dictionary at all. */
  signed: boolean;
  valid: boolean;
  signerName: string | null;
  signerPosition: string | null;
  signedAt: string | null;
  certificateStatus: CertificateStatus;
  /** The signed bytes are unchanged and cover the whole file. */
  documentIntact: boolean;
  /** The certificate was revoked, after this signature was made (still valid). */
  revokedAt: string | null;
  issuerName: string | null;
  certificateSerial: string | null;
  /** A valid RFC 3161 signature time-stamp token (PAdES B-T) covers the signature value. */
  timestamped: boolean;
  /** Who stamped it (the TSA certificate's common name) and when (its genTime). */
  timestampAuthority: string | null;
  timestampedAt: string | null;
  /** Plain Indonesian sentences, most important first. */
  findings: string[];
}

export interface TrustContext {
  /** DER certificates trusted as roots: the instansi's CAs first (the current one, then
   * those an import replaced), then any others configured. */
  anchors: Buffer[];
  /** How many leading anchors are the instansi's own CAs, whose revocations Lontar itself
   * keeps (default 1). */
  ownAnchors?: number;
  /** When the signer's certificate (serial, lower-case hex) was revoked, if ever; only
   * asked for certificates issued by one of the own anchors. */
  revocationOf(serialHex: string): Promise<{ revokedAt: Date } | null>;
  /** The signing time Lontar recorded for this document, when it knows it. */
  knownSigningTime?: Date | null;
}

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
};

const DIGESTS: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.3.14.3.2.26': 'sha1',
};

interface SignatureField {
  byteRange: [number, number, number, number];
  contentsHex: string;
  dictionary: string;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** Every /ByteRange of the file with its /Contents and the text of its dictionary. */
export function findSignatureFields(pdf: Buffer): SignatureField[] {
  const text = pdf.toString('latin1');
  const fields: SignatureField[] = [];
  for (const match of text.matchAll(BYTE_RANGE)) {
    const range = match.slice(1, 5).map(Number) as [number, number, number, number];
    const [, b, c] = range;
    let contentsHex = '';
    if (b < c && c <= pdf.length && text[b] === '<' && text[c - 1] === '>')
      contentsHex = text.slice(b + 1, c - 1);
    // The dictionary around it, without the (long) signature hex itself.
    const start = match.index ?? 0;
    const before = text.slice(Math.max(0, start - 3000), start);
    const sigStart = Math.max(before.lastIndexOf('/Type /Sig'), before.lastIndexOf('/Type/Sig'));
    const head = sigStart >= 0 ? before.slice(sigStart) : before.slice(-600);
    const afterFrom = contentsHex ? c : start + match[0].length;
    const tail = text.slice(afterFrom, afterFrom + 3000);
    const end = tail.indexOf('endobj');
    fields.push({
      byteRange: range,
      contentsHex,
      dictionary: `${head}${match[0]}${end >= 0 ? tail.slice(0, end) : tail}`,
    });
  }
  return fields;
}

/** The raw bytes of a literal string "(...)" starting at `open`: balanced parentheses and
 * backslash escapes (PDF 32000 7.3.4.2). */
function literalAt(text: string, open: number): string | null {
  let depth = 0;
  let out = '';
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\') {
      const next = text[i + 1] ?? '';
      const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4))?.[0];
      if (octal) {
        out += String.fromCharCode(parseInt(octal, 8));
        i += octal.length;
      } else {
        const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
        out += map[next] ?? (next === '\n' || next === '\r' ? '' : next);
        i += 1;
      }
      continue;
    }
    if (ch === '(') {
      depth += 1;
      if (depth === 1) continue;
    } else if (ch === ')') {
      depth -= 1;
      if (depth === 0) return out;
    }
    out += ch;
  }
  return null;
}

function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  const utf8 = bytes.toString('utf8');
  return utf8.includes('\ufffd') ? bytes.toString('latin1') : utf8;
}

/** A PDF string value of the dictionary: literal "(...)" or hex "<...>". */
function pdfString(dictionary: string, key: string): string | null {
  const match = new RegExp(`/${key}\\s*([(<])`).exec(dictionary);
  if (!match) return null;
  const open = match.index + match[0].length - 1;
  if (match[1] === '(') {
    const raw = literalAt(dictionary, open);
    return raw === null ? null : decodeText(Buffer.from(raw, 'latin1'));
  }
  const close = dictionary.indexOf('>', open);
  if (close < 0) return null;
  return decodeText(Buffer.from(dictionary.slice(open + 1, close).replace(/\s+/g, ''), 'hex'));
}

/** "D:20261207093000+07'00'" -> Date. */
export function parsePdfDate(value: string | null): Date | null {
  const m =
    value &&
    /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/.exec(value);
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  const offset = sign === '+' || sign === '-' ? `${sign}${oh}:${om}` : 'Z';
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** The DER element at the start of `bytes` (the /Contents hole is zero-padded). */
function firstElement(bytes: Buffer): ArrayBuffer {
  const parsed = asn1js.fromBER(arrayBuffer(bytes));
  if (parsed.offset === -1) throw new Error('not DER');
  return arrayBuffer(bytes.subarray(0, parsed.offset));
}

function attribute(attrs: pkijs.SignedAndUnsignedAttributes | undefined, type: string) {
  return attrs?.attributes.find((a) => a.type === type)?.values[0];
}

/** One attribute of a distinguished name as Node prints it ("CN=Dr. A\\, M.A.\nO=..."). */
function nameField(name: string, key: string): string | null {
  for (const line of name.split('\n')) {
    const at = line.indexOf('=');
    if (line.slice(0, at) === key) return line.slice(at + 1).replace(/\\(.)/g, '$1');
  }
  return null;
}

const subjectField = (cert: X509Certificate, key: string) => nameField(cert.subject, key);

function serialHex(cert: X509Certificate): string {
  return cert.serialNumber.toLowerCase().replace(/^0+(?=.)/, '');
}

/** Walks from the signer up to an anchor through the certificates in the CMS. Returns the
 * anchor index reached, or -1. */
function chainToAnchor(
  signer: X509Certificate,
  pool: X509Certificate[],
  anchors: X509Certificate[],
): number {
  let current = signer;
  for (let depth = 0; depth < 6; depth++) {
    const anchor = anchors.findIndex((a) => current.checkIssued(a) && current.verify(a.publicKey));
    if (anchor >= 0) return anchor;
    const next = pool.find(
      (c) => c !== current && c.ca && current.checkIssued(c) && current.verify(c.publicKey),
    );
    if (!next || next.fingerprint256 === current.fingerprint256) return -1;
    current = next;
  }
  return -1;
}

interface SignatureTimestamp {
  time: Date;
  /** The common name of the TSA certificate that signed the token. */
  authority: string | null;
}

/** The CN of a pkijs name (RelativeDistinguishedNames), if any. */
function commonName(name: pkijs.RelativeDistinguishedNames | undefined): string | null {
  const cn = name?.typesAndValues.find((tv) => tv.type === '2.5.4.3');
  return cn ? String(cn.value.valueBlock.value) : null;
}

/** The RFC 3161 signature time-stamp token (B-T) over this signature value: its genTime and
 * authority when the token's imprint is the hash of the signature value and its own CMS
 * signature verifies with the TSA certificate it carries; `invalid` when a token is there
 * but fails either check; null when there is none. Whether the TSA itself is trusted is not
 * judged here (the page names it). */
async function signatureTimestamp(
  info: pkijs.SignerInfo,
): Promise<SignatureTimestamp | 'invalid' | null> {
  const token = attribute(info.unsignedAttrs, OID.timeStampToken);
  if (!token) return null;
  try {
    const content = new pkijs.ContentInfo({ schema: token });
    const signed = new pkijs.SignedData({ schema: content.content });
    const eContent = signed.encapContentInfo.eContent;
    if (!eContent) return 'invalid';
    const tst = pkijs.TSTInfo.fromBER(eContent.getValue());
    const imprint = Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView);
    const value = Buffer.from(info.signature.valueBlock.valueHexView);
    const algorithm = DIGESTS[tst.messageImprint.hashAlgorithm.algorithmId] ?? 'sha256';
    if (!imprint.equals(createHash(algorithm).update(value).digest())) return 'invalid';
    // pkijs checks a TSTInfo token against the stamped data (the signature value) too.
    const verified = await signed.verify({
      signer: 0,
      data: arrayBuffer(value),
      checkChain: false,
      extendedMode: true,
    });
    if (!verified.signatureVerified) return 'invalid';
    const tsaCertificate = verified.signerCertificate;
    const directory =
      tst.tsa?.type === 4 ? (tst.tsa.value as pkijs.RelativeDistinguishedNames) : undefined;
    return {
      time: tst.genTime,
      authority: commonName(tsaCertificate?.subject) ?? commonName(directory),
    };
  } catch {
    return 'invalid';
  }
}

const DATE_TIME = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
/** `7 Desember 2026 pukul 09.05 WIB`: the time with a dot, as Indonesian writes it (and as
 * the app and the audit trail show it). */
export const formatDateTimeId = (date: Date) => `${DATE_TIME.format(date)} WIB`;

/** The report for a file without a signature (or one that could not be read). */
export function unsignedReport(findings: string[] = []): SignatureReport {
  return {
    signed: false,
    valid: false,
    signerName: null,
    signerPosition: null,
    signedAt: null,
    certificateStatus: 'none',
    documentIntact: false,
    revokedAt: null,
    issuerName: null,
    certificateSerial: null,
    timestamped: false,
    timestampAuthority: null,
    timestampedAt: null,
    findings,
  };
}

/** Verifies the signature of the PDF that covers the most of it (the last one made). Never
 * throws on malformed input: a file that cannot be read is reported as not valid. */
export async function verifyPdfSignature(
  pdf: Buffer,
  trust: TrustContext,
): Promise<SignatureReport> {
  const fields = findSignatureFields(pdf).filter((f) => f.contentsHex);
  if (!fields.length)
    return unsignedReport([
      'Berkas ini tidak memuat tanda tangan elektronik (sertifikat) yang dapat diperiksa.',
    ]);
  const field = fields.reduce((a, b) =>
    b.byteRange[2] + b.byteRange[3] > a.byteRange[2] + a.byteRange[3] ? b : a,
  );
  const [a, b, c, d] = field.byteRange;
  const findings: string[] = [];
  const coversWholeFile = a === 0 && c + d === pdf.length;

  let signed: pkijs.SignedData;
  let info: pkijs.SignerInfo;
  try {
    const der = firstElement(Buffer.from(field.contentsHex.replace(/\s+/g, ''), 'hex'));
    const content = pkijs.ContentInfo.fromBER(der);
    if (content.contentType !== OID.signedData) throw new Error('not SignedData');
    signed = new pkijs.SignedData({ schema: content.content });
    if (!signed.signerInfos[0]) throw new Error('no signer');
    info = signed.signerInfos[0];
  } catch {
    return {
      ...unsignedReport(['Tanda tangan elektronik pada berkas ini rusak dan tidak dapat dibaca.']),
      signed: true,
    };
  }

  // The signer's certificate: the one named by the SignerInfo's issuer and serial.
  const certificates = (signed.certificates ?? [])
    .filter((cert): cert is pkijs.Certificate => cert instanceof pkijs.Certificate)
    .map((cert) => new X509Certificate(Buffer.from(cert.toSchema().toBER(false))));
  let signer: X509Certificate | undefined;
  if (info.sid instanceof pkijs.IssuerAndSerialNumber) {
    const wanted = Buffer.from(info.sid.serialNumber.valueBlock.valueHexView)
      .toString('hex')
      .replace(/^0+(?=.)/, '');
    signer = certificates.find((cert) => serialHex(cert) === wanted);
  }
  signer ??= certificates.find((cert) => !cert.ca);
  if (!signer) {
    return {
      ...unsignedReport([
        'Tanda tangan elektronik pada berkas ini tidak menyertakan sertifikat penanda tangan.',
      ]),
      signed: true,
    };
  }

  // Integrity: the messageDigest attribute against the bytes the ByteRange names.
  const digestName = DIGESTS[info.digestAlgorithm.algorithmId] ?? 'sha256';
  const signedBytes = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const digestAttr = attribute(info.signedAttrs, OID.messageDigest) as
    asn1js.OctetString | undefined;
  const digestMatches =
    !!digestAttr &&
    Buffer.from(digestAttr.valueBlock.valueHexView).equals(
      createHash(digestName).update(signedBytes).digest(),
    );
  const documentIntact = digestMatches && coversWholeFile;
  if (!digestMatches)
    findings.push(
      'Isi dokumen telah diubah setelah ditandatangani: tanda tangan tidak cocok lagi dengan isinya.',
    );
  else if (!coversWholeFile)
    findings.push('Ada perubahan yang ditambahkan pada berkas setelah ditandatangani.');

  // The signature over the signed attributes (DER SET OF, not the [0] IMPLICIT tag).
  let signatureOk = false;
  if (info.signedAttrs) {
    const attrs = Buffer.from(info.signedAttrs.encodedValue);
    attrs[0] = 0x31;
    try {
      signatureOk = verifySignature(
        digestName,
        attrs,
        createPublicKey(signer.publicKey.export({ type: 'spki', format: 'pem' })),
        Buffer.from(info.signature.valueBlock.valueHexView),
      );
    } catch {
      signatureOk = false;
    }
  }
  if (!signatureOk)
    findings.push(
      'Tanda tangan elektronik tidak sah: tidak dibuat dengan kunci pemilik sertifikat.',
    );

  // Signing time.
  const timestamp = await signatureTimestamp(info);
  const stamped = timestamp && timestamp !== 'invalid' ? timestamp : null;
  if (timestamp === 'invalid')
    findings.push(
      'Cap waktu pada tanda tangan ini tidak dapat diperiksa (bukan untuk tanda tangan ini atau rusak); waktu penandatanganan tidak dikuatkan oleh otoritas cap waktu.',
    );
  const attrTime = attribute(info.signedAttrs, OID.signingTime) as asn1js.UTCTime | undefined;
  const signedAt =
    trust.knownSigningTime ??
    stamped?.time ??
    (attrTime && 'toDate' in attrTime ? attrTime.toDate() : null) ??
    parsePdfDate(pdfString(field.dictionary, 'M'));

  // Chain, validity and revocation at signing time.
  const anchors = trust.anchors.map((der) => new X509Certificate(der));
  const anchor = chainToAnchor(signer, certificates, anchors);
  let certificateStatus: CertificateStatus = 'valid';
  let revokedAt: Date | null = null;
  const at = signedAt ?? new Date();
  if (anchor < 0) {
    certificateStatus = 'unknown_issuer';
    findings.push(
      'Sertifikat penanda tangan tidak diterbitkan oleh otoritas sertifikat yang dipercaya (bukan sertifikat instansi ini).',
    );
  } else if (at < new Date(signer.validFrom)) {
    certificateStatus = 'not_yet_valid';
    findings.push('Sertifikat penanda tangan belum berlaku pada waktu penandatanganan.');
  } else if (at > new Date(signer.validTo)) {
    certificateStatus = 'expired';
    findings.push('Sertifikat penanda tangan sudah kedaluwarsa pada waktu penandatanganan.');
  } else if (anchor < (trust.ownAnchors ?? 1)) {
    const revocation = await trust.revocationOf(serialHex(signer));
    if (revocation && revocation.revokedAt <= at) {
      certificateStatus = 'revoked';
      findings.push(
        `Sertifikat penanda tangan telah dicabut pada ${formatDateTimeId(revocation.revokedAt)}, sebelum dokumen ini ditandatangani.`,
      );
    } else if (revocation) {
      revokedAt = revocation.revokedAt;
      findings.push(
        `Sertifikat penanda tangan dicabut kemudian (${formatDateTimeId(revocation.revokedAt)}); tanda tangan ini dibuat sebelum pencabutan dan tetap sah.`,
      );
    }
  }

  const valid = documentIntact && signatureOk && certificateStatus === 'valid';
  const signerName = subjectField(signer, 'CN');
  // "Nama (Jabatan)" in /Name (as Lontar's signer writes it), else the certificate's title.
  const dictionaryName = pdfString(field.dictionary, 'Name');
  const position =
    /\(([^()]+)\)\s*$/.exec(dictionaryName ?? '')?.[1] ??
    subjectField(signer, 'title') ??
    subjectField(signer, 'OU');
  if (valid)
    findings.unshift(
      `Tanda tangan elektronik sah: dokumen tidak berubah sejak ditandatangani oleh ${signerName ?? 'pemilik sertifikat'}${signedAt ? ` pada ${formatDateTimeId(signedAt)}` : ''}.`,
    );
  return {
    signed: true,
    valid,
    signerName,
    signerPosition: position ?? null,
    signedAt: signedAt ? signedAt.toISOString() : null,
    certificateStatus,
    documentIntact,
    revokedAt: revokedAt ? revokedAt.toISOString() : null,
    issuerName: nameField(signer.issuer, 'CN'),
    certificateSerial: serialHex(signer),
    timestamped: !!stamped,
    timestampAuthority: stamped?.authority ?? null,
    timestampedAt: stamped ? stamped.time.toISOString() : null,
    findings,
  };
}
