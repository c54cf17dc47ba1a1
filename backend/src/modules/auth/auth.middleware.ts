import { timingSafeEqual } from 'node:crypto';
import type { Context, Middleware, Next } from 'koa';
import { AppError, unauthenticated } from '../../http/errors.ts';
import type { Services } from '../../services.ts';
import { buildActor } from './actor.service.ts';
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

/** Sets ctx.state.actor from a bearer token or the session cookie, and enforces CSRF on
 * every state-changing request authenticated by the cookie. A request with a bad bearer
 * token is refused outright rather than silently treated as anonymous. */
export function authMiddleware(services: Services): Middleware {
  return async (ctx: Context, next: Next) => {
    if (!ctx.path.startsWith('/api/')) return next();
    const authorization = ctx.get('authorization');
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const token = match ? await resolveApiToken(match[1]!) : null;
      const actor = token
        ? await buildActor(token.userId, 'token', { tokenId: String(token._id) })
        : null;
      if (!actor) throw unauthenticated();
      ctx.state.actor = actor;
      return next();
    }
    const cookie = ctx.cookies.get(SESSION_COOKIE);
    if (cookie) {
      const session = await resolveSession(cookie, services.config);
      const actor = session
        ? await buildActor(session.userId, 'session', { sessionId: String(session._id) })
        : null;
      if (actor && session) {
        ctx.state.actor = actor;
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
