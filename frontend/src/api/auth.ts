import { http } from './http.ts';
import type { ApiBody, ApiResponse } from './generated.ts';

/** The session as GET /api/auth/me answers it (and login, password change, profile edit):
 * the user, their positions today (Plt/Plh included, "Plh. …" in displayTitle), the CSRF
 * token (null for bearer-token callers). */
export type Session = ApiResponse<'/api/auth/me', 'get'>;
export type SessionUser = Session['user'];
/** A position the user holds today. */
export type SessionPosition = SessionUser['positions'][number];

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

/** GET /api/auth/session: the browser's session, or null when nobody is logged in. Always
 * a 200, so the first load of the app leaves no failed request in the console. */
export async function probeSession(): Promise<Session | null> {
  const answer = await http.get<{ current: Session | null }>('/api/auth/session');
  return answer.current;
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
export type PinStatus = ApiResponse<'/api/auth/pin', 'get'>;

/** GET /api/auth/pin */
export function getPinStatus(): Promise<PinStatus> {
  return http.get<PinStatus>('/api/auth/pin');
}

/** PUT /api/auth/pin: sets or changes the PIN (6 digits), or removes it with `null`. */
export function setPin(currentPassword: string, pin: string | null): Promise<PinStatus> {
  return http.put<PinStatus>('/api/auth/pin', { currentPassword, pin });
}

/** What a paraf carries: the password or the signing PIN, typed again; a signature carries
 * the signing passphrase of the official's certificate instead. */
export type ReauthSecret = { password: string } | { pin: string } | { passphrase: string };

export type ApiToken = ApiResponse<'/api/auth/tokens/{id}', 'delete'>;

/** GET /api/auth/tokens: the caller's tokens (admins may pass another userId). */
export async function listTokens(userId?: string): Promise<ApiToken[]> {
  const answer = await http.get<{ items: ApiToken[] }>('/api/auth/tokens', { query: { userId } });
  return answer.items;
}

/** POST /api/auth/tokens: the secret is in the answer this once only. */
export function createToken(
  input: ApiBody<'/api/auth/tokens', 'post'>,
): Promise<ApiResponse<'/api/auth/tokens', 'post'>> {
  return http.post('/api/auth/tokens', input);
}

/** DELETE /api/auth/tokens/:id */
export function revokeToken(id: string): Promise<ApiToken> {
  return http.delete<ApiToken>(`/api/auth/tokens/${encodeURIComponent(id)}`);
}
