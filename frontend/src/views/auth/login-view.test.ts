import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import PrimeVue from 'primevue/config';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { http } from '@/api/http.ts';
import { i18n } from '@/i18n/index.ts';
import { useAuthStore } from '@/stores/auth.ts';
import { resetPlugin } from '@/stores/reset.ts';
import LoginView from './login-view.vue';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const session = {
  user: { id: 'u1', name: 'Melati Pratama', roles: ['agendaris'], positions: [] },
  csrfToken: 'csrf',
};

let fetchMock: ReturnType<typeof vi.fn>;
let router: Router;

async function mountLogin(path = '/masuk') {
  const pinia = createPinia();
  pinia.use(resetPlugin);
  createApp({}).use(pinia);
  setActivePinia(pinia);
  const auth = useAuthStore();
  http.configure({ csrfToken: () => auth.csrfToken });
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/masuk', name: 'login', component: LoginView },
      { path: '/', name: 'home', component: { template: '<p>beranda</p>' } },
      { path: '/arsip', name: 'archive', component: { template: '<p>arsip</p>' } },
    ],
  });
  await router.push(path);
  const wrapper = mount(LoginView, {
    global: { plugins: [pinia, router, i18n, PrimeVue] },
    attachTo: document.body,
  });
  return { wrapper, auth };
}

beforeEach(() => {
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('login page', () => {
  it('checks the form before sending anything', async () => {
    const { wrapper } = await mountLogin();
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(wrapper.text()).toContain('Masukkan nama pengguna.');
    expect(wrapper.text()).toContain('Masukkan kata sandi.');
  });

  it('shows the server’s refusal and clears the password', async () => {
    fetchMock.mockResolvedValue(
      json(401, {
        error: { code: 'INVALID_CREDENTIALS', message: 'Nama pengguna atau kata sandi salah.' },
      }),
    );
    const { wrapper } = await mountLogin();
    await wrapper.find('#username').setValue('agendaris');
    await wrapper.find('#password').setValue('salah-sekali');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-testid=login-error]').text()).toContain(
      'Nama pengguna atau kata sandi salah.',
    );
    expect((wrapper.find('#password').element as HTMLInputElement).value).toBe('');
    expect(router.currentRoute.value.name).toBe('login');
  });

  it('locks the button during a lockout and says when to try again', async () => {
    fetchMock.mockResolvedValue(
      json(429, {
        error: {
          code: 'TOO_MANY_ATTEMPTS',
          message:
            'Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 2 menit (setelah pukul 09.02.00 WIB).',
          details: { retryAfterSeconds: 120 },
        },
      }),
    );
    const { wrapper } = await mountLogin();
    await wrapper.find('#username').setValue('agendaris');
    await wrapper.find('#password').setValue('salah-lagi');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    const error = wrapper.find('[data-testid=login-error]').text();
    expect(error).toContain('Coba lagi dalam 2 menit');
    expect(error).toContain('Tombol Masuk aktif kembali dalam 2 menit.');
    expect(wrapper.find('button[type=submit]').attributes('disabled')).toBeDefined();
    // A second submit during the lockout sends nothing.
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('goes to the page that was asked for after logging in', async () => {
    fetchMock.mockResolvedValue(json(200, session));
    const { wrapper, auth } = await mountLogin('/masuk?redirect=/arsip');
    await wrapper.find('#username').setValue('  agendaris ');
    await wrapper.find('#password').setValue('lontar-demo');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/auth/login');
    expect(JSON.parse(init.body)).toEqual({ username: 'agendaris', password: 'lontar-demo' });
    expect(auth.isAuthenticated).toBe(true);
    expect(router.currentRoute.value.fullPath).toBe('/arsip');
  });
});
