import { defineStore } from 'pinia';
import { ref } from 'vue';
import { errorMessage, isApiError } from '@/api/http.ts';
import {
  searchLetters,
  type SearchCorrection,
  type SearchHit,
  type SearchSuggestion,
} from '@/api/search.ts';
import {
  hasCriteria,
  searchKey,
  toApiQuery,
  type SearchState,
} from '@/views/search/search-state.ts';

/**
 * The latest search and its results. The criteria live in the URL (views/search); the store
 * keeps what the server answered, so coming back from a letter shows the list at once while
 * it is refreshed, and only the answer to the latest request is ever shown. Reset on logout.
 */
export const useSearchStore = defineStore('search', () => {
  /** searchKey() of the criteria the results belong to ('' when none). */
  const key = ref('');
  const items = ref<SearchHit[]>([]);
  const total = ref(0);
  /** "Maksud Anda": a spelling that finds more (offered, not applied). */
  const suggestion = ref<SearchSuggestion | null>(null);
  /** The typed words found nothing: the list holds the results of `corrected.to`. */
  const corrected = ref<SearchCorrection | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** Per-field messages from the server's refusal (e.g. a date it does not accept). */
  const fieldErrors = ref<Record<string, string>>({});

  let generation = 0;
  let inFlight: AbortController | null = null;

  async function run(state: SearchState): Promise<void> {
    const mine = ++generation;
    inFlight?.abort();
    const nextKey = searchKey(state);
    if (nextKey !== key.value) {
      // Different criteria: the old list must not stand for the new search.
      items.value = [];
      total.value = 0;
      suggestion.value = null;
      corrected.value = null;
    }
    key.value = nextKey;
    error.value = null;
    fieldErrors.value = {};
    if (!hasCriteria(state)) {
      items.value = [];
      total.value = 0;
      suggestion.value = null;
      corrected.value = null;
      loading.value = false;
      return;
    }
    const controller = new AbortController();
    inFlight = controller;
    loading.value = true;
    try {
      const page = await searchLetters(toApiQuery(state), controller.signal);
      if (mine !== generation) return;
      items.value = page.items;
      total.value = page.total;
      suggestion.value = page.suggestion ?? null;
      corrected.value = page.corrected ?? null;
    } catch (caught) {
      if (mine !== generation) return;
      items.value = [];
      total.value = 0;
      suggestion.value = null;
      corrected.value = null;
      error.value = errorMessage(caught);
      if (isApiError(caught)) fieldErrors.value = caught.fieldErrors();
    } finally {
      if (mine === generation) {
        loading.value = false;
        inFlight = null;
      }
    }
  }

  function clear(): void {
    generation++;
    inFlight?.abort();
    inFlight = null;
    key.value = '';
    items.value = [];
    total.value = 0;
    suggestion.value = null;
    corrected.value = null;
    loading.value = false;
    error.value = null;
    fieldErrors.value = {};
  }

  return {
    key,
    items,
    total,
    suggestion,
    corrected,
    loading,
    error,
    fieldErrors,
    run,
    clear,
  };
});
