import { http } from './http.ts';
import type { Schemas } from './generated.ts';

/** The public verification of signed letters (`/v/:code`, no login needed). */

export type SignatureCheck = Schemas['SignatureCheck'];
export type VerificationAnswer = Schemas['VerificationAnswer'];

/** The embedded signature of a signed letter, checked the way anyone holding the QR code
 * checks it (`/v/:code` as JSON): the letter's detail page says it in words. */
export const verifySignedLetter = (code: string) =>
  http.get<VerificationAnswer>(`/v/${encodeURIComponent(code)}`, { query: { format: 'json' } });
