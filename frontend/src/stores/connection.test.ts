import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from 'vue';
import { http, READ_RETRY_DELAYS_MS } from '@/api/http.ts';
import { RETRY_INTERVAL_MS, useConnectionStore } from './connection.ts';

let serverUp = false;
const healthy = () =>
  new Response(
    JSON.stringify({
      status: 'ok',
      database: 'ok',
      storage: 'ok',
      mail: 'disabled',
      version: '1.2.3',
    }),
    {
      status: 200,
      headers: { 'content-type': 'application/json' },
    },
  );

beforeEach(() => {
  vi.useFakeTimers();
  serverUp = false;
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => {
      if (!serverUp) throw new TypeError('Failed to fetch');
      return healthy();
    }),
  );
  const pinia = createPinia();
  createApp({}).use(pinia);
  setActivePinia(pinia);
  const connection = useConnectionStore();
  http.configure({
    onUnreachable: () => connection.markUnreachable(),
    onReachable: () => connection.markReachable(),
  });
});

afterEach(() => {
  useConnectionStore().stopMonitoring();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('connection store', () => {
  it('reports the server unreachable after a failed request and clears itself once /api/health answers', async () => {
    const connection = useConnectionStore();
    const read = http.get('/api/letters').catch(() => undefined);
    // A read is tried again after short pauses before the server counts as unreachable.
    await vi.advanceTimersByTimeAsync(READ_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0));
    await read;
    expect(connection.problem).toBe('unreachable');

    // Still down at the first retry.
    await vi.advanceTimersByTimeAsync(RETRY_INTERVAL_MS);
    expect(connection.problem).toBe('unreachable');

    serverUp = true;
    await vi.advanceTimersByTimeAsync(RETRY_INTERVAL_MS);
    expect(connection.problem).toBeNull();
    expect(connection.version).toBe('1.2.3');
    const healthCalls = (fetch as unknown as ReturnType<typeof vi.fn>).mock.calls.filter(
      ([url]) => url === '/api/health',
    );
    expect(healthCalls.length).toBeGreaterThanOrEqual(2);
  });

  it('says "degraded" when the server answers but the database or storage does not', async () => {
    serverUp = true;
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              status: 'degraded',
              database: 'unavailable',
              storage: 'ok',
              mail: 'disabled',
              version: '1',
            }),
            {
              status: 503,
              headers: { 'content-type': 'application/json' },
            },
          ),
      ),
    );
    const connection = useConnectionStore();
    await connection.check();
    expect(connection.reachable).toBe(true);
    expect(connection.problem).toBe('degraded');
  });

  it('treats the browser going offline as unreachable', () => {
    const connection = useConnectionStore();
    connection.startMonitoring();
    window.dispatchEvent(new Event('offline'));
    expect(connection.problem).toBe('unreachable');
  });
});
