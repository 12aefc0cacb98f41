import { ref, shallowRef } from 'vue';
import { showError } from './errors';
import { useLatest } from './latest';

/** A page of a list as the API answers it. */
export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * One paged list of the API: the current page number, the loaded page, a loading flag, and the
 * answer of the latest request only (a search typed while page 1 loads is not overwritten by it).
 *
 * @example
 * const list = usePagedList((page) => unwrap(api.GET('/api/v1/outbox', { params: { query: { page } } })));
 * onMounted(list.load);
 */
export function usePagedList<T>(fetchPage: (page: number) => Promise<Page<T>>) {
  const current = ref(1);
  const page = shallowRef<Page<T>>({ items: [], total: 0 });
  const loading = ref(false);
  const latest = useLatest();

  async function load() {
    const ticket = latest.next();
    loading.value = true;
    try {
      const answer = await fetchPage(current.value);
      if (latest.isCurrent(ticket)) page.value = answer;
    } catch (e) {
      if (latest.isCurrent(ticket)) await showError(e);
    } finally {
      if (latest.isCurrent(ticket)) loading.value = false;
    }
  }

  /** A new filter: back to page 1. */
  function search() {
    current.value = 1;
    void load();
  }

  return { current, page, loading, load, search };
}
