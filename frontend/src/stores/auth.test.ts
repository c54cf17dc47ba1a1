import { createPinia, defineStore, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, ref } from 'vue';
import { ApiError, http } from '@/api/http.ts';
import { useAuthStore } from './auth.ts';
import { resetPlugin } from './reset.ts';

const session = {
  user: {
    id: 'u1',
    name: 'Dra. Siti Rahmawati, M.Si.',
    roles: ['pejabat'],
    clearance: 'R',
    positions: [
      { id: 'p-own', title: 'Kepala Bagian Tata Usaha', unitId: 'unit-tu', acting: false },
      {
        id: 'p-acting',
        title: 'Kepala Biro Umum',
        unitId: 'unit-bu',
        acting: true,
        actingKind: 'plh',
      },
    ],
  },
  csrfToken: 'csrf-abc',
};

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
}
let calls: Call[] = [];

function serve(handler: (call: Call) => Response) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const call = {
        url,
        method: init.method ?? 'GET',
        headers: (init.headers ?? {}) as Record<string, string>,
      };
      calls.push(call);
      return handler(call);
    }),
  );
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const useNotesStore = defineStore('notes', () => {
  const items = ref<string[]>([]);
  return { items };
});

/** Pinia applies plugins only once installed in an app, as main.ts does. */
function installedPinia() {
  const pinia = createPinia();
  pinia.use(resetPlugin);
  createApp({}).use(pinia);
  return pinia;
}

beforeEach(() => {
  calls = [];
  localStorage.clear();
  setActivePinia(installedPinia());
  const auth = useAuthStore();
  http.configure({ csrfToken: () => auth.csrfToken });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('auth store', () => {
  it('picks up an existing session once, even when asked twice at the same time', async () => {
    serve(() => json(200, { current: session }));
    const auth = useAuthStore();
    await Promise.all([auth.ensureSession(), auth.ensureSession()]);
    expect(calls.filter((c) => c.url === '/api/auth/session')).toHaveLength(1);
    expect(auth.isAuthenticated).toBe(true);
    expect(auth.csrfToken).toBe('csrf-abc');
    expect(auth.hasRole('pejabat')).toBe(true);
    expect(auth.hasRole('admin')).toBe(false);
  });

  it('becomes anonymous when the server has no session (a 200 answer: no 401 in the console)', async () => {
    serve(() => json(200, { current: null }));
    const auth = useAuthStore();
    await auth.ensureSession();
    expect(auth.status).toBe('anonymous');
    expect(auth.isAuthenticated).toBe(false);
  });

  it('stays undecided when the server cannot be reached, so it can ask again', async () => {
    serve(() => {
      throw new TypeError('Failed to fetch');
    });
    const auth = useAuthStore();
    await auth.ensureSession();
    expect(auth.status).toBe('unknown');
    expect(auth.error).toMatch(/tidak dapat dihubungi/);
  });

  it('works as the own position first and as the acting one when switched, remembered per user', async () => {
    serve((call) => json(200, call.url === '/api/auth/session' ? { current: session } : session));
    const auth = useAuthStore();
    await auth.login('siti', 'rahasia-sekali');
    expect(auth.activePosition?.id).toBe('p-own');
    expect(auth.actingPositions.map((p) => p.id)).toEqual(['p-acting']);
    auth.setActivePosition('p-acting');
    expect(auth.activePosition?.id).toBe('p-acting');
    auth.setActivePosition('not-mine');
    expect(auth.activePosition?.id).toBe('p-acting');

    // A new page load for the same user resumes the acting position.
    setActivePinia(installedPinia());
    const again = useAuthStore();
    await again.ensureSession();
    expect(again.activePosition?.id).toBe('p-acting');
  });

  it('passes a refused login on to the form and stays anonymous', async () => {
    serve(() =>
      json(401, {
        error: { code: 'INVALID_CREDENTIALS', message: 'Nama pengguna atau kata sandi salah.' },
      }),
    );
    const auth = useAuthStore();
    const error = await auth.login('siti', 'salah').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('INVALID_CREDENTIALS');
    expect(auth.isAuthenticated).toBe(false);
    expect(auth.error).toBe('Nama pengguna atau kata sandi salah.');
  });

  it('logs out on the server with the CSRF token and empties every store', async () => {
    serve((call) =>
      call.url === '/api/auth/logout' ? new Response(null, { status: 204 }) : json(200, session),
    );
    const auth = useAuthStore();
    await auth.login('siti', 'rahasia-sekali');
    const notes = useNotesStore();
    notes.items.push('surat rahasia');

    await auth.logout();

    const logout = calls.find((c) => c.url === '/api/auth/logout');
    expect(logout?.method).toBe('POST');
    expect(logout?.headers['X-CSRF-Token']).toBe('csrf-abc');
    expect(auth.status).toBe('anonymous');
    expect(auth.user).toBeNull();
    expect(auth.csrfToken).toBeNull();
    expect(notes.items).toEqual([]);
  });

  it('ends the local session even when the server cannot be told', async () => {
    serve((call) => {
      if (call.url === '/api/auth/logout') throw new TypeError('Failed to fetch');
      return json(200, session);
    });
    const auth = useAuthStore();
    await auth.login('siti', 'rahasia-sekali');
    await auth.logout();
    expect(auth.isAuthenticated).toBe(false);
  });

  it('remembers that the session expired under the user', async () => {
    serve(() => json(200, session));
    const auth = useAuthStore();
    await auth.login('siti', 'rahasia-sekali');
    auth.markExpired();
    expect(auth.sessionExpired).toBe(true);
    expect(auth.isAuthenticated).toBe(false);
  });

  it('picks up a Plt/Plh appointed meanwhile and notices a session that ended elsewhere', async () => {
    let answer: Response = json(200, {
      ...session,
      user: { ...session.user, positions: [session.user.positions[0]] },
    });
    serve(() => answer.clone());
    const auth = useAuthStore();
    await auth.login('siti', 'rahasia-sekali');
    expect(auth.positions).toHaveLength(1);

    answer = json(200, session);
    await expect(auth.refresh()).resolves.toBe(true);
    expect(auth.actingPositions.map((p) => p.id)).toEqual(['p-acting']);

    answer = json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sesi tidak berlaku.' } });
    await expect(auth.refresh()).resolves.toBe(false);
    expect(auth.isAuthenticated).toBe(false);
    expect(auth.sessionExpired).toBe(true);
  });
});
