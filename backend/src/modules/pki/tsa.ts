import { z } from 'zod';
import { timeStampRequest, timeStampToken } from './cms.ts';

/**
 * Baseline B-T: with `PKI_TSA_URL` set (an RFC 3161 timestamp authority), every signature
 * gets a signature time-stamp token from it. Without it signatures are B-B (the signing
 * time is the one Lontar claims). A TSA that does not answer fails the signature (the
 * official can try again): a B-T deployment never silently signs B-B.
 */
const env = z.object({ PKI_TSA_URL: z.url().optional() });

export function timestamper(): ((imprint: ArrayBuffer) => Promise<ArrayBuffer>) | null {
  const url = env.parse(process.env).PKI_TSA_URL;
  if (!url) return null;
  return async (imprint) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query' },
      body: new Uint8Array(timeStampRequest(imprint)),
      signal: AbortSignal.timeout(15_000),
    });
    const token = response.ok ? timeStampToken(await response.arrayBuffer()) : null;
    if (!token) throw new Error(`timestamp authority refused (HTTP ${response.status})`);
    return token;
  };
}
