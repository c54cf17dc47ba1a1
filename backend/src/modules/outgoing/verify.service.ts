import busboy from 'busboy';
import { createHash } from 'node:crypto';
import type { Context } from 'koa';
import { AppError, validationFailed } from '../../http/errors.ts';
import { OutgoingLetterModel, type OutgoingLetter } from './outgoing.model.ts';
import { formatDateId } from './templates/dates.ts';
import { KIND_DEFINITIONS, type OutgoingKind } from './templates/kinds.ts';
import { displayCode, normaliseCode } from './verification-code.ts';

/**
 * Public verification of signed letters (no login): `GET /v/:code` tells whether a letter
 * with this code was signed in Lontar, and an uploaded PDF is compared with the signed one
 * by sha256. Confidential letters (R/SR) only confirm that a valid letter with that number
 * exists. Drafts and unknown codes are indistinguishable: both are "not found".
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

/** Streams the uploaded file (part `berkas`) through sha256 without storing it. */
export async function hashUploadedPdf(
  ctx: Context,
  maxBytes: number,
): Promise<{ sha256: string; size: number; name: string }> {
  if (!ctx.is('multipart/form-data')) {
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Kirim berkas PDF melalui formulir unggah.');
  }
  return new Promise((resolve, reject) => {
    let result: { sha256: string; size: number; name: string } | null = null;
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
      const hash = createHash('sha256');
      let size = 0;
      let head = Buffer.alloc(0);
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (head.length < 5) head = Buffer.concat([head, chunk.subarray(0, 5)]);
        hash.update(chunk);
      });
      stream.on('limit', () => {
        failure = new AppError(413, 'PAYLOAD_TOO_LARGE', 'Berkas terlalu besar untuk diperiksa.');
      });
      stream.on('end', () => {
        if (failure) return;
        if (size === 0) failure = validationFailed('Berkas kosong. Pilih berkas PDF surat.');
        else if (head.subarray(0, 5).toString('latin1') !== '%PDF-')
          failure = new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Berkas yang diunggah bukan PDF.');
        else result = { sha256: hash.digest('hex'), size, name: info.filename ?? 'berkas.pdf' };
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
