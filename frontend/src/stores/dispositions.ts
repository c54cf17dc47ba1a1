import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import {
  getCounters,
  getDispositionSettings,
  getNotifications,
  markNotificationsRead,
  type Counters,
  type DispositionSettings,
  type Notification,
  type PositionCounters,
} from '@/api/dispositions.ts';
import { errorMessage } from '@/api/http.ts';

export const EMPTY_COUNTERS: Counters = {
  awaitingDisposition: 0,
  unreadLetters: 0,
  unreadDispositions: 0,
  notFollowedUp: 0,
  inProgress: 0,
  overdue: 0,
  done: 0,
  tembusan: 0,
};

/** What several disposition screens share: the dashboard counters of every position the
 * user holds (own and Plt/Plh), the configured instruction list, and the notifications.
 * Screens refresh the counters after every action so the badges never lag behind. */
export const useDispositionsStore = defineStore('dispositions', () => {
  const positions = ref<PositionCounters[]>([]);
  const countersLoading = ref(false);
  /** The counters have answered at least once this session: before that a screen shows a
   * skeleton, never zeros it does not know. */
  const countersLoaded = ref(false);
  const countersError = ref<string | null>(null);
  const settings = ref<DispositionSettings | null>(null);
  const notifications = ref<Notification[]>([]);
  const unreadNotifications = ref(0);
  const notificationsError = ref<string | null>(null);

  const totals = computed<Counters>(() =>
    positions.value.reduce<Counters>(
      (sum, p) => {
        const next = { ...sum };
        for (const key of Object.keys(EMPTY_COUNTERS) as Array<keyof Counters>)
          next[key] += p.counters[key];
        return next;
      },
      { ...EMPTY_COUNTERS },
    ),
  );

  function countersFor(positionId: string | null | undefined): Counters {
    return positions.value.find((p) => p.positionId === positionId)?.counters ?? EMPTY_COUNTERS;
  }

  async function loadCounters(): Promise<void> {
    countersLoading.value = true;
    countersError.value = null;
    try {
      positions.value = (await getCounters()).positions;
      countersLoaded.value = true;
    } catch (caught) {
      countersError.value = errorMessage(caught);
    } finally {
      countersLoading.value = false;
    }
  }

  /** The instruction list and default deadlines, loaded once per session. */
  async function loadSettings(): Promise<DispositionSettings> {
    if (!settings.value) settings.value = await getDispositionSettings();
    return settings.value;
  }

  async function loadNotifications(): Promise<void> {
    notificationsError.value = null;
    try {
      const page = await getNotifications({ pageSize: 20 });
      notifications.value = page.items;
      unreadNotifications.value = page.unread;
    } catch (caught) {
      notificationsError.value = errorMessage(caught);
    }
  }

  async function markAllNotificationsRead(): Promise<void> {
    await markNotificationsRead('all');
    notifications.value = notifications.value.map((n) => ({ ...n, read: true }));
    unreadNotifications.value = 0;
  }

  return {
    positions,
    countersLoading,
    countersLoaded,
    countersError,
    settings,
    notifications,
    unreadNotifications,
    notificationsError,
    totals,
    countersFor,
    loadCounters,
    loadSettings,
    loadNotifications,
    markAllNotificationsRead,
  };
});
