import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { AppError, unauthenticated, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { UserModel, type User } from '../org/org.model.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { SigningPinModel, type SigningPin } from './pin.model.ts';
import { assertNotThrottled, clearFailures, recordFailure } from './throttle.service.ts';
import { retryUpsertOnDuplicate } from '../../lib/upsert.ts';

/**
 * Re-authentication before deliberate acts (issue 14): a signature and a paraf are only
 * accepted with the user's password, or the signing PIN they set in their profile, sent
 * with the request and checked here, on the server, every time. A stolen session or an
 * unattended browser therefore cannot sign.
 *
 * Wrong secrets are counted per user (`reauth:<userId>`) by the login throttle
 * (throttle.service.ts), separately from the login counters: a few mistakes are free, then
 * every further one locks re-authentication for a doubling delay, during which even the
 * right secret is refused with 429. Each failure is an audit event. A 6-digit PIN has few
 * values, so the throttle, not the hash, is what protects it; the hash (argon2id, like
 * passwords) protects it in a leaked copy of the database.
 */

export const REAUTH_RULE = { free: 3, baseSeconds: 30, maxSeconds: 15 * 60 };
export const reauthKey = (userId: string) => `reauth:${userId}`;

export const PIN_LENGTH = 6;
export const PIN_PATTERN = /^\d{6}$/;

export type DeliberateAct = 'sign' | 'paraf';

export interface ReauthSecret {
  password?: string | null;
  pin?: string | null;
}

export interface ActTarget {
  act: DeliberateAct;
  recordType: string;
  recordId: string;
  ip?: string | null;
}

const ACT_LABEL: Record<DeliberateAct, string> = {
  sign: 'menandatangani',
  paraf: 'memberi paraf',
};

const timeFormat = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function throttled(until: Date, at: Date = now()): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 1000));
  const wait = seconds < 60 ? `${seconds} detik` : `${Math.ceil(seconds / 60)} menit`;
  return new AppError(
    429,
    'TOO_MANY_ATTEMPTS',
    `Terlalu banyak kata sandi atau PIN yang salah. Coba lagi dalam ${wait} (setelah pukul ${timeFormat.format(until)} WIB).`,
    { retryAfterSeconds: seconds, retryAt: until.toISOString() },
  );
}

/** The throttle's own 429 speaks of logins; here it is re-authentication. */
async function assertReauthAllowed(userId: string): Promise<void> {
  try {
    await assertNotThrottled([reauthKey(userId)]);
  } catch (error) {
    const retryAt = (error as AppError).details as { retryAt?: string } | undefined;
    if (error instanceof AppError && error.status === 429 && retryAt?.retryAt)
      throw throttled(new Date(retryAt.retryAt));
    throw error;
  }
}

async function loadActiveUser(actor: Actor): Promise<User> {
  const user = await UserModel.findById(actor.userId).lean<User>();
  if (!user || !user.active) throw unauthenticated();
  return user;
}

async function pinOf(userId: string): Promise<SigningPin | null> {
  return SigningPinModel.findById(new mongoose.Types.ObjectId(userId)).lean<SigningPin>();
}

/** Counts a wrong secret, records it, and answers 401 (or 429 once this one locked it). */
async function refuse(
  actor: Actor,
  purpose: string,
  method: 'password' | 'pin',
  target: Omit<ActTarget, 'act'> & { act: string },
  field: string = method,
): Promise<never> {
  const lockedUntil = await recordFailure([{ key: reauthKey(actor.userId), rule: REAUTH_RULE }]);
  await recordAudit({
    actor,
    action: 'auth.reauth_failed',
    recordType: 'user',
    recordId: actor.userId,
    after: {
      act: target.act,
      method,
      target: `${target.recordType}:${target.recordId}`,
      lockedUntil: lockedUntil ?? null,
    },
    ip: target.ip ?? null,
  });
  if (lockedUntil) throw throttled(lockedUntil);
  throw new AppError(
    401,
    'INVALID_CREDENTIALS',
    method === 'pin'
      ? `PIN salah. Periksa PIN Anda lalu coba ${purpose} lagi.`
      : `Kata sandi salah. Periksa kata sandi Anda lalu coba ${purpose} lagi.`,
    { field, reauth: 'wrong' },
  );
}

