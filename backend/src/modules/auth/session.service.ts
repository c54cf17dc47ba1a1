import { createHash, randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import type { Config } from '../../config.ts';
import { now } from '../../lib/clock.ts';
import { SessionModel, type Session } from './auth.model.ts';

/** Database sessions: any API replica accepts any session. Idle expiry slides with use
 * (written at most once a minute to spare the database), absolute expiry never moves. */

export const SESSION_COOKIE = 'lontar_session';
const TOUCH_EVERY_MS = 60_000;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

export interface IssuedSession {
  token: string;
  session: Session;
}

type SessionSettings = Pick<Config, 'SESSION_IDLE_MINUTES' | 'SESSION_ABSOLUTE_HOURS'>;

export async function createSession(
  userId: mongoose.Types.ObjectId | string,
  settings: SessionSettings,
  client: { ip?: string | null; userAgent?: string | null } = {},
): Promise<IssuedSession> {
  const token = randomToken();
  const at = now();
  const absoluteExpiresAt = new Date(at.getTime() + settings.SESSION_ABSOLUTE_HOURS * 3_600_000);
  const created = await SessionModel.create({
    tokenHash: sha256(token),
    userId,
    csrfToken: randomToken(24),
    createdAt: at,
    lastSeenAt: at,
    idleExpiresAt: idleExpiry(at, absoluteExpiresAt, settings),
    absoluteExpiresAt,
    ip: client.ip ?? null,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { token, session: created.toObject() as Session };
}

function idleExpiry(at: Date, absolute: Date, settings: SessionSettings): Date {
  return new Date(
    Math.min(at.getTime() + settings.SESSION_IDLE_MINUTES * 60_000, absolute.getTime()),
  );
}

/** The live session for a cookie value, or null when unknown, idle-expired or past its
 * absolute limit (such a session is deleted on the spot). */
export async function resolveSession(
  token: string,
  settings: SessionSettings,
): Promise<Session | null> {
  if (!token || token.length > 200) return null;
  const session = await SessionModel.findOne({ tokenHash: sha256(token) }).lean<Session>();
  if (!session) return null;
  const at = now();
  if (at >= session.idleExpiresAt || at >= session.absoluteExpiresAt) {
    await SessionModel.deleteOne({ _id: session._id });
    return null;
  }
  if (at.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    const idleExpiresAt = idleExpiry(at, session.absoluteExpiresAt, settings);
    await SessionModel.updateOne({ _id: session._id }, { $set: { lastSeenAt: at, idleExpiresAt } });
    return { ...session, lastSeenAt: at, idleExpiresAt };
  }
  return session;
}

export async function revokeSession(sessionId: string | mongoose.Types.ObjectId): Promise<void> {
  await SessionModel.deleteOne({ _id: sessionId });
}

/** Ends every session of a user (password change, deactivation), except one to keep. */
export async function revokeUserSessions(
  userId: string | mongoose.Types.ObjectId,
  keepSessionId?: string,
): Promise<number> {
  const filter: Record<string, unknown> = { userId };
  if (keepSessionId) filter._id = { $ne: new mongoose.Types.ObjectId(keepSessionId) };
  const result = await SessionModel.deleteMany(filter);
  return result.deletedCount;
}

/** Removes the expired sessions of one user; run at each login. One equality read on
 * `userId` (a user has a handful of sessions), then deletes by `_id`: no login reads the
 * whole session collection. */
export async function sweepExpiredSessionsOf(
  userId: string | mongoose.Types.ObjectId,
): Promise<number> {
  const at = now();
  const sessions = await SessionModel.find(
    { userId },
    { idleExpiresAt: 1, absoluteExpiresAt: 1 },
  ).lean<Array<Pick<Session, '_id' | 'idleExpiresAt' | 'absoluteExpiresAt'>>>();
  const expired = sessions.filter((s) => at >= s.idleExpiresAt || at >= s.absoluteExpiresAt);
  for (const session of expired) await SessionModel.deleteOne({ _id: session._id });
  return expired.length;
}

/** Removes every expired session (sessions of users who never come back); run at start-up,
 * never on a user's request: the range filter reads the whole collection on FerretDB. */
export async function sweepExpiredSessions(): Promise<number> {
  const at = now();
  const result = await SessionModel.deleteMany({
    $or: [{ idleExpiresAt: { $lte: at } }, { absoluteExpiresAt: { $lte: at } }],
  });
  return result.deletedCount;
}

/** A browser-session cookie (no Expires): it dies with the browser on a shared office PC,
 * and the server enforces idle and absolute expiry whatever the browser keeps. */
export function sessionCookie(token: string, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return [
    `${SESSION_COOKIE}=`,
    'Path=/',
    'Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
