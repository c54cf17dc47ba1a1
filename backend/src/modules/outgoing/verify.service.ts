import busboy from 'busboy';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Context } from 'koa';
import { z } from 'zod';
import { AppError, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { assertNotThrottled, recordFailure } from '../auth/throttle.service.ts';
import { revocationOf, trustedRootDers } from '../pki/ca.service.ts';
import {
  unsignedReport,
  verifyPdfSignature,
  type SignatureReport,
  type TrustContext,
} from '../signing/verify-signature.ts';
import { OutgoingLetterModel, type OutgoingLetter } from './outgoing.model.ts';
import { formatDateId } from './templates/dates.ts';
import { KIND_DEFINITIONS, type OutgoingKind } from './templates/kinds.ts';
import { displayCode, normaliseCode } from './verification-code.ts';

/**
 * Public verification of signed letters (no login): `GET /v/:code` tells whether a letter
 * with this code was signed in Lontar and checks the PAdES signature embedded in its final
 * PDF (signing/verify-signature.ts); an uploaded PDF gets the same check on its own bytes
 * and is compared with the signed one by sha256. Confidential letters (R/SR) only confirm
 * that a valid letter with that number exists (and whether its signature holds). Drafts and
 * unknown codes are indistinguishable: both are "not found".
 */
export interface VerificationResult {
  code: string;
  confidential: boolean;
  number: string;
  kindLabel: string | null;
  date: string | null;
  subject: string | null;
  signerName: string | null;
  signerPosition: string | null;
  issuingUnit: string | null;
  sha256: string | null;
  signedAt: string | null;
}

export async function findSignedByCode(raw: string): Promise<OutgoingLetter | null> {
  const code = normaliseCode(raw);
  if (!code) return null;
  const letter = await OutgoingLetterModel.findOne({ code }).lean<OutgoingLetter>();
  if (!letter || !letter.final || (letter.status !== 'signed' && letter.status !== 'sent'))
    return null;
  return letter;
}

export function describeVerification(letter: OutgoingLetter): VerificationResult {
  const confidential = letter.securityClass === 'R' || letter.securityClass === 'SR';
  const base = { code: displayCode(letter.code), confidential, number: letter.number ?? '' };
  if (confidential) {
    return {
      ...base,
      kindLabel: null,
      date: null,
      subject: null,
      signerName: null,
      signerPosition: null,
      issuingUnit: null,
      sha256: null,
      signedAt: null,
    };
  }
  return {
    ...base,
    kindLabel: KIND_DEFINITIONS[letter.kind as OutgoingKind].label,
    date: letter.signedAt ? formatDateId(letter.signedAt) : null,
    subject: letter.subject,
    signerName: letter.signature?.name ?? null,
    signerPosition: letter.signature
      ? `${letter.signature.positionTitle}${letter.signer.mode !== 'direct' && letter.signer.onBehalfOfTitle ? `, a.n. ${letter.signer.onBehalfOfTitle}` : ''}`
      : null,
    issuingUnit: letter.issuingUnitCode ?? null,
    sha256: letter.final!.sha256,
    signedAt: letter.signedAt ? letter.signedAt.toISOString() : null,
  };
}

/**
 * Trust anchors besides the instansi CA: `SIGNATURE_TRUST_ANCHORS`, a PEM file with the root
 * and intermediate certificates of another CA whose signatures Lontar should accept (BSrE's,
 * docs/signing-bsre.md). Their revocation is not checked here (no network at verification).
 */
const env = z.object({ SIGNATURE_TRUST_ANCHORS: z.string().min(1).optional() });
let extraAnchors: { path: string; ders: Buffer[] } | null = null;

function configuredAnchors(): Buffer[] {
  const path = env.parse(process.env).SIGNATURE_TRUST_ANCHORS;
  if (!path) return [];
  if (extraAnchors?.path !== path) {
    const pem = readFileSync(path, 'utf8');
    const ders = [
      ...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g),
    ].map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
    extraAnchors = { path, ders };
  }
  return extraAnchors.ders;
}

export async function lontarTrust(
  services: Services,
  knownSigningTime: Date | null = null,
): Promise<TrustContext> {
  // The instansi's CAs, the current one first: a CA replaced by an import still vouches
  // for what was signed under it (ca.service.ts).
  const own = await trustedRootDers(services);
  return {
    anchors: [...own, ...configuredAnchors()],
    ownAnchors: own.length,
    revocationOf,
    knownSigningTime,
  };
}

/** Confidential letters: whether the signature holds, not who signed or when. */
function redacted(report: SignatureReport): SignatureReport {
  const findings = report.valid
    ? ['Tanda tangan elektronik sah dan dokumen tidak berubah sejak ditandatangani.']
    : report.findings.filter((f) => !f.startsWith('Tanda tangan elektronik sah'));
  return {
    ...report,
    signerName: null,
    signerPosition: null,
    signedAt: null,
    revokedAt: null,
    certificateSerial: null,
    findings,
  };
}

