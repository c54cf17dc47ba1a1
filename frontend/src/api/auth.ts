import { http } from './http.ts';
import type { Role, SecurityClass } from './types.ts';

/** A position the user holds today (backend auth.schema.ts heldPositionSchema). */
export interface SessionPosition {
  id: string;
  title: string;
  unitId: string;
  acting: boolean;
  key?: string;
  /** "Plh. Kepala Biro Umum" while acting; the title otherwise. */
  displayTitle?: string;
  kind?: string;
  unitCode?: string;
  unitName?: string;
  actingKind?: 'plt' | 'plh' | null;
}

export interface SessionUser {
  id: string;
  name: string;
  username?: string;
  nip?: string | null;
  email?: string | null;
  phone?: string | null;
  rank?: string | null;
  grade?: string | null;
  roles: Role[];
  clearance?: SecurityClass;
  positions: SessionPosition[];
  /** True while the account still has the seeded demo password. */
  demoPassword?: boolean;
}

export interface Session {
  user: SessionUser;
  /** Null for bearer-token callers (never the browser). */
  csrfToken: string | null;
  session?: { via: 'session' | 'token'; idleExpiresAt: string | null; expiresAt: string | null };
}

/** POST /api/auth/login: sets the session cookie. */
export function login(username: string, password: string): Promise<Session> {
  return http.post<Session>(
    '/api/auth/login',
    { username, password },
    { expectUnauthenticated: true },
  );
}

/** POST /api/auth/logout: ends the session on the server. */
export function logout(): Promise<void> {
  return http.post<void>('/api/auth/logout', undefined, { expectUnauthenticated: true });
}

/** GET /api/auth/me: the current session, 401 when there is none. */
export function getSession(): Promise<Session> {
  return http.get<Session>('/api/auth/me', { expectUnauthenticated: true });
}

/** POST /api/auth/password: other sessions end; this one is replaced (new CSRF token). */
export function changePassword(currentPassword: string, newPassword: string): Promise<Session> {
  return http.post<Session>('/api/auth/password', { currentPassword, newPassword });
}

/** Whether the user has a signing PIN (backend auth/reauth.service.ts). */
export interface PinStatus {
  hasPin: boolean;
  setAt: string | null;
}

/** GET /api/auth/pin */
export function getPinStatus(): Promise<PinStatus> {
  return http.get<PinStatus>('/api/auth/pin');
}

/** PUT /api/auth/pin: sets or changes the PIN (6 digits), or removes it with `null`. */
export function setPin(currentPassword: string, pin: string | null): Promise<PinStatus> {
  return http.put<PinStatus>('/api/auth/pin', { currentPassword, pin });
}

/** What a signature or paraf carries: the password or the signing PIN, typed again. */
export type ReauthSecret = { password: string } | { pin: string };

export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  /** The first characters of the secret, to tell tokens apart. */
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  active: boolean;
}

/** GET /api/auth/tokens: the caller's tokens (admins may pass another userId). */
export async function listTokens(userId?: string): Promise<ApiToken[]> {
  const answer = await http.get<{ items: ApiToken[] }>('/api/auth/tokens', { query: { userId } });
  return answer.items;
}

/** POST /api/auth/tokens: the secret is in the answer this once only. */
export function createToken(input: {
  name: string;
  expiresAt?: string | null;
  userId?: string;
}): Promise<{ token: ApiToken; secret: string }> {
  return http.post('/api/auth/tokens', input);
}

/** DELETE /api/auth/tokens/:id */
export function revokeToken(id: string): Promise<ApiToken> {
  return http.delete<ApiToken>(`/api/auth/tokens/${encodeURIComponent(id)}`);
}
