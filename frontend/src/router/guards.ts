import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router';
import type { Role } from '@/api/types.ts';
import './meta.ts';

/** What the guard needs to know about the session; the auth store satisfies it. */
export interface GuardSession {
  readonly isAuthenticated: boolean;
  hasRole(...roles: Role[]): boolean;
  ensureSession(): Promise<void>;
}

/** Only same-site paths may be redirect targets after login (no `//evil.example`). */
export function safeRedirect(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (value.startsWith('/masuk')) return null;
  return value;
}

/** The navigation decision: `true` to proceed, or where to go instead.
 *  - public pages (login) are skipped by someone already logged in;
 *  - every other page needs a session; without one, login with `redirect` to come back;
 *  - pages with `meta.roles` need one of the roles (in this route or any parent). */
export type GuardTarget = Pick<RouteLocationNormalized, 'matched' | 'fullPath' | 'query'> & {
  name?: RouteLocationNormalized['name'] | null;
};

export async function authGuard(
  to: GuardTarget,
  session: GuardSession,
): Promise<true | RouteLocationRaw> {
  await session.ensureSession();
  const isPublic = to.matched.some((record) => record.meta.public);
  if (isPublic) {
    if (session.isAuthenticated && to.name === 'login') {
      return safeRedirect(to.query.redirect) ?? { name: 'home' };
    }
    return true;
  }
  if (!session.isAuthenticated) {
    const redirect = to.fullPath === '/' ? undefined : to.fullPath;
    return { name: 'login', query: redirect ? { redirect } : {} };
  }
  for (const record of to.matched) {
    const roles = record.meta.roles;
    if (roles && roles.length > 0 && !session.hasRole(...roles)) {
      return { name: 'forbidden', query: { dari: to.fullPath } };
    }
  }
  return true;
}
