import { defineStore, getActivePinia } from 'pinia';
import { computed, ref } from 'vue';
import * as authApi from '@/api/auth.ts';
import type { Session, SessionPosition, SessionUser } from '@/api/auth.ts';
import { ApiError, errorMessage } from '@/api/http.ts';
import type { Role } from '@/api/types.ts';
import { resetAllStores } from './reset.ts';

const ACTIVE_POSITION_KEY = 'lontar.activePosition';

export type SessionStatus = 'unknown' | 'authenticated' | 'anonymous';

/** Who is logged in, with which positions, and which position they are working as.
 * Other modules read `activePosition` to pick the inbox (an acting official switches
 * between their own position and the Plt/Plh one). */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<SessionUser | null>(null);
  const csrfToken = ref<string | null>(null);
  const status = ref<SessionStatus>('unknown');
  const loading = ref(false);
  const error = ref<string | null>(null);
  const activePositionId = ref<string | null>(null);
  /** Set when the server ended the session under the user (expired, logged out elsewhere). */
  const sessionExpired = ref(false);
  let probe: Promise<void> | null = null;
  const pinia = getActivePinia();

  const isAuthenticated = computed(() => status.value === 'authenticated' && user.value !== null);
  const roles = computed<Role[]>(() => user.value?.roles ?? []);
  const positions = computed<SessionPosition[]>(() => user.value?.positions ?? []);
  const actingPositions = computed(() => positions.value.filter((p) => p.acting));
  const activePosition = computed<SessionPosition | null>(
    () =>
      positions.value.find((p) => p.id === activePositionId.value) ??
      positions.value.find((p) => !p.acting) ??
      positions.value[0] ??
      null,
  );

  function hasRole(...wanted: Role[]): boolean {
    return wanted.some((role) => roles.value.includes(role));
  }

  function apply(session: Session): void {
    user.value = session.user;
    csrfToken.value = session.csrfToken ?? null;
    status.value = 'authenticated';
    sessionExpired.value = false;
    const remembered = readRememberedPosition(session.user.id);
    activePositionId.value = session.user.positions.some((p) => p.id === remembered)
      ? remembered
      : null;
  }

  /** Ends the session locally: this store goes anonymous, every other store is emptied. */
  function clear(): void {
    if (pinia) resetAllStores(pinia, ['auth']);
    user.value = null;
    csrfToken.value = null;
    status.value = 'anonymous';
    activePositionId.value = null;
  }

  /** Asks the server once whether a session exists (on first navigation). Network failures
   * leave the status unknown so the guard can retry instead of sending the user to login. */
  function ensureSession(): Promise<void> {
    if (status.value !== 'unknown') return Promise.resolve();
    probe ??= (async () => {
      loading.value = true;
      try {
        const current = await authApi.probeSession();
        if (current) apply(current);
        else clear();
      } catch (caught) {
        if (caught instanceof ApiError && caught.status === 401) clear();
        else error.value = errorMessage(caught);
      } finally {
        loading.value = false;
        probe = null;
      }
    })();
    return probe;
  }

  /** Asks the server again who is logged in: positions change when an admin appoints or ends
   * a Plt/Plh, and a session can end elsewhere. Resolves false when the session is gone. */
  async function refresh(): Promise<boolean> {
    if (status.value !== 'authenticated') return false;
    try {
      replaceSession(await authApi.getSession());
      return true;
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) {
        markExpired();
        return false;
      }
      return true; // unreachable server: keep working, the banner says why
    }
  }

  /** Logs in; throws the ApiError so the form can show the server's message. */
  async function login(username: string, password: string): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      apply(await authApi.login(username, password));
    } catch (caught) {
      error.value = errorMessage(caught);
      throw caught;
    } finally {
      loading.value = false;
    }
  }

  /** Ends the session on the server (best effort) and locally, emptying every store. */
  async function logout(): Promise<void> {
    try {
      if (status.value === 'authenticated') await authApi.logout();
    } catch {
      // The local session ends anyway; the server's expires on its own.
    } finally {
      clear();
    }
  }

  /** The server refused the session mid-use. */
  function markExpired(): void {
    if (status.value === 'authenticated') sessionExpired.value = true;
    clear();
  }

  function setActivePosition(positionId: string): void {
    if (!positions.value.some((p) => p.id === positionId)) return;
    activePositionId.value = positionId;
    if (user.value) rememberPosition(user.value.id, positionId);
  }

  /** Takes a fresh session answer (after a password change the server replaces the session
   * and its CSRF token) without losing the chosen position. */
  function replaceSession(session: Session): void {
    const keep = activePositionId.value;
    apply(session);
    if (keep && session.user.positions.some((p) => p.id === keep)) activePositionId.value = keep;
  }

  return {
    user,
    csrfToken,
    status,
    loading,
    error,
    activePositionId,
    sessionExpired,
    isAuthenticated,
    roles,
    positions,
    actingPositions,
    activePosition,
    hasRole,
    ensureSession,
    refresh,
    login,
    logout,
    markExpired,
    setActivePosition,
    replaceSession,
  };
});

function readRememberedPosition(userId: string): string | null {
  try {
    const raw = localStorage.getItem(ACTIVE_POSITION_KEY);
    const saved = raw ? (JSON.parse(raw) as { userId?: string; positionId?: string }) : null;
    return saved?.userId === userId ? (saved.positionId ?? null) : null;
  } catch {
    return null;
  }
}

function rememberPosition(userId: string, positionId: string): void {
  try {
    localStorage.setItem(ACTIVE_POSITION_KEY, JSON.stringify({ userId, positionId }));
  } catch {
    // private mode or full storage: the choice lasts for this page only
  }
}
