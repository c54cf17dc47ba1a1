import type { Actor } from '../../http/actor.ts';
import { AppError, unauthenticated, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { UserModel, type User } from '../org/org.model.ts';
import { actorFromUser } from './actor.service.ts';
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from './password.ts';
import {
  createSession,
  revokeSession,
  revokeUserSessions,
  sweepExpiredSessionsOf,
  type IssuedSession,
} from './session.service.ts';
import {
  IP_RULE,
  USER_RULE,
  assertNotThrottled,
  clearFailures,
  ipKey,
  recordFailure,
  userKey,
} from './throttle.service.ts';

export interface ClientInfo {
  ip: string;
  userAgent?: string | null;
}

export const invalidCredentials = () =>
  new AppError(401, 'INVALID_CREDENTIALS', 'Nama pengguna atau kata sandi salah.');

/** Checks the credentials and opens a session. Unknown, deactivated and password-less
 * accounts cost the same argon2 work and get the same answer as a wrong password. */
export async function login(
  services: Services,
  username: string,
  password: string,
  client: ClientInfo,
): Promise<{ actor: Actor; issued: IssuedSession }> {
  const keys = [userKey(username), ipKey(client.ip)];
  await assertNotThrottled(keys);
  const user = await UserModel.findOne({ username: username.trim().toLowerCase() }).lean<User>();
  const valid =
    user && user.active && user.passwordHash
      ? await verifyPassword(user.passwordHash, password)
      : await verifyAgainstDummy(password);
  if (!valid || !user) {
    const lockedUntil = await recordFailure([
      { key: keys[0]!, rule: USER_RULE },
      { key: keys[1]!, rule: IP_RULE },
    ]);
    services.logger.info({ username, ip: client.ip, locked: Boolean(lockedUntil) }, 'login failed');
    if (lockedUntil && user) {
      await recordAudit({
        actor: null,
        action: 'auth.lockout',
        recordType: 'user',
        recordId: String(user._id),
        after: { lockedUntil },
        ip: client.ip,
      });
    }
    throw invalidCredentials();
  }
  await clearFailures(keys);
  await sweepExpiredSessionsOf(user._id);
  const issued = await createSession(user._id, services.config, client);
  const actor = await actorFromUser(user, 'session', { sessionId: String(issued.session._id) });
  await recordAudit({
    actor,
    action: 'auth.login',
    recordType: 'user',
    recordId: actor.userId,
    ip: client.ip,
  });
  return { actor, issued };
}

export async function logout(actor: Actor, ip: string): Promise<void> {
  if (actor.sessionId) await revokeSession(actor.sessionId);
  await recordAudit({
    actor,
    action: 'auth.logout',
    recordType: 'user',
    recordId: actor.userId,
    ip,
  });
}

/** Changes the caller's own password after checking the current one. Every other session of
 * the user ends; the caller's session is replaced by a fresh one (new cookie, new CSRF token). */
export async function changeOwnPassword(
  services: Services,
  actor: Actor,
  currentPassword: string,
  newPassword: string,
  client: ClientInfo,
): Promise<IssuedSession | null> {
  const user = await UserModel.findById(actor.userId).lean<User>();
  if (!user || !user.active) throw unauthenticated();
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw validationFailed('Kata sandi saat ini salah.', { field: 'currentPassword' });
  }
  if (currentPassword === newPassword) {
    throw validationFailed('Kata sandi baru harus berbeda dari kata sandi saat ini.', {
      field: 'newPassword',
    });
  }
  await setPassword(actor.userId, user.username, newPassword);
  await revokeUserSessions(actor.userId);
  await recordAudit({
    actor,
    action: 'auth.password_change',
    recordType: 'user',
    recordId: actor.userId,
    before: { passwordChangedAt: user.passwordChangedAt },
    after: { passwordChangedAt: now() },
    ip: client.ip,
  });
  // A bearer caller keeps its token; a cookie caller gets a new session in place of the old.
  return actor.via === 'session' ? createSession(actor.userId, services.config, client) : null;
}

/** Validates strength and stores a new argon2id hash. Never accepts the demo password. */
export async function setPassword(
  userId: string,
  username: string,
  password: string,
): Promise<void> {
  const problem = passwordProblem(password, { username });
  if (problem) throw validationFailed(problem, { field: 'newPassword' });
  const passwordHash = await hashPassword(password);
  await UserModel.updateOne(
    { _id: userId },
    { $set: { passwordHash, passwordChangedAt: now(), demoPassword: false } },
  );
}

/** The user's own contact details (e-mail for notifications, phone). */
export async function updateOwnProfile(
  actor: Actor,
  input: { email?: string | null; phone?: string | null },
  ip: string,
): Promise<void> {
  const user = await UserModel.findById(actor.userId).lean<User>();
  if (!user || !user.active) throw unauthenticated();
  const set: Record<string, string | null> = {};
  if (input.email !== undefined) set.email = input.email;
  if (input.phone !== undefined) set.phone = input.phone;
  if (Object.keys(set).length === 0) return;
  await UserModel.updateOne({ _id: user._id }, { $set: set });
  await recordAudit({
    actor,
    action: 'auth.profile_update',
    recordType: 'user',
    recordId: actor.userId,
    before: { email: user.email ?? null, phone: user.phone ?? null },
    after: { email: user.email ?? null, phone: user.phone ?? null, ...set },
    ip,
  });
}
