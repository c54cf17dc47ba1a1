import { now } from '../../lib/clock.ts';
import { transition } from '../../lib/claims.ts';
import { AppError } from '../../http/errors.ts';
import { LoginThrottleModel, type LoginThrottle } from './auth.model.ts';

/** Login throttling per username and per client address, stored in the database so every
 * replica counts the same attempts. A few failures are free; after that each failure locks
 * the key for a doubling delay (15 s, 30 s, 1 min, … up to 15 min), during which attempts
 * are refused with 429 TOO_MANY_ATTEMPTS. A successful login clears both counters; a quiet
 * hour forgets old failures. The address limit is looser because a whole office may share
 * one NAT address. Every change of a counter is a claimed transition (lib/claims.ts): an
 * `$inc` through findOneAndUpdate lost counts on FerretDB when wrong passwords arrived in
 * parallel (it reads, then writes), and each lost count was a free guess. */

type ThrottleState = LoginThrottle & {
  _id: string;
  version?: number | null;
  recentClaims?: string[] | null;
};

interface Rule {
  free: number;
  baseSeconds: number;
  maxSeconds: number;
}
export const USER_RULE: Rule = { free: 3, baseSeconds: 15, maxSeconds: 15 * 60 };
export const IP_RULE: Rule = { free: 20, baseSeconds: 15, maxSeconds: 15 * 60 };
const FORGET_AFTER_MS = 60 * 60 * 1000;

export const userKey = (username: string) => `user:${username.trim().toLowerCase().slice(0, 100)}`;
export const ipKey = (ip: string) => `ip:${ip}`;

export function lockSeconds(failures: number, rule: Rule): number {
  if (failures <= rule.free) return 0;
  return Math.min(rule.baseSeconds * 2 ** Math.min(failures - rule.free - 1, 20), rule.maxSeconds);
}

/** Throws 429 when either key is locked now. */
export async function assertNotThrottled(keys: string[]): Promise<void> {
  const at = now();
  // One read by _id per key: an equality FerretDB pushes down (an $in is not).
  const docs = await Promise.all(
    keys.map((key) => LoginThrottleModel.findById(key).lean<ThrottleState>()),
  );
  const until = docs
    .map((doc) => doc?.lockedUntil)
    .filter((d): d is Date => d instanceof Date && d > at)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  if (until) throw tooManyAttempts(until, at);
}

/** Counts one failure on each key, exactly once however many arrive at the same time;
 * returns the lock now in force, if any. */
export async function recordFailure(
  keys: Array<{ key: string; rule: Rule }>,
): Promise<Date | null> {
  let latest: Date | null = null;
  for (const { key, rule } of keys) {
    // What the applied decision set (decide may run more than once under contention).
    const outcome: { lockedUntil: Date | null; locks: boolean } = {
      lockedUntil: null,
      locks: false,
    };
    await transition<ThrottleState>(LoginThrottleModel, 'throttle', key, (current) => {
      const at = now();
      // Old failures are forgotten before counting this one.
      const forget =
        !current || new Date(current.lastFailureAt).getTime() < at.getTime() - FORGET_AFTER_MS;
      const failures = (forget ? 0 : current.failures) + 1;
      const seconds = lockSeconds(failures, rule);
      outcome.locks = seconds > 0;
      outcome.lockedUntil = outcome.locks
        ? new Date(at.getTime() + seconds * 1000)
        : forget
          ? null
          : (current.lockedUntil ?? null);
      return { failures, lastFailureAt: at, lockedUntil: outcome.lockedUntil };
    });
    const { locks, lockedUntil } = outcome;
    if (locks && lockedUntil && (!latest || lockedUntil > latest)) latest = lockedUntil;
  }
  return latest;
}

/** A successful login: both counters start again from zero. */
export async function clearFailures(keys: string[]): Promise<void> {
  await Promise.all(
    keys.map((key) =>
      transition<ThrottleState>(LoginThrottleModel, 'throttle', key, (current) =>
        current && (current.failures > 0 || current.lockedUntil)
          ? { failures: 0, lockedUntil: null }
          : null,
      ),
    ),
  );
}

const timeFormat = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export function tooManyAttempts(until: Date, at: Date = now()): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 1000));
  const wait = seconds < 60 ? `${seconds} detik` : `${Math.ceil(seconds / 60)} menit`;
  return new AppError(
    429,
    'TOO_MANY_ATTEMPTS',
    `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${wait} (setelah pukul ${timeFormat.format(until)} WIB).`,
    { retryAfterSeconds: seconds, retryAt: until.toISOString() },
  );
}
