import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import type { ProcedureKey } from '../../../shared/procedures/catalogue';
import type { ApplicationStatus } from '../../../shared/workflow/statuses';
import { api } from '../api/trpc-client';

export type QueuePageInput = Parameters<typeof api.queue.page.query>[0];
export type QueueTab = NonNullable<QueuePageInput['tab']>;
export type QueueSort = NonNullable<QueuePageInput['sort']>;
export type QueueRow = Awaited<ReturnType<typeof api.queue.page.query>>['rows'][number];
export type QueueCounts = Awaited<ReturnType<typeof api.queue.counts.query>>;

export const QUEUE_TABS: readonly QueueTab[] = [
  'todo',
  'mine',
  'waiting',
  'deadlines',
  'done',
  'all',
];

/** The filters the agent sets above the table (a saved filter keeps them with the tab and sort). */
export interface QueueFilterState {
  status: ApplicationStatus | null;
  /** An agent's id, 'none' for unassigned dossiers, null for any. */
  assignee: string | null;
  /** A procedure of the catalogue (the motive of the application), null for any. */
  procedure: ProcedureKey | null;
  deadline: 'overdue' | 'within' | null;
  withinDays: number;
  submittedFrom: string | null;
  submittedTo: string | null;
}

export const DEFAULT_WITHIN_DAYS = 15;

function emptyFilters(): QueueFilterState {
  return {
    status: null,
    assignee: null,
    procedure: null,
    deadline: null,
    withinDays: DEFAULT_WITHIN_DAYS,
    submittedFrom: null,
    submittedTo: null,
  };
}

/**
 * The queue as the agent left it (tab, filters, search, sort, page), kept while they open
 * dossiers, and the order of the dossiers they saw, so that « dossier suivant » follows it.
 */
export const useQueueStore = defineStore('queue', () => {
  const tab = ref<QueueTab>('todo');
  const filters = reactive<QueueFilterState>(emptyFilters());
  const search = ref('');
  const sort = ref<{ key: QueueSort; order: 'asc' | 'desc' }>({ key: 'submittedAt', order: 'asc' });
  const page = ref(1);
  const itemsPerPage = ref(25);
  /** The dossiers of the view the agent opened one from, in its order (grows page by page). */
  const order = ref<string[]>([]);
  /** The query that gave `order`, to fetch what comes after its end. */
  let orderQuery: QueuePageInput | null = null;
  let orderTotal = 0;

  const filtered = computed(
    () =>
      search.value.trim() !== '' ||
      filters.status !== null ||
      filters.assignee !== null ||
      filters.procedure !== null ||
      filters.deadline !== null ||
      filters.submittedFrom !== null ||
      filters.submittedTo !== null,
  );

  /** The procedures' input for the current filters and search (without tab, sort and paging). */
  function filterInput(): Omit<QueuePageInput, 'tab' | 'sort' | 'direction' | 'limit' | 'offset'> {
    return {
      status: filters.status ?? undefined,
      assignedAgentId:
        filters.assignee === null
          ? undefined
          : filters.assignee === 'none'
            ? null
            : filters.assignee,
      procedure: filters.procedure ?? undefined,
      deadline: filters.deadline ?? undefined,
      withinDays: filters.withinDays,
      submittedFrom: filters.submittedFrom ?? undefined,
      submittedTo: filters.submittedTo ?? undefined,
      search: search.value.trim() || undefined,
    };
  }

  function pageInput(): QueuePageInput {
    return {
      ...filterInput(),
      tab: tab.value,
      sort: sort.value.key,
      direction: sort.value.order,
      limit: itemsPerPage.value,
      offset: (page.value - 1) * itemsPerPage.value,
    };
  }

  function resetFilters(): void {
    Object.assign(filters, emptyFilters());
    search.value = '';
  }

  /** Called with the page shown when the agent opens a dossier from it. */
  function rememberOrder(query: QueuePageInput, rows: readonly QueueRow[], total: number): void {
    orderQuery = query;
    orderTotal = total;
    order.value = rows.map((row) => row.applicationNumber);
  }

  /** The dossier after this one in the remembered view (fetching its next page when needed). */
  async function nextAfter(applicationNumber: string): Promise<string | null> {
    const index = order.value.indexOf(applicationNumber);
    if (index < 0) return null;
    if (index + 1 < order.value.length) return order.value[index + 1] ?? null;
    if (!orderQuery) return null;
    const offset = (orderQuery.offset ?? 0) + order.value.length;
    if (offset >= orderTotal) return null;
    const next = await api.queue.page.query({ ...orderQuery, offset });
    orderTotal = next.total;
    order.value = [...order.value, ...next.rows.map((row) => row.applicationNumber)];
    return order.value[index + 1] ?? null;
  }

  return {
    tab,
    filters,
    search,
    sort,
    page,
    itemsPerPage,
    order,
    filtered,
    filterInput,
    pageInput,
    resetFilters,
    rememberOrder,
    nextAfter,
  };
});
