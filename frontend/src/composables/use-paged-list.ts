import { reactive, ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { errorMessage } from '@/api/http.ts';
import type { Page } from '@/api/types.ts';

export interface PagedList<T, F extends object> {
  items: ShallowRef<T[]>;
  total: Ref<number>;
  /** 1-based page number, as the API counts. */
  page: Ref<number>;
  pageSize: Ref<number>;
  loading: Ref<boolean>;
  error: Ref<string | null>;
  filters: F;
  load(): Promise<void>;
  /** Back to page 1 with the current filters (after a filter change). */
  search(): Promise<void>;
  /** PrimeVue DataTable/Paginator `page` event: { first, rows }. */
  onPage(event: { first: number; rows: number }): Promise<void>;
}

/** A server-side paginated list: the API does the paging and filtering (design.md §6: every
 * list paginates on the server), the screen binds DataTable's lazy mode to this. */
export function usePagedList<T, F extends object>(
  fetchPage: (query: F & { page: number; pageSize: number }) => Promise<Page<T>>,
  initialFilters: F,
  initialPageSize = 20,
): PagedList<T, F> {
  const items = shallowRef<T[]>([]);
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(initialPageSize);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const filters = reactive({ ...initialFilters }) as F;
  let generation = 0;

  async function load(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const result = await fetchPage({
        ...(filters as F),
        page: page.value,
        pageSize: pageSize.value,
      });
      if (mine !== generation) return;
      items.value = result.items;
      total.value = result.total;
    } catch (caught) {
      if (mine === generation) error.value = errorMessage(caught);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  async function search(): Promise<void> {
    page.value = 1;
    await load();
  }

  async function onPage(event: { first: number; rows: number }): Promise<void> {
    pageSize.value = event.rows;
    page.value = Math.floor(event.first / event.rows) + 1;
    await load();
  }

  return { items, total, page, pageSize, loading, error, filters, load, search, onPage };
}
