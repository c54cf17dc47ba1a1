import { randomInt } from 'node:crypto';

/**
 * Short public verification codes printed under the QR code: 8 characters of Crockford's
 * base 32 (no I, L, O, U, so nothing is misread when typed from paper), shown as
 * `K7QM-4XPD`. 32^8 ≈ 10^12 codes: guessing one of a few thousand signed letters is
 * hopeless, and a guess reveals only what the verification page shows anyway.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 8;

export function newVerificationCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** `K7QM-4XPD` */
export function displayCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Accepts what people type: lower case, dashes and spaces, O for 0 and I/L for 1.
 * Null when it cannot be a code at all. */
export function normaliseCode(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== CODE_LENGTH) return null;
  for (const char of cleaned) if (!ALPHABET.includes(char)) return null;
  return cleaned;
}
