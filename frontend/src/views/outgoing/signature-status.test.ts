import { flushPromises, mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '@/i18n/index.ts';
import SignatureStatus from './signature-status.vue';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const check = {
  signed: true,
  valid: true,
  signerName: 'Dr. Ir. Ratna Maulana, M.Si.',
  signerPosition: 'Plt. Kepala Biro Kesejahteraan Rakyat',
  signedAt: '2026-12-07T03:05:00.000Z',
  certificateStatus: 'valid',
  documentIntact: true,
  revokedAt: null as string | null,
  issuerName: 'Otoritas Sertifikat Pemerintah Provinsi Lampung',
  certificateSerial: '1a2b',
  timestamped: false,
  timestampAuthority: null as string | null,
  timestampedAt: null as string | null,
  findings: [],
};

function answer(signature: typeof check | null, status = 200) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      calls.push(String(url));
      if (!signature) return json(status, { error: { code: 'INTERNAL', message: 'Gagal.' } });
      return json(200, { valid: true, code: 'K7QM-4XPD', signature });
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

async function mountStatus() {
  const wrapper = mount(SignatureStatus, {
    props: { code: 'K7QM4XPD', stamp: 0 },
    global: { plugins: [i18n, PrimeVue] },
  });
  await flushPromises();
  return wrapper;
}

describe('the signature in words on the letter page', () => {
  it('asks the public verification for the embedded signature and says it holds', async () => {
    const calls = answer(check);
    const text = (await mountStatus()).text();
    expect(calls[0]).toMatch(/\/v\/K7QM4XPD\?format=json$/);
    expect(text).toContain('Tanda tangan sah');
    expect(text).toContain('Dr. Ir. Ratna Maulana, M.Si., Plt. Kepala Biro Kesejahteraan Rakyat');
    expect(text).toContain('7 Desember 2026, 10.05 WIB');
    expect(text).toContain('Utuh, tidak berubah sejak ditandatangani');
    expect(text).toContain('Berlaku pada waktu penandatanganan');
    expect(text).not.toMatch(/valid|true|2026-12-07T/);
    expect(text).not.toContain('Cap waktu');
  });

  it('names the timestamp authority and its time for a B-T signature', async () => {
    answer({
      ...check,
      timestamped: true,
      timestampAuthority: 'TSA Uji',
      timestampedAt: '2026-12-07T03:05:02.000Z',
    });
    const wrapper = await mountStatus();
    expect(wrapper.find('[data-testid="signature-timestamp"]').text()).toBe(
      'Dicap waktu oleh TSA Uji pada 7 Desember 2026, 10.05 WIB',
    );
  });

  it('keeps an earlier signature valid when the certificate was revoked later, and says so', async () => {
    answer({ ...check, revokedAt: '2026-12-08T02:00:00.000Z' });
    const text = (await mountStatus()).text();
    expect(text).toContain('Tanda tangan sah');
    expect(text).toContain('dicabut kemudian, 8 Desember 2026, 09.00 WIB');
  });

  it('says a changed document and a revoked certificate plainly', async () => {
    answer({ ...check, valid: false, documentIntact: false, certificateStatus: 'revoked' });
    const text = (await mountStatus()).text();
    expect(text).toContain('Tanda tangan tidak sah');
    expect(text).toContain('Telah diubah setelah ditandatangani');
    expect(text).toContain('Sudah dicabut sebelum penandatanganan');
  });

  it('says the check is not available when the server cannot answer', async () => {
    answer(null, 500);
    const text = (await mountStatus()).text();
    expect(text).toContain('belum dapat diperiksa');
    expect(text).not.toContain('Tanda tangan sah');
  });
});
