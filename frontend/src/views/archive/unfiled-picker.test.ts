import { flushPromises, mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '@/i18n/index.ts';
import UnfiledPicker from './unfiled-picker.vue';

const queries: Array<Record<string, unknown>> = [];
vi.mock('@/api/archive.ts', () => ({
  listUnfiled: vi.fn(async (query: Record<string, unknown>) => {
    queries.push(query);
    return { items: [], total: 0 };
  }),
}));

describe('unfiled letter picker', () => {
  it('says no unfiled letter has that code, never that such letters are already filed', async () => {
    const wrapper = mount(UnfiledPicker, {
      props: { actionLabel: 'Masukkan', initialYear: 2026 },
      global: { plugins: [i18n, PrimeVue] },
    });
    await flushPromises();
    expect(wrapper.text()).toContain('Tidak ada surat masuk tahun 2026 yang belum diberkaskan.');

    await wrapper.get('input[aria-label="Kode klasifikasi"]').setValue('999.9');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(queries.at(-1)).toMatchObject({ code: '999.9', year: 2026 });
    const text = wrapper.text();
    expect(text).toContain(
      'Tidak ada surat masuk tahun 2026 berkode 999.9 yang belum diberkaskan.',
    );
    expect(text).not.toContain('sudah diberkaskan');
  });
});
