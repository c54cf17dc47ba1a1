import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptySearchState, type SearchState } from '@/views/search/search-state.ts';
import { useSearchStore } from './search.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const hit = (letterId: string) => ({
  letterId,
  direction: 'incoming',
  letterNumber: null,
  subject: letterId,
  date: null,
  securityClass: 'B',
  snippet: '',
});
const state = (patch: Partial<SearchState>): SearchState => ({ ...emptySearchState(), ...patch });

let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(() => {
  setActivePinia(createPinia());
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

describe('search store', () => {
  it('sends the criteria and keeps the answer', async () => {
    fetchMock.mockResolvedValue(json(200, { total: 41, items: [hit('a')] }));
    const store = useSearchStore();
    await store.run(state({ q: 'rapat', direction: 'incoming', page: 3 }));
    expect(String(fetchMock.mock.calls[0]![0])).toBe(
      '/api/search?page=3&pageSize=20&q=rapat&direction=incoming',
    );
    expect(store.total).toBe(41);
    expect(store.items.map((i) => i.letterId)).toEqual(['a']);
  });

  it('shows only the answer to the latest search when an older one arrives late', async () => {
    let releaseSlow!: (response: Response) => void;
    fetchMock
      .mockImplementationOnce(() => new Promise<Response>((resolve) => (releaseSlow = resolve)))
      .mockResolvedValueOnce(json(200, { total: 1, items: [hit('new')] }));
    const store = useSearchStore();
    const slow = store.run(state({ q: 'lama' }));
    await store.run(state({ q: 'baru' }));
    releaseSlow(json(200, { total: 9, items: [hit('old')] }));
    await slow;
    expect(store.items.map((i) => i.letterId)).toEqual(['new']);
    expect(store.loading).toBe(false);
  });

  it('keeps the list on screen while the same search is refreshed', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { total: 1, items: [hit('a')] }));
    const store = useSearchStore();
    await store.run(state({ q: 'rapat' }));
    fetchMock.mockImplementationOnce(() => new Promise(() => undefined));
    void store.run(state({ q: 'rapat' }));
    expect(store.loading).toBe(true);
    expect(store.items).toHaveLength(1);
    void store.run(state({ q: 'lain' }));
    expect(store.items).toHaveLength(0);
  });

  it('asks nothing when there is nothing to search for', async () => {
    const store = useSearchStore();
    await store.run(state({ q: '  ' }));
    expect(fetchMock).not.toHaveBeenCalled();
    expect(store.items).toEqual([]);
  });

  it('shows the server refusal', async () => {
    fetchMock.mockResolvedValue(
      json(400, {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Tanggal awal harus sebelum tanggal akhir.',
          details: {
            issues: [{ path: 'from', message: 'Tanggal awal harus sebelum tanggal akhir.' }],
          },
        },
      }),
    );
    const store = useSearchStore();
    await store.run(state({ q: 'x' }));
    expect(store.error).toBe('Tanggal awal harus sebelum tanggal akhir.');
    expect(store.fieldErrors).toEqual({ from: 'Tanggal awal harus sebelum tanggal akhir.' });
  });
});
