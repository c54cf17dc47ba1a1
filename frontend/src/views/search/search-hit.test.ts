import { mount } from '@vue/test-utils';
import PrimeVue from 'primevue/config';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { SearchHit as Hit } from '@/api/search.ts';
import { i18n, setLocale } from '@/i18n/index.ts';
import SearchHit from './search-hit.vue';

type MatchedIn = NonNullable<Hit['meeting']>['matchedIn'];

/** Every place a meeting hit can be found in, as the API declares it (generated.ts). */
const MATCHES: Record<MatchedIn, string> = {
  rapat: 'Data rapat',
  notulen: 'Notulen',
  tindak_lanjut: 'Keputusan dan tindak lanjut',
  pindaian_notulen: 'Pindaian notulen',
  daftar_hadir: 'Daftar hadir',
};

const meetingHit = (matchedIn: MatchedIn): Hit => ({
  letterId: '65a000000000000000000001',
  direction: 'meeting',
  letterNumber: null,
  subject: 'Rapat Koordinasi Irigasi',
  date: '2026-12-07',
  securityClass: 'B',
  snippet: 'Perbaiki saluran <mark>irigasi</mark> sebelum musim tanam',
  meeting: {
    id: '65a000000000000000000001',
    title: 'Rapat Koordinasi Irigasi',
    startAt: '2026-12-07T02:00:00.000Z',
    matchedIn,
  },
});

function mountHit(hit: Hit) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<p />' } },
      { path: '/rapat/:id', name: 'meeting-detail', component: { template: '<p />' } },
    ],
  });
  return mount(SearchHit, { props: { hit }, global: { plugins: [router, i18n, PrimeVue] } });
}

afterEach(() => setLocale('id'));

describe('a meeting search hit', () => {
  it('says in Bahasa Indonesia which part of the meeting holds the words', () => {
    setLocale('id');
    for (const [matchedIn, label] of Object.entries(MATCHES)) {
      const wrapper = mountHit(meetingHit(matchedIn as MatchedIn));
      expect(wrapper.get('[data-testid="search-hit-found-in"]').text()).toBe(label);
      expect(wrapper.get('[data-testid="search-hit-kind"]').text()).toBe('Rapat');
      wrapper.unmount();
    }
  });

  it('labels the decisions as follow-up, not as the meeting data, in English too', () => {
    setLocale('en');
    const wrapper = mountHit(meetingHit('tindak_lanjut'));
    expect(wrapper.get('[data-testid="search-hit-found-in"]').text()).toBe(
      'Decisions and follow-up',
    );
  });
});
