import { mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n/index.ts';
import type { HistoryEntry } from '@/api/incoming.ts';
import LetterHistoryList from './letter-history-list.vue';

const entry = (seq: number, details: HistoryEntry['details'] = null): HistoryEntry => ({
  seq,
  at: '2026-12-07T02:15:00.000Z',
  action: 'disposition.create',
  sentence:
    'Budi Santoso (Sekretaris Daerah) mendisposisikan surat ini kepada Asisten Administrasi Umum (penanggung jawab), sifat Sangat Segera, batas waktu 9 Desember 2026.',
  actorName: 'Budi Santoso',
  actorPositionTitle: 'Sekretaris Daerah',
  details,
});

describe('LetterHistoryList (the Riwayat)', () => {
  it('shows each event as its sentence with the time in WIB, and no codes', () => {
    const wrapper = mount(LetterHistoryList, {
      props: { entries: [entry(1)] },
      global: { plugins: [i18n, PrimeVue] },
    });
    const text = wrapper.text();
    expect(text).toContain('mendisposisikan surat ini kepada Asisten Administrasi Umum');
    expect(text).toContain('7 Desember 2026');
    expect(text).not.toContain('disposition.create');
    expect(text).not.toContain('Rincian');
  });

  it('keeps the technical details behind "Rincian" for the auditor', async () => {
    const wrapper = mount(LetterHistoryList, {
      props: {
        entries: [
          entry(2, {
            action: 'disposition.create',
            recordType: 'incoming-letter',
            recordId: 'x',
            changes: [{ field: 'urgency', before: null, after: 'sangat_segera' }],
          }),
        ],
      },
      global: { plugins: [i18n, PrimeVue] },
    });
    expect(wrapper.text()).not.toContain('sangat_segera');
    await wrapper.get('button').trigger('click');
    expect(wrapper.text()).toContain('sangat_segera');
  });
});
