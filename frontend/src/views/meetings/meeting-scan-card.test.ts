import { mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { describe, expect, it } from 'vitest';
import FilePicker from '@/components/file-picker.vue';
import { i18n } from '@/i18n/index.ts';
import MeetingScanCard from './meeting-scan-card.vue';

/** The one block behind a meeting's minutes scan and its attendance sheet. OcrStatus polls
 * the API for the scan's reading; it has its own test and is stubbed here. */
const scan = { id: 'f1', name: 'notulen.pdf', contentUrl: '/api/files/f1/content' };
function mountCard(props: Partial<InstanceType<typeof MeetingScanCard>['$props']> = {}) {
  return mount(MeetingScanCard, {
    props: {
      testid: 'minutes-scan',
      label: 'Pindaian notulen',
      file: scan,
      emptyText: 'Belum ada pindaian.',
      attachLabel: 'Lampirkan pindaian',
      canChange: true,
      busy: false,
      found: null,
      ...props,
    },
    global: { plugins: [i18n, PrimeVue], stubs: { OcrStatus: true } },
  });
}

describe('MeetingScanCard', () => {
  it('offers to attach while there is no scan, and hands over the chosen file', async () => {
    const card = mountCard({ file: null });
    expect(card.text()).toContain('Belum ada pindaian.');
    expect(card.find('[data-testid="minutes-scan-link"]').exists()).toBe(false);
    expect(card.find('[data-testid="minutes-scan-remove"]').exists()).toBe(false);
    const picker = card.getComponent(FilePicker);
    expect(picker.props('label')).toBe('Lampirkan pindaian');
    expect(picker.props('testid')).toBe('minutes-scan-file');
    const file = new File(['%PDF-1.4'], 'notulen.pdf', { type: 'application/pdf' });
    picker.vm.$emit('select', [file]);
    expect(card.emitted('select')).toEqual([[file]]);
  });

  it('links the scan, offers to replace and remove it, and marks nothing without a hit', async () => {
    const card = mountCard({ found: { fileId: 'other', page: 2 } });
    const link = card.get('[data-testid="minutes-scan-link"]');
    expect(link.attributes('href')).toBe('/api/files/f1/content');
    expect(link.text()).toContain('notulen.pdf');
    expect(card.get('[data-testid="minutes-scan"]').attributes('data-found')).toBe('false');
    expect(card.find('.found-note').exists()).toBe(false);
    expect(card.getComponent(FilePicker).props('label')).toBe('Ganti pindaian');
    await card.get('[data-testid="minutes-scan-remove"]').trigger('click');
    expect(card.emitted('remove')).toHaveLength(1);
  });

  it('marks the scan a search hit was found in and opens it at the hit page', () => {
    const card = mountCard({ found: { fileId: 'f1', page: 3 } });
    const block = card.get('[data-testid="minutes-scan"]');
    expect(block.attributes('data-found')).toBe('true');
    expect(block.classes()).toContain('found');
    expect(card.get('[data-testid="minutes-scan-link"]').attributes('href')).toBe(
      '/api/files/f1/content#page=3',
    );
    expect(card.get('.found-note').text()).toContain('halaman 3');
  });

  it('shows only the scan to who may not change it', () => {
    const card = mountCard({ canChange: false });
    expect(card.find('[data-testid="minutes-scan-link"]').exists()).toBe(true);
    expect(card.findComponent(FilePicker).exists()).toBe(false);
    expect(card.find('[data-testid="minutes-scan-remove"]').exists()).toBe(false);
  });
});
