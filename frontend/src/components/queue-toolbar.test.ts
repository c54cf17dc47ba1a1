import { mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '@/i18n/index.ts';
import QueueMarks from './queue-marks.vue';
import QueueToolbar from './queue-toolbar.vue';
import { activeChips, emptyQueueFilters, isNewSince, type QueueFilters } from './queue.ts';

const SORTS = [
  { value: 'priority', label: 'Paling mendesak' },
  { value: 'deadline', label: 'Batas waktu terdekat' },
];

function mountToolbar(props: Record<string, unknown> = {}) {
  const updates: QueueFilters[] = [];
  const wrapper = mount(QueueToolbar, {
    props: {
      modelValue: emptyQueueFilters('priority'),
      sorts: SORTS,
      statuses: [
        { value: 'terkirim', label: 'Terkirim' },
        { value: 'dibaca', label: 'Dibaca' },
      ],
      total: 42,
      noun: 'disposisi',
      'onUpdate:modelValue': (value: QueueFilters) => {
        updates.push(value);
        void wrapper.setProps({ modelValue: value });
      },
      ...props,
    },
    global: { plugins: [PrimeVue, i18n] },
    attachTo: document.body,
  });
  return { wrapper, updates };
}

beforeEach(() => {
  i18n.global.locale.value = 'id';
});
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('queue toolbar', () => {
  it('shows the count, the default sort, and what is new', async () => {
    const { wrapper } = mountToolbar({ newCount: 3 });
    expect(wrapper.get('[data-testid="queue-count"]').text()).toBe('42 disposisi');
    expect(wrapper.get('[data-testid="queue-sort"]').text()).toContain('Paling mendesak');
    expect(wrapper.get('[data-testid="queue-new-count"]').text()).toContain(
      '3 baru sejak kunjungan terakhir',
    );
    await wrapper.get('[data-testid="queue-mark-seen"]').trigger('click');
    expect(wrapper.emitted('markSeen')).toHaveLength(1);
  });

  it('says when the count is an estimate', () => {
    const { wrapper } = mountToolbar({ totalExact: false, total: 2000 });
    expect(wrapper.get('[data-testid="queue-count"]').text()).toBe('sekitar 2.000 disposisi');
    expect(wrapper.get('[data-testid="queue-estimate-hint"]').text()).toContain(
      'Persempit pencarian',
    );
  });

  it('applies typed text after a pause, or at once on Enter', async () => {
    vi.useFakeTimers();
    const { wrapper, updates } = mountToolbar();
    await wrapper.get('[data-testid="queue-search"]').setValue('jembatan');
    expect(updates).toHaveLength(0);
    vi.advanceTimersByTime(500);
    expect(updates.at(-1)).toMatchObject({ q: 'jembatan', sort: 'priority' });
    await wrapper.vm.$nextTick();
    await wrapper.get('[data-testid="queue-search"]').setValue('jalan');
    await wrapper.get('form[role="search"]').trigger('submit');
    expect(updates.at(-1)).toMatchObject({ q: 'jalan' });
    vi.advanceTimersByTime(500);
    expect(updates.filter((u) => u.q === 'jalan')).toHaveLength(1);
  });

  it('filters by sifat in the panel and shows each filter as a removable chip', async () => {
    const { wrapper, updates } = mountToolbar();
    const panel = wrapper.get('[data-testid="queue-filter-panel"]');
    expect(panel.isVisible()).toBe(false);
    await wrapper.get('[data-testid="queue-filters-toggle"]').trigger('click');
    expect(panel.isVisible()).toBe(true);
    const urgent = wrapper
      .get('[data-testid="queue-urgency"]')
      .findAll('button')
      .find((b) => b.text() === 'Sangat Segera')!;
    await urgent.trigger('click');
    expect(updates.at(-1)!.urgency).toEqual(['sangat_segera']);

    await wrapper.setProps({
      modelValue: { ...updates.at(-1)!, sender: 'Dinas Kesehatan', q: 'rapat' },
    });
    const chips = wrapper.findAll('.chip-label').map((c) => c.text());
    expect(chips).toEqual(['Cari: rapat', 'Sifat: Sangat Segera', 'Pengirim: Dinas Kesehatan']);
    // The filter button counts the panel's filters (the search box shows its own).
    expect(wrapper.get('[data-testid="queue-filters-toggle"]').text()).toContain('2');

    await wrapper
      .get('[data-testid="queue-chip-urgency:sangat_segera"]')
      .get('button')
      .trigger('click');
    expect(updates.at(-1)).toMatchObject({ urgency: [], sender: 'Dinas Kesehatan', q: 'rapat' });
    await wrapper.get('[data-testid="queue-clear"]').trigger('click');
    expect(updates.at(-1)).toMatchObject({ q: '', urgency: [], sender: '', status: [] });
    expect(wrapper.emitted('clearExtra')).toHaveLength(1);
  });

  it('passes chips of the screen’s own filters back to it', async () => {
    const { wrapper } = mountToolbar({
      extraChips: [{ key: 'period', label: 'Diterima: 1 Desember 2026' }],
    });
    await wrapper.get('[data-testid="queue-chip-period"]').get('button').trigger('click');
    expect(wrapper.emitted('removeExtra')).toEqual([['period']]);
  });
});

describe('queue marks', () => {
  it('says "Baru", the sifat and the deadline in words, not colour alone', () => {
    const wrapper = mount(QueueMarks, {
      props: {
        isNew: true,
        urgency: 'sangat_segera',
        dueDate: '2026-12-05',
        overdue: true,
        daysLate: 2,
      },
      global: { plugins: [PrimeVue, i18n] },
    });
    expect(wrapper.get('[data-testid="mark-new"]').text()).toBe('Baru');
    expect(wrapper.get('[data-testid="mark-urgency-sangat_segera"]').text()).toBe('Sangat Segera');
    expect(wrapper.get('[data-testid="mark-due"]').text()).toBe(
      'Terlambat 2 hari · batas 5 Desember 2026',
    );
    const today = mount(QueueMarks, {
      props: { urgency: 'biasa', dueDate: '2026-12-07', today: '2026-12-07' },
      global: { plugins: [PrimeVue, i18n] },
    });
    expect(today.find('[data-testid="mark-new"]').exists()).toBe(false);
    expect(today.get('[data-testid="mark-due"]').text()).toBe('Batas hari ini');
  });
});

describe('queue helpers', () => {
  it('marks only what arrived after the boundary, and nothing before it is known', () => {
    const since = new Date('2026-12-07T01:00:00Z');
    expect(isNewSince('2026-12-07T01:00:01Z', since)).toBe(true);
    expect(isNewSince('2026-12-07T01:00:00Z', since)).toBe(false);
    expect(isNewSince('2026-12-07T02:00:00Z', null)).toBe(false);
    expect(isNewSince(null, since)).toBe(false);
  });

  it('makes one chip per value, each removing only itself', () => {
    const filters = { ...emptyQueueFilters('priority'), urgency: ['segera', 'biasa'] as const };
    const chips = activeChips(
      { ...filters, urgency: [...filters.urgency], status: ['dibaca'] },
      {
        q: (v) => v,
        urgency: (v) => `u:${v}`,
        sender: (v) => v,
        classification: (v) => v,
        status: (v) => `s:${v}`,
      },
    );
    expect(chips.map((c) => c.label)).toEqual(['u:segera', 'u:biasa', 's:dibaca']);
    expect(
      chips[0]!.remove({ ...filters, urgency: ['segera', 'biasa'], status: [] }).urgency,
    ).toEqual(['biasa']);
  });
});
