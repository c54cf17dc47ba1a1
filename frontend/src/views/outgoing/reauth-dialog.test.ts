import { flushPromises, mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '@/i18n/index.ts';
import ReauthDialog from './reauth-dialog.vue';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let hasPin = false;
beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (String(url).endsWith('/api/auth/pin'))
        return json(200, { hasPin, setAt: hasPin ? '2026-12-01T01:00:00.000Z' : null });
      return json(404, { error: { code: 'NOT_FOUND', message: 'Tidak ada.' } });
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

function mountDialog(props: { act?: 'sign' | 'paraf'; error?: string | null } = {}) {
  return mount(ReauthDialog, {
    props: { visible: true, act: props.act ?? 'sign', busy: false, error: props.error ?? null },
    global: { plugins: [i18n, PrimeVue] },
    attachTo: document.body,
  });
}

const find = <T extends Element = HTMLElement>(selector: string) =>
  document.body.querySelector<T>(selector);

async function type(selector: string, value: string): Promise<void> {
  const input = find<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await flushPromises();
}

async function confirm(): Promise<void> {
  find<HTMLButtonElement>('[data-testid="reauth-confirm"]')!.click();
  await flushPromises();
}

describe('re-authentication before a signature or paraf', () => {
  it('asks the signer for the signing passphrase (never the PIN) and hands it over once', async () => {
    hasPin = true;
    const wrapper = mountDialog({ act: 'sign' });
    await flushPromises();
    expect(document.body.textContent).toContain('Tandatangani surat');
    expect(document.body.textContent).toContain('Frasa sandi tanda tangan');
    expect(find('#reauth-pin')).toBeNull();
    expect(find('#reauth-password')).toBeNull();
    expect(find('[data-testid="reauth-switch"]')).toBeNull();

    await confirm();
    expect(wrapper.emitted('confirm')).toBeUndefined();
    expect(find('[data-testid="reauth-error"]')!.textContent).toContain('Masukkan frasa sandi');

    await type('#reauth-passphrase', 'frasa sandi saya');
    await confirm();
    expect(wrapper.emitted('confirm')).toEqual([[{ passphrase: 'frasa sandi saya' }]]);
    // The secret is not kept in the field for the next try.
    expect(find<HTMLInputElement>('#reauth-passphrase')!.value).toBe('');
  });

  it('asks a user without a PIN for the password at a paraf and hands it over once', async () => {
    hasPin = false;
    const wrapper = mountDialog({ act: 'paraf' });
    await flushPromises();
    expect(find('#reauth-pin')).toBeNull();
    await confirm();
    expect(wrapper.emitted('confirm')).toBeUndefined();
    expect(find('[data-testid="reauth-error"]')!.textContent).toContain('Masukkan kata sandi');
    await type('#reauth-password', 'rahasia-saya-sendiri');
    await confirm();
    expect(wrapper.emitted('confirm')).toEqual([[{ password: 'rahasia-saya-sendiri' }]]);
  });

  it('asks a user with a PIN for the PIN, checks its form, and lets them use the password', async () => {
    hasPin = true;
    const wrapper = mountDialog({ act: 'paraf' });
    await flushPromises();
    expect(document.body.textContent).toContain('Paraf konsep');
    expect(find('#reauth-pin')).not.toBeNull();

    await type('#reauth-pin', '12a4');
    await confirm();
    expect(wrapper.emitted('confirm')).toBeUndefined();
    expect(find('[data-testid="reauth-error"]')!.textContent).toContain('6 angka');

    await type('#reauth-pin', '482916');
    await confirm();
    expect(wrapper.emitted('confirm')).toEqual([[{ pin: '482916' }]]);

    find<HTMLButtonElement>('[data-testid="reauth-switch"]')!.click();
    await flushPromises();
    expect(find('#reauth-pin')).toBeNull();
    await type('#reauth-password', 'kata-sandi-panjang');
    await confirm();
    expect(wrapper.emitted('confirm')![1]).toEqual([{ password: 'kata-sandi-panjang' }]);
  });

  it("shows the server's refusal (wrong secret, throttled)", async () => {
    hasPin = false;
    const wrapper = mountDialog({ error: null });
    await flushPromises();
    expect(find('[data-testid="reauth-error"]')).toBeNull();
    await wrapper.setProps({
      error: 'Terlalu banyak kata sandi atau PIN yang salah. Coba lagi dalam 30 detik.',
    });
    expect(find('[data-testid="reauth-error"]')!.textContent).toContain('Coba lagi dalam 30 detik');
  });

  it('shows a timestamp authority that cannot be reached and lets the official sign again', async () => {
    hasPin = false;
    const wrapper = mountDialog({ act: 'sign' });
    await flushPromises();
    await type('#reauth-passphrase', 'frasa sandi saya');
    await confirm();
    // The server's 503 (pki/tsa.ts): the letter is not signed and stays as it was.
    await wrapper.setProps({
      error:
        'Layanan cap waktu (TSA) tidak dapat dihubungi. Surat belum ditandatangani; coba lagi beberapa saat lagi.',
    });
    expect(find('[data-testid="reauth-error"]')!.textContent).toContain(
      'Surat belum ditandatangani; coba lagi',
    );
    expect(find<HTMLButtonElement>('[data-testid="reauth-confirm"]')!.disabled).toBe(false);
    await type('#reauth-passphrase', 'frasa sandi saya');
    await confirm();
    expect(wrapper.emitted('confirm')).toEqual([
      [{ passphrase: 'frasa sandi saya' }],
      [{ passphrase: 'frasa sandi saya' }],
    ]);
  });
});
