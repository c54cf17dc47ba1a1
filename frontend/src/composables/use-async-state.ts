import { computed, ref, shallowRef, type ComputedRef, type Ref, type ShallowRef } from 'vue';
import { errorMessage } from '@/api/http.ts';

/** What a screen knows about the data it shows:
 * - `loading`: the first load is running, nothing to show yet (show a skeleton);
 * - `loaded`: the data is there (a refresh may be running behind it: `refreshing`);
 * - `error`: the first load failed (show the message and "Coba lagi");
 * - `stale`: data is shown but the last refresh failed, so it may be out of date.
 * `idle` only before the first load. */
export type AsyncStatus = 'idle' | 'loading' | 'loaded' | 'error' | 'stale';

export interface AsyncState<T> {
  data: ShallowRef<T | null>;
  status: ComputedRef<AsyncStatus>;
  /** True until the first load has answered (successfully or not): the skeleton's cue. */
  pending: ComputedRef<boolean>;
  /** A load (first or refresh) is running. */
  loading: Ref<boolean>;
  /** A refresh is running while older data is shown. */
  refreshing: ComputedRef<boolean>;
  /** The message of the last failed load, in Bahasa Indonesia; null after a success. */
  error: Ref<string | null>;
  /** Loads (again); the older data stays on screen meanwhile. */
  load(): Promise<void>;
  /** The "Coba lagi" button: the same as load. */
  retry(): Promise<void>;
  /** Puts an action's answer on screen at once (the server's record replaces the local
   * one) without waiting for a reload. */
  set(value: T): void;
  update(change: (current: T) => T): void;
}

/** Async state of one screen's data. Only the latest load's answer is kept, so a slow
 * earlier answer never overwrites a newer one, and a value `set` by an action after a load
 * started wins over that load's (older) answer. */
export function useAsyncState<T>(
  loader: () => Promise<T>,
  options: { immediate?: boolean } = {},
): AsyncState<T> {
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const answered = ref(false);
  const hasData = ref(false);
  let generation = 0;

  async function load(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    try {
      const result = await loader();
      if (mine !== generation) return;
      data.value = result;
      hasData.value = true;
      error.value = null;
    } catch (caught) {
      if (mine === generation) error.value = errorMessage(caught);
    } finally {
      if (mine === generation) {
        loading.value = false;
        answered.value = true;
      }
    }
  }

  function set(value: T): void {
    generation += 1; // an answer to a load started before this change is older than it
    loading.value = false;
    answered.value = true;
    hasData.value = true;
    error.value = null;
    data.value = value;
  }

  function update(change: (current: T) => T): void {
    if (data.value !== null) set(change(data.value));
  }

  const status = computed<AsyncStatus>(() => {
    if (hasData.value) return error.value ? 'stale' : 'loaded';
    if (error.value) return 'error';
    return loading.value ? 'loading' : answered.value ? 'loaded' : 'idle';
  });
  const pending = computed(() => !hasData.value && !error.value);
  const refreshing = computed(() => hasData.value && loading.value);

  if (options.immediate) void load();
  return { data, status, pending, loading, refreshing, error, load, retry: load, set, update };
}
