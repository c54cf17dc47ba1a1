import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { errorMessage } from '@/api/http.ts';

export interface Resource<T> {
  data: ShallowRef<T | null>;
  loading: Ref<boolean>;
  /** The message to show when the last load failed. */
  error: Ref<string | null>;
  load(): Promise<void>;
}

/** Loads something once or on demand with its own loading and error state. Only the answer
 * of the latest call is kept, so a slow earlier answer cannot overwrite a newer one. */
export function useResource<T>(loader: () => Promise<T>): Resource<T> {
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let generation = 0;

  async function load(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const result = await loader();
      if (mine === generation) data.value = result;
    } catch (caught) {
      if (mine === generation) error.value = errorMessage(caught);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  return { data, loading, error, load };
}
