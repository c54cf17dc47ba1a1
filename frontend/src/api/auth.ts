import { http } from './http.ts';
import type { Role, SecurityClass } from './types.ts';

/** A position the user holds today; `acting` for Plt/Plh assignments. */
export interface SessionPosition {
  id: string;
  title: string;
  unitId: string;
  acting: boolean;
  /** Present when the backend sends it. */
  unitName?: string;
  actingKind?: 'plt' | 'plh' | null;
}

export interface SessionUser {
  id: string;
  name: string;
  username?: string;
  roles: Role[];
  clearance?: SecurityClass;
  positions: SessionPosition[];
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

/** POST /api/auth/login: sets the session cookie. */
export function login(username: string, password: string): Promise<Session> {
  return http.post<Session>('/api/auth/login', { username, password }, { expectUnauthenticated: true });
}

/** POST /api/auth/logout: ends the session on the server. */
export function logout(): Promise<void> {
  return http.post<void>('/api/auth/logout', undefined, { expectUnauthenticated: true });
}

/** GET /api/auth/me: the current session, 401 when there is none. */
export function getSession(): Promise<Session> {
  return http.get<Session>('/api/auth/me', { expectUnauthenticated: true });
}
