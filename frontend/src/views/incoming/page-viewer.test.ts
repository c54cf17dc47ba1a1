import { flushPromises, mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredFileInfo } from '@/api/incoming.ts';
import { i18n } from '@/i18n/index.ts';
import PageViewer from './page-viewer.vue';

const REFUSAL =
  'Halaman 1 akan berukuran 1.200 × 1.960.785 piksel (2.353 juta piksel), melebihi batas 60 juta piksel untuk ditampilkan. Unduh berkas aslinya untuk melihatnya.';
const file: StoredFileInfo = {
  id: 'f1',
  name: 'kotak.pdf',
  size: 365,
  mimeType: 'application/pdf',
  sha256: 'a'.repeat(64),
  pageCount: 2,
  ocrStatus: 'failed',
  contentUrl: '/api/files/f1/content',
};

let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(() => {
  i18n.global.locale.value = 'id';
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

const mountViewer = () =>
  mount(PageViewer, { props: { file }, global: { plugins: [PrimeVue, i18n] } });

describe('page viewer', () => {
  it("shows the server's refusal of a page too large to draw, not a broken image", async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: REFUSAL } }), {
        status: 422,
        headers: { 'content-type': 'application/json' },
      }),
    );
    const wrapper = mountViewer();
    await wrapper.get('[data-testid="page-image"]').trigger('error');
    await flushPromises();
    expect(String(fetchMock.mock.calls[0]![0])).toBe('/api/files/f1/pages/1?width=1200');
    const problem = wrapper.get('[data-testid="page-problem"]');
    expect(problem.attributes('role')).toBe('alert');
    expect(problem.text()).toBe(REFUSAL);
    expect(wrapper.find('[data-testid="page-image"]').exists()).toBe(false);
    // The original stays reachable, and the next page is tried afresh.
    expect(wrapper.get('a.download').attributes('href')).toBe('/api/files/f1/content?download=1');
    await wrapper.get('[aria-label="Halaman berikutnya"]').trigger('click');
    expect(wrapper.find('[data-testid="page-problem"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="page-image"]').attributes('src')).toBe(
      '/api/files/f1/pages/2?width=1200',
    );
  });

  it('says so in its own words when the answer carries no message', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const wrapper = mountViewer();
    await wrapper.get('[data-testid="page-image"]').trigger('error');
    await flushPromises();
    expect(wrapper.get('[data-testid="page-problem"]').text()).toBe(
      'Halaman ini tidak dapat ditampilkan. Unduh berkas aslinya untuk melihatnya.',
    );
  });
});
