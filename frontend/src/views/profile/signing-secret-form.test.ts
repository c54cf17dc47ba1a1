import { flushPromises, mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import ToastService from 'primevue/toastservice';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '@/i18n/index.ts';
import SigningSecretForm from './signing-secret-form.vue';

/** The profile's one form for both signing secrets: the passphrase (certificate) and the PIN
 * (paraf), each set with the current password. */
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const certificate = {
  id: 'c1',
  userId: 'u1',
  userName: 'Sekda',
  subjectName: 'Sekda',
  serial: '01',
  status: 'active',
  issuedAt: '2026-12-01T01:00:00.000Z',
  notAfter: '2028-12-01T01:00:00.000Z',
  revokedAt: null,
};
let sent: Array<{ method: string; url: string; body: unknown }> = [];
beforeEach(() => {
  sent = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      sent.push({ method, url: String(url), body });
      if (String(url).endsWith('/api/auth/pin'))
        return json(200, {
          hasPin: method === 'GET' || body.pin !== null,
          setAt: '2026-12-01T01:00:00.000Z',
        });
      if (String(url).endsWith('/api/profile/signing-certificate'))
        return json(200, {
          hasCertificate: method !== 'GET',
          certificate: method === 'GET' ? null : certificate,
          revoked: false,
        });
      return json(404, { error: { code: 'NOT_FOUND', message: 'Tidak ada.' } });
    }),
  );
});

afterEach(() => vi.unstubAllGlobals());

async function mountForm(kind: 'passphrase' | 'pin') {
  const wrapper = mount(SigningSecretForm, {
    props: { kind },
    global: { plugins: [i18n, PrimeVue, ToastService] },
  });
  await flushPromises();
  return wrapper;
}

const writes = () => sent.filter((call) => call.method !== 'GET');

describe('the signing secret form', () => {
  it('sets the passphrase (8 characters at least) with the password and shows the certificate', async () => {
    const wrapper = await mountForm('passphrase');
    expect(wrapper.get('[data-testid="passphrase-state"]').text()).toContain(
      'Belum ada sertifikat',
    );
    expect(wrapper.find('[data-testid="pin-remove"]').exists()).toBe(false);
    await wrapper.get('input#passphrase-current-password').setValue('lontar-demo');
    await wrapper.get('input#new-passphrase').setValue('pendek');
    await wrapper.get('input#confirm-passphrase').setValue('pendek');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.text()).toContain('Frasa sandi minimal 8 karakter.');
    expect(writes()).toEqual([]);

    await wrapper.get('input#passphrase-current-password').setValue('lontar-demo');
    await wrapper.get('input#new-passphrase').setValue('frasa sandi sekda');
    await wrapper.get('input#confirm-passphrase').setValue('frasa sandi sekda');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(writes()).toEqual([
      {
        method: 'PUT',
        url: expect.stringContaining('/api/profile/signing-certificate'),
        body: { currentPassword: 'lontar-demo', passphrase: 'frasa sandi sekda' },
      },
    ]);
    expect(wrapper.get('[data-testid="passphrase-state"]').text()).toContain('Sertifikat aktif');
    expect(wrapper.get<HTMLInputElement>('input#new-passphrase').element.value).toBe('');
  });

  it('sets a 6-digit PIN that must be typed twice the same, and removes it', async () => {
    const wrapper = await mountForm('pin');
    expect(wrapper.get('[data-testid="pin-state"]').text()).toContain('PIN terpasang sejak');
    await wrapper.get('input#pin-current-password').setValue('lontar-demo');
    await wrapper.get('input#new-pin').setValue('482916');
    await wrapper.get('input#confirm-pin').setValue('482917');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.text()).toContain('Ulangan PIN tidak sama.');
    expect(writes()).toEqual([]);

    await wrapper.get('input#pin-current-password').setValue('lontar-demo');
    await wrapper.get('[data-testid="pin-remove"]').trigger('click');
    await flushPromises();
    expect(writes()).toEqual([
      {
        method: 'PUT',
        url: expect.stringContaining('/api/auth/pin'),
        body: { currentPassword: 'lontar-demo', pin: null },
      },
    ]);
    expect(wrapper.get('[data-testid="pin-state"]').text()).toContain('Belum ada PIN');
    expect(wrapper.find('[data-testid="pin-remove"]').exists()).toBe(false);
  });
});
