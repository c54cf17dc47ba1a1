import { flushPromises, mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import Tooltip from 'primevue/tooltip';
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
  sessionStorage.clear();
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

const mountViewer = (props: Record<string, unknown> = {}) =>
  mount(PageViewer, {
    props: { file, ...props },
    global: { plugins: [PrimeVue, i18n], directives: { tooltip: Tooltip } },
    attachTo: document.body,
  });

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

/** Gives the page image the size it would have (jsdom loads no pictures). */
async function loadImage(wrapper: ReturnType<typeof mountViewer>, width = 1200, height = 1697) {
  const image = wrapper.get('[data-testid="page-image"]');
  Object.defineProperty(image.element, 'naturalWidth', { value: width, configurable: true });
  Object.defineProperty(image.element, 'naturalHeight', { value: height, configurable: true });
  await image.trigger('load');
  await flushPromises();
}

const pageStyle = (wrapper: ReturnType<typeof mountViewer>) =>
  (wrapper.get('.page').element as HTMLElement).style;

describe('page viewer', () => {
  it("shows the server's refusal of a page too large to draw, with a retry and the original", async () => {
    fetchMock.mockResolvedValue(
      json({ error: { code: 'VALIDATION_FAILED', message: REFUSAL } }, 422),
    );
    const wrapper = mountViewer();
    expect(wrapper.find('[data-testid="page-skeleton"]').exists()).toBe(true);
    await wrapper.get('[data-testid="page-image"]').trigger('error');
    await flushPromises();
    expect(String(fetchMock.mock.calls[0]![0])).toMatch(/^\/api\/files\/f1\/pages\/1\?width=\d+$/);
    const problem = wrapper.get('[data-testid="page-problem"]');
    expect(problem.attributes('role')).toBe('alert');
    expect(wrapper.get('[data-testid="page-problem-text"]').text()).toBe(REFUSAL);
    expect(wrapper.find('[data-testid="page-image"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="page-skeleton"]').exists()).toBe(false);
    // The original stays reachable, and the next page is tried afresh.
    expect(wrapper.get('a.download').attributes('href')).toBe('/api/files/f1/content?download=1');
    await wrapper.get('[aria-label="Halaman berikutnya"]').trigger('click');
    expect(wrapper.find('[data-testid="page-problem"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="page-image"]').attributes('src')).toMatch(
      /^\/api\/files\/f1\/pages\/2\?width=\d+$/,
    );
    wrapper.unmount();
  });

  it('says a page did not arrive in its own words, and "Coba lagi" asks for it again', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const wrapper = mountViewer();
    const first = wrapper.get('[data-testid="page-image"]').element;
    await wrapper.get('[data-testid="page-image"]').trigger('error');
    await flushPromises();
    expect(wrapper.get('[data-testid="page-problem-text"]').text()).toBe(
      'Halaman 1 tidak dapat dimuat. Periksa sambungan, lalu coba lagi.',
    );
    await wrapper.get('[data-testid="page-retry"]').trigger('click');
    // A new image element (a new request), the skeleton meanwhile, no message.
    expect(wrapper.find('[data-testid="page-problem"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="page-skeleton"]').exists()).toBe(true);
    const again = wrapper.get('[data-testid="page-image"]');
    expect(again.element).not.toBe(first);
    await loadImage(wrapper);
    expect(wrapper.find('[data-testid="page-skeleton"]').exists()).toBe(false);
    expect(again.classes()).not.toContain('loading');
    wrapper.unmount();
  });

  it('zooms by steps from the width fit, fits the whole page, and takes the keys', async () => {
    const wrapper = mountViewer();
    await loadImage(wrapper);
    const width = () => parseFloat(pageStyle(wrapper).width);
    // jsdom has no layout: the viewer falls back to an 800 px wide box.
    expect(wrapper.get('[data-testid="zoom-label"]').text()).toBe('Lebar');
    expect(width()).toBe(800);
    await wrapper.get('[data-testid="zoom-in"]').trigger('click');
    expect(wrapper.get('[data-testid="zoom-label"]').text()).toBe('125%');
    expect(width()).toBe(1000);
    const viewer = wrapper.get('[data-testid="scan-viewer"]');
    await viewer.trigger('keydown', { key: '+' });
    expect(wrapper.get('[data-testid="zoom-label"]').text()).toBe('150%');
    await viewer.trigger('keydown', { key: '-' });
    await viewer.trigger('keydown', { key: '-' });
    await viewer.trigger('keydown', { key: '-' });
    expect(wrapper.get('[data-testid="zoom-label"]').text()).toBe('75%');
    // A bigger drawing asks the server for a bigger picture, from a few fixed widths.
    await wrapper.get('[data-testid="fit-width"]').trigger('click');
    expect(wrapper.get('[data-testid="zoom-label"]').text()).toBe('Lebar');
    const small = wrapper.get('[data-testid="page-image"]').attributes('src');
    await viewer.trigger('keydown', { key: '+' });
    await viewer.trigger('keydown', { key: '+' });
    await viewer.trigger('keydown', { key: '+' });
    const large = wrapper.get('[data-testid="page-image"]').attributes('src');
    expect(Number(/width=(\d+)/.exec(large!)![1])).toBeGreaterThan(
      Number(/width=(\d+)/.exec(small!)![1]),
    );
    // Whole page: the window's height bounds it (jsdom's 768 px window: 78 % of it).
    await wrapper.get('[data-testid="fit-page"]').trigger('click');
    expect(wrapper.get('[data-testid="zoom-label"]').text()).toBe('Halaman');
    expect(parseFloat(pageStyle(wrapper).height)).toBeCloseTo(Math.round(768 * 0.78), 0);
    // Ctrl + wheel zooms; a plain wheel scrolls and leaves the zoom alone.
    await wrapper.get('.canvas').trigger('wheel', { deltaY: 100 });
    expect(wrapper.get('[data-testid="zoom-label"]').text()).toBe('Halaman');
    await wrapper.get('.canvas').trigger('wheel', { deltaY: -100, ctrlKey: true });
    expect(wrapper.get('[data-testid="zoom-label"]').text()).toMatch(/^\d+%$/);
    // Pages by keys.
    await viewer.trigger('keydown', { key: 'ArrowRight' });
    expect(wrapper.get('[data-testid="page-label"]').text()).toBe('Halaman 2 dari 2');
    await viewer.trigger('keydown', { key: 'ArrowRight' });
    expect(wrapper.get('[data-testid="page-label"]').text()).toBe('Halaman 2 dari 2');
    await viewer.trigger('keydown', { key: 'Home' });
    expect(wrapper.get('[data-testid="page-label"]').text()).toBe('Halaman 1 dari 2');
    wrapper.unmount();
  });

  it('turns the page a quarter at a time, fits it turned, and remembers the turn for the file', async () => {
    const wrapper = mountViewer();
    await loadImage(wrapper, 1200, 1697);
    await wrapper.get('[data-testid="rotate"]').trigger('click');
    expect(pageStyle(wrapper).transform).toBe('translate(-50%, -50%) rotate(90deg)');
    // Turned, the page's height lies across the viewer: it is fitted by it.
    const sheet = (wrapper.get('.sheet').element as HTMLElement).style;
    expect(parseFloat(sheet.width)).toBeCloseTo(800, 0);
    expect(parseFloat(sheet.height)).toBeCloseTo(800 / (1697 / 1200), 0);
    await wrapper.get('[data-testid="scan-viewer"]').trigger('keydown', { key: 'r' });
    expect(wrapper.get('[data-testid="scan-viewer"]').attributes('data-rotation')).toBe('180');
    wrapper.unmount();
    // Another screen showing the same file in this session opens it turned.
    const again = mountViewer();
    expect(again.get('[data-testid="scan-viewer"]').attributes('data-rotation')).toBe('180');
    again.unmount();
    const other = mountViewer({ file: { ...file, id: 'f2' } });
    expect(other.get('[data-testid="scan-viewer"]').attributes('data-rotation')).toBe('0');
    other.unmount();
  });

  it('marks the words found on the page from the word boxes and goes between pages with hits', async () => {
    fetchMock.mockImplementation(async (url: string) => {
      if (String(url).startsWith('/api/files/f1/words'))
        return json({
          read: true,
          pages: [
            { page: 1, count: 1, located: true, boxes: [{ x: 0.1, y: 0.2, w: 0.3, h: 0.02 }] },
            { page: 2, count: 2, located: false, boxes: [] },
          ],
        });
      return json({});
    });
    const wrapper = mountViewer({ query: 'kearsipan' });
    await flushPromises();
    expect(String(fetchMock.mock.calls[0]![0])).toBe('/api/files/f1/words?q=kearsipan');
    await loadImage(wrapper);
    const hit = wrapper.get('[data-testid="page-hit"]');
    expect((hit.element as HTMLElement).style.left).toBe('10%');
    expect((hit.element as HTMLElement).style.top).toBe('20%');
    expect((hit.element as HTMLElement).style.width).toBe('30%');
    expect(wrapper.get('[data-testid="find-summary"]').text()).toBe(
      '1 di halaman ini · 3 di 2 halaman',
    );
    expect(wrapper.findAll('[data-testid="thumbnail-hits"]').map((b) => b.text())).toEqual([
      '1',
      '2',
    ]);
    // Page 2 holds the words but no boxes (read by an older version): said, nothing drawn.
    await wrapper.get('[data-testid="next-hit"]').trigger('click');
    await loadImage(wrapper);
    expect(wrapper.get('[data-testid="page-label"]').text()).toBe('Halaman 2 dari 2');
    expect(wrapper.find('[data-testid="page-hit"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="find-summary"]').text()).toMatch(/letaknya tidak tersimpan/);
    wrapper.unmount();
  });

  it('says when the words are not in the file or its text is not read yet', async () => {
    fetchMock.mockResolvedValueOnce(json({ read: false, pages: [] }));
    const wrapper = mountViewer({ query: 'arsip' });
    await flushPromises();
    expect(wrapper.get('[data-testid="find-summary"]').text()).toMatch(/OCR belum selesai/);
    fetchMock.mockResolvedValueOnce(json({ read: true, pages: [] }));
    await wrapper.setProps({ query: 'kendaraan' });
    await vi.waitFor(() =>
      expect(wrapper.get('[data-testid="find-summary"]').text()).toBe(
        'Kata yang dicari tidak ada di berkas ini.',
      ),
    );
    wrapper.unmount();
  });
});
