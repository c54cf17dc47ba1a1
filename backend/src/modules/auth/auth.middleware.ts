import { timingSafeEqual } from 'node:crypto';
import type { Context, Middleware, Next } from 'koa';
import type { Actor } from '../../http/actor.ts';
import { AppError, unauthenticated } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { readActorEpoch } from '../org/actor-epoch.ts';
import type { User } from '../org/org.model.ts';
import { ActorCache, type ActorCacheOptions } from './actor-cache.ts';
import { assembleActor, withVia } from './actor.service.ts';
import { resolveSession, SESSION_COOKIE } from './session.service.ts';
import { resolveApiToken } from './token.service.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Logging in replaces whatever session the browser had; it needs no CSRF token. */
const CSRF_EXEMPT = new Set(['/api/auth/login']);

export const csrfRejected = () =>
  new AppError(
    403,
    'CSRF_REJECTED',
    'Token keamanan (CSRF) tidak ada atau tidak cocok. Muat ulang halaman, lalu coba lagi.',
  );

/** Sets ctx.state.actor (and ctx.state.user, the caller's user record without its password
 * hash) from a bearer token or the session cookie, and enforces CSRF on every state-changing
 * request authenticated by the cookie. A request with a bad bearer token is refused outright
 * rather than silently treated as anonymous.
 *
 * Per request: the session (or token) by its unique hash and the actor epoch by `_id`, both
 * indexed equality reads, in parallel. The assembled actor comes from this app's ActorCache
 * (actor-cache.ts says why it never outlives a revocation). */
export function authMiddleware(
  services: Services,
  cacheOptions: Partial<ActorCacheOptions> = {},
): Middleware {
  const cache = new ActorCache(cacheOptions);
  const actorOf = async (
    key: string,
    userId: unknown,
    epoch: string,
  ): Promise<{ base: Actor; user: User } | null> => {
    const at = now();
    const hit = cache.get(key, epoch, at.getTime());
    if (hit) return { base: hit.base as Actor, user: hit.user };
    const assembled = await assembleActor(String(userId), at);
    if (!assembled) {
      cache.delete(key);
      return null;
    }
    const lifetime = at.getTime() + cache.options.ttlMs;
    cache.set(key, {
      base: assembled.base,
      user: assembled.user,
      epoch,
      builtAt: at.getTime(),
      expiresAt: Math.min(lifetime, assembled.changesAt?.getTime() ?? lifetime),
    });
    return { base: assembled.base as Actor, user: assembled.user };
  };

  return async (ctx: Context, next: Next) => {
    if (!ctx.path.startsWith('/api/')) return next();
    const authorization = ctx.get('authorization');
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      // The epoch is read before the actor is assembled (here: alongside the token), so a
      // write that lands during assembly always leaves a newer epoch behind it.
      const [token, epoch] = match
        ? await Promise.all([resolveApiToken(match[1]!), readActorEpoch()])
        : [null, ''];
      const found = token ? await actorOf(`t:${String(token._id)}`, token.userId, epoch) : null;
      if (!found || !token) throw unauthenticated();
      ctx.state.actor = withVia(found.base, 'token', { tokenId: String(token._id) });
      ctx.state.user = found.user;
      return next();
    }
    const cookie = ctx.cookies.get(SESSION_COOKIE);
    if (cookie) {
      const [session, epoch] = await Promise.all([
        resolveSession(cookie, services.config),
        readActorEpoch(),
      ]);
      const found = session
        ? await actorOf(`s:${String(session._id)}`, session.userId, epoch)
        : null;
      if (found && session) {
        ctx.state.actor = withVia(found.base, 'session', { sessionId: String(session._id) });
        ctx.state.user = found.user;
        ctx.state.session = session;
        if (!SAFE_METHODS.has(ctx.method) && !CSRF_EXEMPT.has(ctx.path)) {
          if (!sameSecret(ctx.get('x-csrf-token'), session.csrfToken)) throw csrfRejected();
        }
      }
    }
    return next();
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
