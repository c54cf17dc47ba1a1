import { now } from '../../lib/clock.ts';
import { AppError } from '../../http/errors.ts';
import { LoginThrottleModel, type LoginThrottle } from './auth.model.ts';

/** Login throttling per username and per client address, stored in the database so every
 * replica counts the same attempts. A few failures are free; after that each failure locks
 * the key for a doubling delay (15 s, 30 s, 1 min, … up to 15 min), during which attempts
 * are refused with 429 TOO_MANY_ATTEMPTS. A successful login clears both counters; a quiet
 * hour forgets old failures. The address limit is looser because a whole office may share
 * one NAT address. */

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
  const docs = await LoginThrottleModel.find({ _id: { $in: keys } }).lean<LoginThrottle[]>();
  const until = docs
    .map((doc) => doc.lockedUntil)
    .filter((d): d is Date => d instanceof Date && d > at)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  if (until) throw tooManyAttempts(until, at);
}

/** Counts one failure on each key; returns the lock now in force, if any. */
export async function recordFailure(
  keys: Array<{ key: string; rule: Rule }>,
): Promise<Date | null> {
  const at = now();
  let latest: Date | null = null;
  for (const { key, rule } of keys) {
    // Old failures are forgotten before counting this one.
    await LoginThrottleModel.updateOne(
      { _id: key, lastFailureAt: { $lt: new Date(at.getTime() - FORGET_AFTER_MS) } },
      { $set: { failures: 0, lockedUntil: null } },
    );
    const doc = await LoginThrottleModel.findOneAndUpdate(
      { _id: key },
      { $inc: { failures: 1 }, $set: { lastFailureAt: at } },
      { upsert: true, returnDocument: 'after', lean: true },
    );
    const seconds = lockSeconds(doc?.failures ?? 1, rule);
    if (seconds > 0) {
      const lockedUntil = new Date(at.getTime() + seconds * 1000);
      await LoginThrottleModel.updateOne({ _id: key }, { $set: { lockedUntil } });
      if (!latest || lockedUntil > latest) latest = lockedUntil;
    }
  }
  return latest;
}

export async function clearFailures(keys: string[]): Promise<void> {
  await LoginThrottleModel.deleteMany({ _id: { $in: keys } });
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
