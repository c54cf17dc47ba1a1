import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { fileWordHits, type FileWordHits } from '@/api/file-pages.ts';

export type WordHitsState = 'idle' | 'loading' | 'done' | 'failed';

/**
 * The places of a query's words on a file's pages (GET /api/files/:id/words), asked again
 * when the file or the query changes: at once for a query given from outside (search), a
 * moment after the last keystroke for one being typed. An older answer never overwrites a
 * newer one.
 */
export function useWordHits(fileId: Ref<string>, query: Ref<string>, typingDelayMs = 350) {
  const state = ref<WordHitsState>('idle');
  const result = ref<FileWordHits | null>(null);
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function load(): Promise<void> {
    controller?.abort();
    const q = query.value.trim();
    if (!q) {
      state.value = 'idle';
      result.value = null;
      return;
    }
    const mine = new AbortController();
    controller = mine;
    state.value = 'loading';
    try {
      const answer = await fileWordHits(fileId.value, q, mine.signal);
      if (controller !== mine) return;
      result.value = answer;
      state.value = 'done';
    } catch {
      if (controller !== mine) return;
      result.value = null;
      state.value = 'failed';
    }
  }

  /** Ask now (Enter, a query from search, a retry). */
  function now(): Promise<void> {
    clearTimeout(timer);
    return load();
  }

  watch(fileId, () => void now());
  watch(query, (value) => {
    clearTimeout(timer);
    if (!value.trim()) void load();
    else timer = setTimeout(() => void load(), typingDelayMs);
  });
  onBeforeUnmount(() => {
    clearTimeout(timer);
    controller?.abort();
  });

  /** Words found per page, for the thumbnails and the hit navigation. */
  const perPage = computed<Record<number, number>>(() =>
    Object.fromEntries((result.value?.pages ?? []).map((p) => [p.page, p.count])),
  );
  const total = computed(() => (result.value?.pages ?? []).reduce((sum, p) => sum + p.count, 0));

  return { state, result, perPage, total, now };
}
