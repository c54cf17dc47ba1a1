import { flushPromises, mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OcrPage, OcrView } from '@/api/ocr.ts';
import { i18n } from '@/i18n/index.ts';
import OcrStatus from './ocr-status.vue';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const view = (patch: Partial<OcrView>): OcrView => ({
  status: 'queued',
  searchablePdf: false,
  pages: [],
  ...patch,
});
const page = (n: number): OcrPage => ({
  number: n,
  text: `halaman ${n}`,
  confidence: 91,
  lowConfidence: false,
  source: 'ocr',
  corrected: false,
});

let fetchMock: ReturnType<typeof vi.fn>;
/** Answers queued for GET /api/files/f1/ocr, in order; the last one repeats. */
let answers: Response[];
const gets = () =>
  fetchMock.mock.calls.filter(
    ([url, init]) => String(url).endsWith('/ocr') && (init?.method ?? 'GET') === 'GET',
  ).length;

beforeEach(() => {
  vi.useFakeTimers();
  answers = [];
  fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    if (String(url).endsWith('/ocr/retry') && init?.method === 'POST')
      return json(202, view({ status: 'queued', attempts: 3 }));
    const next = answers.length > 1 ? answers.shift()! : answers[0]!;
    return next.clone();
  });
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function mountStatus(props: { canRetry?: boolean } = {}) {
  return mount(OcrStatus, {
    props: { fileId: 'f1', interval: 1000, ...props },
    global: { plugins: [i18n, PrimeVue] },
  });
}

describe('OCR status of a file', () => {
  it('polls while queued and processing, shows the page being read, and stops when done', async () => {
    answers = [
      json(200, view({ status: 'queued' })),
      json(200, view({ status: 'processing', progress: { page: 3, pages: 7 } })),
      json(200, view({ status: 'done', searchablePdf: true, pages: [page(1), page(2)] })),
    ];
    const wrapper = mountStatus();
    await flushPromises();
    expect(gets()).toBe(1);
    expect(wrapper.attributes('data-status')).toBe('queued');
    expect(wrapper.text()).toContain('Menunggu pembacaan teks');

    // Waiting files are checked at twice the interval.
    await vi.advanceTimersByTimeAsync(1500);
    expect(gets()).toBe(1);
    await vi.advanceTimersByTimeAsync(600);
    expect(gets()).toBe(2);
    expect(wrapper.text()).toContain('halaman 3 dari 7');

    await vi.advanceTimersByTimeAsync(1000);
    expect(gets()).toBe(3);
    expect(wrapper.attributes('data-status')).toBe('done');
    expect(wrapper.text()).toContain('Teks selesai dibaca (2 halaman)');
    expect(wrapper.get('[data-testid="searchable-pdf"]').attributes('href')).toBe(
      '/api/files/f1/searchable.pdf',
    );
    expect(wrapper.emitted('change')?.at(-1)?.[0]).toMatchObject({ status: 'done' });

    await vi.advanceTimersByTimeAsync(60_000);
    expect(gets()).toBe(3);
  });

  it('stops polling when unmounted', async () => {
    answers = [json(200, view({ status: 'processing', progress: { page: 1, pages: 2 } }))];
    const wrapper = mountStatus();
    await flushPromises();
    await vi.advanceTimersByTimeAsync(1000);
    expect(gets()).toBe(2);
    wrapper.unmount();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(gets()).toBe(2);
  });

  it('shows the failure and lets a permitted user retry, then polls again', async () => {
    answers = [
      json(
        200,
        view({
          status: 'failed',
          error: 'Berkas rusak: halaman 2 tidak dapat dibaca.',
          attempts: 2,
        }),
      ),
      json(200, view({ status: 'processing', progress: { page: 1, pages: 2 } })),
    ];
    const wrapper = mountStatus({ canRetry: true });
    await flushPromises();
    expect(wrapper.text()).toContain('Pembacaan teks gagal');
    expect(wrapper.text()).toContain('Berkas rusak: halaman 2 tidak dapat dibaca.');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(gets()).toBe(1);

    await wrapper.get('[data-testid="ocr-retry"]').trigger('click');
    await flushPromises();
    const retry = fetchMock.mock.calls.find(([url]) => String(url).endsWith('/ocr/retry'));
    expect(retry?.[1]).toMatchObject({ method: 'POST' });
    expect(wrapper.attributes('data-status')).toBe('queued');
    await vi.advanceTimersByTimeAsync(1000);
    expect(gets()).toBe(2);
    expect(wrapper.text()).toContain('halaman 1 dari 2');
  });

  it('offers no retry to users without the right', async () => {
    answers = [json(200, view({ status: 'failed', error: 'Gagal.' }))];
    const wrapper = mountStatus();
    await flushPromises();
    expect(wrapper.find('[data-testid="ocr-retry"]').exists()).toBe(false);
  });

  it('gives up on a refusal but keeps trying, more slowly, after a lost connection', async () => {
    answers = [
      json(403, {
        error: { code: 'FORBIDDEN', message: 'Anda tidak berwenang membuka berkas ini.' },
      }),
    ];
    const refused = mountStatus();
    await flushPromises();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(gets()).toBe(1);
    expect(refused.text()).toContain('tidak dapat dimuat');
    refused.unmount();

    fetchMock.mockClear();
    let calls = 0;
    fetchMock.mockImplementation(async () => {
      calls++;
      if (calls <= 2) throw new TypeError('Failed to fetch');
      return json(200, view({ status: 'done' }));
    });
    const offline = mountStatus();
    await flushPromises();
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(2000); // 1st retry after 2 × interval
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(3900); // 2nd after 4 × interval
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(3);
    expect(offline.attributes('data-status')).toBe('done');
  });

  it('starts over when it is given another file', async () => {
    answers = [json(200, view({ status: 'done', pages: [page(1)] }))];
    const wrapper = mountStatus();
    await flushPromises();
    await wrapper.setProps({ fileId: 'f2' });
    await flushPromises();
    expect(fetchMock.mock.calls.at(-1)?.[0]).toBe('/api/files/f2/ocr');
  });
});