/**
 * Checks the secret sent with a signature or paraf. Call it after the permission checks
 * (someone who may not sign gets 403, not a password prompt) and before anything changes.
 * Missing secret: 401 (nothing counted); wrong: 401 and counted; locked: 429.
 */
export async function confirmDeliberateAct(
  actor: Actor,
  secret: ReauthSecret,
  target: ActTarget,
): Promise<void> {
  const purpose = ACT_LABEL[target.act];
  const password = secret.password ?? '';
  const pin = secret.pin ?? '';
  if (!password && !pin)
    throw new AppError(
      401,
      'INVALID_CREDENTIALS',
      `Untuk ${purpose}, masukkan kembali kata sandi atau PIN Anda.`,
      { reauth: 'required' },
    );
  await assertReauthAllowed(actor.userId);
  const user = await loadActiveUser(actor);
  const stored = pin ? await pinOf(actor.userId) : null;
  const valid = pin
    ? Boolean(stored) && (await verifyPassword(stored!.pinHash, pin))
    : Boolean(user.passwordHash) && (await verifyPassword(user.passwordHash!, password));
  if (!valid) await refuse(actor, purpose, pin ? 'pin' : 'password', target);
  await clearFailures([reauthKey(actor.userId)]);
}

export interface PinStatus {
  hasPin: boolean;
  setAt: string | null;
}

export async function pinStatus(actor: Actor): Promise<PinStatus> {
  const pin = await pinOf(actor.userId);
  return { hasPin: Boolean(pin), setAt: pin ? pin.setAt.toISOString() : null };
}

/** A PIN that is one digit repeated or a run (123456, 987654) is the first one guessed. */
export function pinProblem(pin: string): string | null {
  if (!PIN_PATTERN.test(pin)) return `PIN harus terdiri atas ${PIN_LENGTH} angka.`;
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => d - digits[i]!));
  if (steps.size === 1 && [0, 1, -1].includes([...steps][0]!))
    return 'PIN ini terlalu mudah ditebak (angka sama atau berurutan). Pilih PIN lain.';
  return null;
}

/**
 * Sets, changes (`pin` given) or removes (`pin` null) the caller's signing PIN. The current
 * password is required and checked through the same throttle as signing, so this is no
 * way around it.
 */
export async function setOwnPin(
  actor: Actor,
  currentPassword: string,
  pin: string | null,
  ip?: string | null,
): Promise<PinStatus> {
  if (pin !== null) {
    const problem = pinProblem(pin);
    if (problem) throw validationFailed(problem, { field: 'pin' });
  }
  await assertReauthAllowed(actor.userId);
  const user = await loadActiveUser(actor);
  const valid =
    Boolean(user.passwordHash) && (await verifyPassword(user.passwordHash!, currentPassword));
  if (!valid)
    await refuse(
      actor,
      pin === null ? 'menghapus PIN' : 'menyimpan PIN',
      'password',
      {
        act: pin === null ? 'pin_remove' : 'pin_set',
        recordType: 'user',
        recordId: actor.userId,
        ip,
      },
      'currentPassword',
    );
  await clearFailures([reauthKey(actor.userId)]);
  const _id = new mongoose.Types.ObjectId(actor.userId);
  const before = await pinOf(actor.userId);
  if (pin === null) {
    await SigningPinModel.deleteOne({ _id });
  } else {
    const setAt = now();
    const pinHash = await hashPassword(pin);
    // Two first saves (two tabs) race to insert the user's document (lib/upsert.ts).
    await retryUpsertOnDuplicate(() =>
      SigningPinModel.replaceOne({ _id }, { _id, pinHash, setAt }, { upsert: true }),
    );
  }
  const after = await pinStatus(actor);
  await recordAudit({
    actor,
    action: pin === null ? 'auth.pin_remove' : before ? 'auth.pin_change' : 'auth.pin_set',
    recordType: 'user',
    recordId: actor.userId,
    before: { pinSetAt: before ? before.setAt.toISOString() : null },
    after: { pinSetAt: after.setAt },
    ip: ip ?? null,
  });
  return after;
}
