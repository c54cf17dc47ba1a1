import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../http/errors.ts';
import { timeStampRequest, timeStampToken } from './cms.ts';

/**
 * Baseline B-T: with `PKI_TSA_URL` set (an RFC 3161 timestamp authority), every signature
 * gets a signature time-stamp token from it (an unsigned attribute over the signature
 * value). Without it signatures are B-B (the signing time is the one Lontar claims).
 *
 * A TSA that cannot be reached, answers an HTTP error, refuses, or sends anything that is
 * not a granted token for THIS request (imprint and nonce checked) fails the signature with
 * 503 and an Indonesian message: nothing is stored, the letter stays waiting for the
 * signature, and the official can try again. A B-T deployment never silently signs B-B
 * (docs/signing-bsre.md, "Cap waktu (PAdES B-T)").
 */
const env = z.object({
  PKI_TSA_URL: z.url().optional(),
  PKI_TSA_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
});

export const TSA_MESSAGES = {
  down: 'Layanan cap waktu (TSA) tidak dapat dihubungi. Surat belum ditandatangani; coba lagi beberapa saat lagi.',
  badAnswer:
    'Layanan cap waktu (TSA) mengirim jawaban yang tidak dapat digunakan. Surat belum ditandatangani; coba lagi atau hubungi admin.',
} as const;

/** 503 for the official; the technical cause stays on the error for the server log only. */
function unavailable(message: string, cause: string): AppError {
  return Object.assign(new AppError(503, 'SERVICE_UNAVAILABLE', message, { service: 'tsa' }), {
    cause,
  });
}

export function timestamper(): ((imprint: ArrayBuffer) => Promise<ArrayBuffer>) | null {
  const { PKI_TSA_URL: url, PKI_TSA_TIMEOUT_MS: timeout } = env.parse(process.env);
  if (!url) return null;
  return async (imprint) => {
    const nonce = randomBytes(8);
    nonce[0] = (nonce[0]! & 0x7f) | 0x01; // a positive INTEGER without a leading zero byte
    let response: Response;
    let body: ArrayBuffer;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/timestamp-query' },
        body: new Uint8Array(timeStampRequest(imprint, nonce)),
        signal: AbortSignal.timeout(timeout),
      });
      body = await response.arrayBuffer();
    } catch (error) {
      throw unavailable(TSA_MESSAGES.down, `timestamp authority unreachable: ${String(error)}`);
    }
    if (response.status >= 500 || response.status === 429)
      throw unavailable(TSA_MESSAGES.down, `timestamp authority HTTP ${response.status}`);
    const token = response.ok ? timeStampToken(body, { imprint, nonce }) : null;
    if (!token)
      throw unavailable(
        TSA_MESSAGES.badAnswer,
        `timestamp authority answer unusable (HTTP ${response.status})`,
      );
    return token;
  };
}
