import type { Pinia, PiniaPluginContext } from 'pinia';

/** Setup stores have no built-in $reset. This plugin snapshots every store's initial state
 * and gives it one, so the auth store can wipe everything a user saw when the session ends
 * (the next person at the same desk must not see the previous one's data). Store state must
 * therefore stay JSON-shaped (no Map/Set/Date in state; keep instants as ISO strings). */
const resetters = new WeakMap<Pinia, Map<string, () => void>>();

declare module 'pinia' {
  export interface PiniaCustomProperties {
    $reset(): void;
  }
}

export function resetPlugin({ pinia, store }: PiniaPluginContext): void {
  const initial = JSON.stringify(store.$state);
  const reset = () => {
    store.$patch((state: Record<string, unknown>) => {
      Object.assign(state, JSON.parse(initial) as Record<string, unknown>);
    });
  };
  store.$reset = reset;
  let map = resetters.get(pinia);
  if (!map) resetters.set(pinia, (map = new Map()));
  map.set(store.$id, reset);
}

/** Returns every store that has been used to its initial state, except the named ones. */
export function resetAllStores(pinia: Pinia, except: string[] = []): void {
  for (const [id, reset] of resetters.get(pinia) ?? []) {
    if (!except.includes(id)) reset();
  }
}
