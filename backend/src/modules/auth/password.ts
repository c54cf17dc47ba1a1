import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/** argon2id with OWASP's baseline (19 MiB, 2 passes, 1 lane): about 30–60 ms here, slow
 * enough for offline guessing to be expensive, fast enough for a login desk at 08.00 WIB. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The seeded demo password of the embedded default; refused everywhere else. */
export const DEMO_PASSWORD = 'lontar-demo';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

const COMMON = new Set([
  DEMO_PASSWORD,
  'password',
  'password123',
  'passw0rd123',
  'qwerty1234',
  '1234567890',
  '0123456789',
  '12345678910',
  'iloveyou123',
  'admin12345',
  'administrator',
  'lontar12345',
  'lampung123',
  'lampung2024',
  'lampung2025',
  'lampung2026',
  'indonesia123',
  'bismillah123',
  'setda12345',
  'sekretariat',
]);

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Burns the same argon2 work as a real check, so an unknown username answers in about the
 * same time as a wrong password (no username probing by timing). */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
  return false;
}

/** The minimum strength rule; returns the problem in Bahasa Indonesia, or null when fine.
 * Length and a block list (NIST SP 800-63B) rather than composition rules. */
export function passwordProblem(
  password: string,
  context: { username?: string; name?: string } = {},
): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `Kata sandi minimal ${PASSWORD_MIN_LENGTH} karakter.`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `Kata sandi maksimal ${PASSWORD_MAX_LENGTH} karakter.`;
  }
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'Kata sandi ini terlalu umum. Pilih kata sandi lain.';
  if (new Set(password).size < 5)
    return 'Kata sandi terlalu mudah ditebak (terlalu sedikit karakter berbeda).';
  const username = context.username?.toLowerCase();
  if (username && username.length >= 3 && lower.includes(username)) {
    return 'Kata sandi tidak boleh memuat nama pengguna.';
  }
  return null;
}
