import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  emptySearchState,
  fromRouteQuery,
  hasCriteria,
  hitLocation,
  searchKey,
  statusValuesFor,
  toApiQuery,
  toRouteQuery,
  validateState,
  type SearchState,
} from './search-state.ts';

const state = (patch: Partial<SearchState> = {}): SearchState => ({
  ...emptySearchState(),
  ...patch,
});
const messages = { classification: 'kode', sender: 'pendek', dateOrder: 'urutan' };

describe('search state in the URL', () => {
  it('round-trips every criterion through Indonesian query keys', () => {
    const full = state({
      q: '"dana hibah" kepeg*',
      from: '2026-01-01',
      to: '2026-03-31',
      dateField: 'received',
      direction: 'incoming',
      register: 'MEJA-2',
      classification: '000.1',
      sender: 'Dinas',
      securityClass: 'T',
      status: 'done',
      page: 3,
      pageSize: 50,
    });
    const query = toRouteQuery(full);
    expect(query).toEqual({
      q: '"dana hibah" kepeg*',
      dari: '2026-01-01',
      sampai: '2026-03-31',
      tanggal: 'diterima',
      jenis: 'masuk',
      buku: 'MEJA-2',
      klasifikasi: '000.1',
      pengirim: 'Dinas',
      keamanan: 'T',
      status: 'done',
      halaman: '3',
      per: '50',
    });
    expect(fromRouteQuery(query as Record<string, string>)).toEqual(full);
    expect(fromRouteQuery({ jenis: 'keluar' }).direction).toBe('outgoing');
  });

  it('leaves defaults and empty fields out of the URL', () => {
    expect(toRouteQuery(state({ q: '  rapat  ' }))).toEqual({ q: 'rapat' });
    expect(toRouteQuery(emptySearchState())).toEqual({});
  });

  it('ignores malformed values from a hand-edited or old link', () => {
    const parsed = fromRouteQuery({
      dari: '2026-02-30',
      sampai: 'kemarin',
      jenis: 'semua',
      keamanan: 'X',
      halaman: '-2',
      per: '7',
      q: ['rapat', 'lain'],
    });
    expect(parsed).toEqual(state({ q: 'rapat' }));
    expect(fromRouteQuery({ halaman: '9999' }).page).toBe(500);
    expect(fromRouteQuery({ keamanan: 'sr' }).securityClass).toBe('SR');
    expect(fromRouteQuery({ q: 'x'.repeat(900) }).q).toHaveLength(500);
  });

  it('gives equal searches equal keys whatever the order of the query', () => {
    expect(searchKey(fromRouteQuery({ q: 'a', jenis: 'masuk' }))).toBe(
      searchKey(fromRouteQuery({ jenis: 'masuk', q: 'a' })),
    );
    expect(searchKey(state({ q: 'a', page: 2 }))).not.toBe(searchKey(state({ q: 'a' })));
  });
});

describe('search state to the API', () => {
  it('sends only valid, non-empty criteria', () => {
    expect(toApiQuery(state({ q: ' rapat ', direction: 'outgoing', page: 2 }))).toEqual({
      q: 'rapat',
      direction: 'outgoing',
      page: 2,
      pageSize: 20,
    });
    expect(toApiQuery(state({ classification: '80', sender: 'a' }))).toEqual({
      page: 1,
      pageSize: 20,
    });
    expect(toApiQuery(state({ classification: '800.1', sender: 'Di' }))).toMatchObject({
      classification: '800.1',
      sender: 'Di',
    });
    expect(toApiQuery(state({ from: '2026-05-01', to: '2026-01-01' }))).toEqual({
      page: 1,
      pageSize: 20,
    });
  });

  it('explains beside the fields what the server would refuse', () => {
    expect(
      validateState(
        state({ classification: '8001x', sender: 'a', from: '2026-05-01', to: '2026-01-01' }),
        messages,
      ),
    ).toEqual({
      classification: 'kode',
      sender: 'pendek',
      from: 'urutan',
    });
    expect(
      validateState(
        state({
          classification: '000.5.3.1',
          sender: 'Dinas',
          from: '2026-01-01',
          to: '2026-01-01',
        }),
        messages,
      ),
    ).toEqual({});
  });

  it('counts filters apart from the query box and shows help when there is nothing to search', () => {
    expect(activeFilterCount(state({ q: 'rapat' }))).toBe(0);
    expect(
      activeFilterCount(state({ direction: 'incoming', securityClass: 'B', from: '2026-01-01' })),
    ).toBe(3);
    expect(hasCriteria(state({ q: '   ' }))).toBe(false);
    expect(hasCriteria(state({ status: 'done' }))).toBe(true);
  });

  it('offers the statuses of the chosen direction', () => {
    expect(statusValuesFor('incoming')).toEqual(['registered', 'in_progress', 'done', 'void']);
    expect(statusValuesFor('outgoing')).toEqual(['Ditandatangani', 'Terkirim']);
    expect(statusValuesFor('')).toHaveLength(6);
  });
});

describe('register and received-date filters', () => {
  it('sends them to the API, counts the register, and drops a date field without dates', () => {
    const withDates = state({ from: '2026-07-01', dateField: 'received', register: 'SETDA' });
    expect(toApiQuery(withDates)).toMatchObject({
      from: '2026-07-01',
      dateField: 'received',
      register: 'SETDA',
    });
    expect(activeFilterCount(withDates)).toBe(2);
    const noDates = state({ dateField: 'received' });
    expect(toApiQuery(noDates).dateField).toBeUndefined();
    expect(toRouteQuery(noDates)).toEqual({});
    expect(fromRouteQuery({ buku: 'setda; drop' }).register).toBe('');
  });
});

describe('opening a hit', () => {
  it('carries the words that found it to the viewer, for the highlight', () => {
    expect(
      hitLocation({ letterId: 'a1', direction: 'incoming', fileId: 'f1', page: 2 }, ' kearsip* '),
    ).toEqual({
      name: 'incoming-detail',
      params: { id: 'a1' },
      query: { berkas: 'f1', halaman: '2', q: 'kearsip*' },
    });
  });

  it('opens a meeting at the scan and page of the match, or at its top', () => {
    expect(hitLocation({ letterId: 'm1', direction: 'meeting', fileId: 'f9', page: 2 })).toEqual({
      name: 'meeting-detail',
      params: { id: 'm1' },
      query: { berkas: 'f9', halaman: '2' },
    });
    expect(hitLocation({ letterId: 'm1', direction: 'meeting' })).toEqual({
      name: 'meeting-detail',
      params: { id: 'm1' },
      query: {},
    });
    expect(statusValuesFor('meeting')).toEqual([]);
    expect(fromRouteQuery({ jenis: 'rapat' }).direction).toBe('meeting');
    expect(toRouteQuery(state({ direction: 'meeting' })).jenis).toBe('rapat');
  });

  it('opens an incoming letter at the file and page of the match', () => {
    expect(hitLocation({ letterId: 'a1', direction: 'incoming', fileId: 'f1', page: 3 })).toEqual({
      name: 'incoming-detail',
      params: { id: 'a1' },
      query: { berkas: 'f1', halaman: '3' },
    });
    expect(hitLocation({ letterId: 'a1', direction: 'incoming' })).toEqual({
      name: 'incoming-detail',
      params: { id: 'a1' },
      query: {},
    });
  });

  it('opens an outgoing letter on its own page', () => {
    expect(hitLocation({ letterId: 'b2', direction: 'outgoing', fileId: 'f', page: 1 })).toEqual({
      name: 'outgoing-detail',
      params: { id: 'b2' },
    });
  });
});
