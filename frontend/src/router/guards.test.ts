import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter, type RouteLocationRaw } from 'vue-router';
import type { Role } from '@/api/types.ts';
import { authGuard, safeRedirect, type GuardSession } from './guards.ts';
import { routes } from './routes.ts';

function session(state: {
  authenticated: boolean;
  roles?: Role[];
}): GuardSession & { probes: number } {
  return {
    probes: 0,
    get isAuthenticated() {
      return state.authenticated;
    },
    hasRole: (...roles: Role[]) => roles.some((role) => (state.roles ?? []).includes(role)),
    async ensureSession() {
      this.probes += 1;
    },
  };
}

// The real route table; resolve() matches routes without loading their components.
const router = createRouter({ history: createMemoryHistory(), routes });
const to = (location: RouteLocationRaw) => router.resolve(location);

describe('authGuard', () => {
  it('sends an anonymous visitor to login, remembering the page asked for', async () => {
    const result = await authGuard(to('/profil?tab=token'), session({ authenticated: false }));
    expect(result).toEqual({ name: 'login', query: { redirect: '/profil?tab=token' } });
  });

  it('asks the server for the session before deciding', async () => {
    const s = session({ authenticated: true });
    await authGuard(to('/'), s);
    expect(s.probes).toBe(1);
  });

  it('lets a logged-in user into pages without role limits', async () => {
    await expect(authGuard(to('/'), session({ authenticated: true }))).resolves.toBe(true);
    await expect(authGuard(to('/profil'), session({ authenticated: true }))).resolves.toBe(true);
  });

  it('keeps search to those who may read letters (the admin reads none)', async () => {
    const reader = session({ authenticated: true, roles: ['pejabat'] });
    await expect(authGuard(to('/pencarian'), reader)).resolves.toBe(true);
    const admin = session({ authenticated: true, roles: ['admin'] });
    await expect(authGuard(to('/pencarian'), admin)).resolves.toMatchObject({ name: 'forbidden' });
    await expect(authGuard(to('/surat-masuk/catat'), admin)).resolves.toMatchObject({
      name: 'forbidden',
    });
  });

  it('refuses a page whose roles the user lacks, including child pages of a guarded parent', async () => {
    const clerk = session({ authenticated: true, roles: ['agendaris'] });
    await expect(authGuard(to('/admin/pengguna'), clerk)).resolves.toEqual({
      name: 'forbidden',
      query: { dari: '/admin/pengguna' },
    });
    await expect(authGuard(to('/surat-masuk'), clerk)).resolves.toBe(true);
  });

  it('lets an admin into the admin pages', async () => {
    const admin = session({ authenticated: true, roles: ['admin'] });
    await expect(authGuard(to('/admin/pengguna'), admin)).resolves.toBe(true);
  });

  it('shows login to anonymous visitors and moves logged-in users on to where they were going', async () => {
    await expect(authGuard(to('/masuk'), session({ authenticated: false }))).resolves.toBe(true);
    await expect(
      authGuard(to('/masuk?redirect=/arsip'), session({ authenticated: true })),
    ).resolves.toBe('/arsip');
    await expect(authGuard(to('/masuk'), session({ authenticated: true }))).resolves.toEqual({
      name: 'home',
    });
  });

  it('never redirects off-site after login', async () => {
    await expect(
      authGuard(
        to({ path: '/masuk', query: { redirect: '//evil.example/x' } }),
        session({ authenticated: true }),
      ),
    ).resolves.toEqual({ name: 'home' });
  });
});

describe('safeRedirect', () => {
  it('accepts same-site paths only', () => {
    expect(safeRedirect('/surat-masuk/123?tab=disposisi')).toBe('/surat-masuk/123?tab=disposisi');
    expect(safeRedirect('https://evil.example')).toBeNull();
    expect(safeRedirect('//evil.example')).toBeNull();
    expect(safeRedirect('/\\evil.example')).toBeNull();
    expect(safeRedirect('/masuk')).toBeNull();
    expect(safeRedirect(['/a'])).toBeNull();
    expect(safeRedirect(undefined)).toBeNull();
  });
});
