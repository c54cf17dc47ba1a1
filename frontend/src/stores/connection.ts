import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { getHealth } from '@/api/health.ts';

/** Poll intervals: quick while the server is away, slow while all is well. */
export const RETRY_INTERVAL_MS = 5_000;
export const WATCH_INTERVAL_MS = 60_000;

/** Whether the API answers. The HTTP client reports failures and answers here; while the
 * server is unreachable this store polls /api/health until it answers, which clears the
 * banner by itself. */
export const useConnectionStore = defineStore('connection', () => {
  const reachable = ref(true);
  /** The server answers but a part behind it (database, object storage) does not. */
  const degraded = ref(false);
  const version = ref<string | null>(null);
  const lastCheckedAt = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let monitoring = false;

  const problem = computed<'unreachable' | 'degraded' | null>(() =>
    !reachable.value ? 'unreachable' : degraded.value ? 'degraded' : null,
  );

  function markUnreachable(): void {
    if (reachable.value) {
      reachable.value = false;
      schedule(RETRY_INTERVAL_MS);
    }
  }

  function markReachable(): void {
    if (!reachable.value) {
      reachable.value = true;
      if (monitoring) schedule(WATCH_INTERVAL_MS);
    }
  }

  async function check(): Promise<void> {
    try {
      const health = await getHealth();
      version.value = health.version;
      degraded.value = health.status !== 'ok';
      markReachable();
    } catch {
      // the HTTP client already called markUnreachable for network failures
    } finally {
      lastCheckedAt.value = new Date().toISOString();
    }
  }

  function schedule(delay: number): void {
    if (timer) clearTimeout(timer);
    if (!monitoring && reachable.value) {
      timer = null;
      return;
    }
    timer = setTimeout(async () => {
      timer = null;
      await check();
      if (timer === null) schedule(reachable.value ? WATCH_INTERVAL_MS : RETRY_INTERVAL_MS);
    }, delay);
  }

  const onOnline = () => void check();
  const onOffline = () => markUnreachable();

  /** Starts watching (the app shell calls it once): an immediate check, then periodic ones. */
  function startMonitoring(): void {
    if (monitoring) return;
    monitoring = true;
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    void check().then(() => {
      if (timer === null) schedule(reachable.value ? WATCH_INTERVAL_MS : RETRY_INTERVAL_MS);
    });
  }

  function stopMonitoring(): void {
    monitoring = false;
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    if (timer) clearTimeout(timer);
    timer = null;
  }

  return {
    reachable,
    degraded,
    version,
    lastCheckedAt,
    problem,
    markUnreachable,
    markReachable,
    check,
    startMonitoring,
    stopMonitoring,
  };
});
