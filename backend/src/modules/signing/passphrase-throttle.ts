import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { REAUTH_RULE, reauthKey } from '../auth/reauth.service.ts';
import { assertNotThrottled, clearFailures, recordFailure } from '../auth/throttle.service.ts';
import type { SigningTarget } from './signer.ts';

/**
 * Wrong signing passphrases are counted like wrong re-authentication secrets (the same
 * per-user key `reauth:<userId>` and rule, auth/reauth.service.ts): a few mistakes are free,
 * then a doubling lock during which even the right passphrase gets 429. Any signer (local
 * CA, BSrE) reports a wrong passphrase through `refuseWrongPassphrase`.
 */
const timeFormat = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function throttled(until: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now().getTime()) / 1000));
  const wait = seconds < 60 ? `${seconds} detik` : `${Math.ceil(seconds / 60)} menit`;
  return new AppError(
    429,
    'TOO_MANY_ATTEMPTS',
    `Terlalu banyak frasa sandi yang salah. Coba lagi dalam ${wait} (setelah pukul ${timeFormat.format(until)} WIB).`,
    { retryAfterSeconds: seconds, retryAt: until.toISOString() },
  );
}

export async function assertSigningAllowed(userId: string): Promise<void> {
  try {
    await assertNotThrottled([reauthKey(userId)]);
  } catch (error) {
    const details = (error as AppError).details as { retryAt?: string } | undefined;
    if (error instanceof AppError && error.status === 429 && details?.retryAt)
      throw throttled(new Date(details.retryAt));
    throw error;
  }
}

export async function passphraseAccepted(userId: string): Promise<void> {
  await clearFailures([reauthKey(userId)]);
}

/** Counts the wrong passphrase, records it, answers 403 (or 429 once this one locked it). */
export async function refuseWrongPassphrase(actor: Actor, target: SigningTarget): Promise<never> {
  const lockedUntil = await recordFailure([{ key: reauthKey(actor.userId), rule: REAUTH_RULE }]);
  await recordAudit({
    actor,
    action: 'auth.reauth_failed',
    recordType: 'user',
    recordId: actor.userId,
    after: {
      act: 'sign',
      method: 'passphrase',
      target: `${target.recordType}:${target.recordId}`,
      lockedUntil: lockedUntil ?? null,
    },
    ip: target.ip ?? null,
  });
  if (lockedUntil) throw throttled(lockedUntil);
  throw new AppError(
    403,
    'FORBIDDEN',
    'Frasa sandi tanda tangan salah. Periksa frasa sandi Anda lalu coba menandatangani lagi.',
    { field: 'passphrase', reauth: 'wrong' },
  );
}
