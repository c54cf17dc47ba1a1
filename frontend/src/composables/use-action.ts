import { computed, ref, type ComputedRef, type Ref } from 'vue';
import { errorMessage, isApiError } from '@/api/http.ts';

export interface Action<A extends unknown[], R> {
  /** The action is running: its button shows a spinner and is disabled. */
  running: Ref<boolean>;
  /** The message of the last failure, in Bahasa Indonesia; null after a success. */
  error: Ref<string | null>;
  /** The last failure was a dropped connection: the server may not have it. */
  connectionLost: Ref<boolean>;
  /** A failed call can be repeated with the same input ("Coba lagi"). */
  canRetry: ComputedRef<boolean>;
  /** Runs the action. A second call while one runs is ignored (no double submit) and
   * resolves to undefined, as does a failed call (its message is in `error`). */
  run(...args: A): Promise<R | undefined>;
  /** Repeats the last failed call with the same arguments. */
  retry(): Promise<R | undefined>;
  /** Forgets the last failure (when the user leaves the form). */
  reset(): void;
}

/** One user action (a button that changes something on the server) with its running and
 * error state. `onSuccess` receives the server's answer so the screen can show the result
 * at once; `onError` lets the screen react to a refusal (e.g. reload after a 409). The
 * action is never lost silently: a failure keeps its arguments for `retry`. */
export function useAction<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  options: {
    onSuccess?: (result: R, ...args: A) => void | Promise<void>;
    onError?: (error: unknown, ...args: A) => void;
  } = {},
): Action<A, R> {
  const running = ref(false);
  const error = ref<string | null>(null);
  const connectionLost = ref(false);
  let lastArgs: A | null = null;

  async function run(...args: A): Promise<R | undefined> {
    if (running.value) return undefined;
    running.value = true;
    error.value = null;
    connectionLost.value = false;
    lastArgs = args;
    try {
      const result = await fn(...args);
      lastArgs = null;
      await options.onSuccess?.(result, ...args);
      return result;
    } catch (caught) {
      error.value = errorMessage(caught);
      connectionLost.value = isApiError(caught) && caught.isNetworkError;
      options.onError?.(caught, ...args);
      return undefined;
    } finally {
      running.value = false;
    }
  }

  return {
    running,
    error,
    connectionLost,
    canRetry: computed(() => error.value !== null && lastArgs !== null),
    run,
    retry: () => (lastArgs ? run(...lastArgs) : Promise.resolve(undefined)),
    reset() {
      error.value = null;
      connectionLost.value = false;
      lastArgs = null;
    },
  };
}