/** The signature embedded in the letter's stored final PDF. Lontar's own record of the
 * signing time is the time the revocation is judged against. */
export async function letterSignature(
  services: Services,
  letter: OutgoingLetter,
  result: VerificationResult,
): Promise<SignatureReport> {
  let pdf: Buffer;
  try {
    pdf = await services.storage.getBuffer(letter.final!.key);
  } catch (error) {
    // The registry still answers (the letter exists and was signed); the cryptographic
    // check waits for the object store.
    services.logger.warn(
      { err: error, letterId: String(letter._id) },
      'final PDF unreadable for /v',
    );
    return {
      ...unsignedReport(),
      findings: [
        'Tanda tangan elektronik tidak dapat diperiksa saat ini (berkas surat asli tidak terbaca). Coba lagi nanti.',
      ],
    };
  }
  const report = await verifyPdfSignature(
    pdf,
    await lontarTrust(services, letter.signedAt ?? null),
  );
  if (result.confidential) return redacted(report);
  return { ...report, signerPosition: report.signerPosition ?? result.signerPosition };
}

/** Uploads are public: each address gets a few dozen checks an hour, then a doubling wait
 * (the login throttle's database counters, so every replica counts the same). */
const UPLOAD_RULE = { free: 30, baseSeconds: 10, maxSeconds: 10 * 60 };
const uploadKey = (ip: string) => `verify-upload:${ip}`;
const waitFormat = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  hour: '2-digit',
  minute: '2-digit',
});

function uploadsThrottled(until: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now().getTime()) / 1000));
  const wait = seconds < 60 ? `${seconds} detik` : `${Math.ceil(seconds / 60)} menit`;
  return new AppError(
    429,
    'TOO_MANY_ATTEMPTS',
    `Terlalu banyak berkas diperiksa dari alamat ini. Coba lagi dalam ${wait} (setelah pukul ${waitFormat.format(until)} WIB).`,
    { retryAfterSeconds: seconds, retryAt: until.toISOString() },
  );
}

export async function countUpload(ip: string): Promise<void> {
  try {
    await assertNotThrottled([uploadKey(ip)]);
  } catch (error) {
    const retryAt = ((error as AppError).details as { retryAt?: string } | undefined)?.retryAt;
    if (error instanceof AppError && error.status === 429 && retryAt)
      throw uploadsThrottled(new Date(retryAt));
    throw error;
  }
  const lockedUntil = await recordFailure([{ key: uploadKey(ip), rule: UPLOAD_RULE }]);
  if (lockedUntil) throw uploadsThrottled(lockedUntil);
}

/** The largest PDF the public check reads into memory. */
export const VERIFY_MAX_BYTES = 20 * 1024 * 1024;

export interface UploadedPdf {
  bytes: Buffer;
  sha256: string;
  size: number;
  name: string;
}

/** Reads the uploaded file (part `berkas`) into memory, never storing it: a PDF (header in
 * its first kilobyte, an end-of-file marker in its last), at most `maxBytes`. */
export async function readUploadedPdf(ctx: Context, maxBytes: number): Promise<UploadedPdf> {
  if (!ctx.is('multipart/form-data')) {
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Kirim berkas PDF melalui formulir unggah.');
  }
  return new Promise((resolve, reject) => {
    let result: UploadedPdf | null = null;
    let failure: unknown = null;
    const parser = busboy({
      headers: ctx.req.headers,
      limits: { files: 1, fileSize: maxBytes + 1, fields: 5 },
    });
    parser.on('file', (field, stream, info) => {
      if (field !== 'berkas' || result) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (!failure) chunks.push(chunk);
      });
      stream.on('limit', () => {
        chunks.length = 0;
        failure = new AppError(
          413,
          'PAYLOAD_TOO_LARGE',
          `Berkas terlalu besar untuk diperiksa (paling besar ${Math.floor(maxBytes / 1024 / 1024)} MB).`,
        );
      });
      stream.on('end', () => {
        if (failure) return;
        const bytes = Buffer.concat(chunks);
        if (size === 0) failure = validationFailed('Berkas kosong. Pilih berkas PDF surat.');
        else if (!bytes.subarray(0, 1024).includes('%PDF-'))
          failure = new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Berkas yang diunggah bukan PDF.');
        else if (!bytes.subarray(Math.max(0, bytes.length - 1024)).includes('%%EOF'))
          failure = validationFailed(
            'Berkas PDF rusak atau tidak lengkap (mungkin terpotong saat diunduh).',
          );
        else
          result = {
            bytes,
            sha256: createHash('sha256').update(bytes).digest('hex'),
            size,
            name: info.filename ?? 'berkas.pdf',
          };
      });
    });
    parser.on('error', (error: unknown) =>
      reject(validationFailed(`Unggahan tidak dapat dibaca: ${(error as Error).message}`)),
    );
    parser.on('close', () => {
      if (failure) reject(failure);
      else if (!result) reject(validationFailed('Pilih berkas PDF surat untuk diperiksa.'));
      else resolve(result);
    });
    ctx.req.pipe(parser);
  });
}
