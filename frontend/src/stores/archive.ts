import { defineStore } from 'pinia';
import { ref } from 'vue';
import { getDashboard, listProposals, type Dashboard } from '@/api/archive.ts';
import { errorMessage } from '@/api/http.ts';

/** What the archive screens share: the retention dashboard for a chosen day (`asOf`, today
 * when empty: archivists look ahead to plan transfers and disposals) and the number of
 * proposals waiting for the user's decision (shown on the archive tabs). */
export const useArchiveStore = defineStore('archive', () => {
  const dashboard = ref<Dashboard | null>(null);
  const asOf = ref('');
  const loading = ref(false);
  const error = ref<string | null>(null);
  const awaitingMe = ref(0);
  let generation = 0;

  async function loadDashboard(date = asOf.value): Promise<void> {
    const mine = ++generation;
    asOf.value = date;
    loading.value = true;
    error.value = null;
    try {
      const result = await getDashboard(date ? { asOf: date } : {});
      if (mine === generation) dashboard.value = result;
    } catch (caught) {
      if (mine === generation) error.value = errorMessage(caught);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  async function loadAwaiting(): Promise<void> {
    try {
      awaitingMe.value = (await listProposals({ awaitingMe: true, pageSize: 50 })).total;
    } catch {
      awaitingMe.value = 0;
    }
  }

  return { dashboard, asOf, loading, error, awaitingMe, loadDashboard, loadAwaiting };
});
