import { computed, reactive, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { QUEUE_VIEWS, type QueueFilter } from '@common/contract';
import type { EventSource, EventState, Priority, Warning } from '@common/events';
import { useAuthStore } from '@/stores/auth';
import { useEventQueueStore, type QueueSort, type QueueView } from '@/stores/eventQueue';
import { queueFilterFromQuery } from '@/utils/queueLink';
import { chinaDayEnd, chinaDayStart, formatDate } from '@/utils/time';

/** Full-text search needs two characters; one is still being typed. */
export const MIN_SEARCH = 2;
const SEARCH_SETTLE_MS = 300;

export interface QueueFilterForm {
  states: EventState[];
  categoryId: string;
  villageId: string;
  unitId: string;
  priority: Priority | '';
  source: EventSource | '';
  warning: Warning | '';
  /** ['2026-11-01', '2026-11-30'] on the township's calendar, or null. */
  reported: [string, string] | null;
}

const EMPTY_FILTERS: QueueFilterForm = {
  states: [],
  categoryId: '',
  villageId: '',
  unitId: '',
  priority: '',
  source: '',
  warning: '',
  reported: null,
};

/** Filter fields the form has no control for, kept as a link (e.g. from the dashboard) set them. */
const LINKED_KEYS = ['reportedFrom', 'reportedTo', 'closedFrom', 'closedTo', 'dueFrom', 'dueTo', 'resolvedLevel'] as const;
type LinkedFilter = Pick<QueueFilter, (typeof LINKED_KEYS)[number]>;

function isView(value: unknown): value is QueueView {
  return typeof value === 'string' && (QUEUE_VIEWS as readonly string[]).includes(value);
}

/** The queue's saved view, filters, search and sort as a form, sent to the store whenever they change. */
export function useQueueQuery() {
  const queue = useEventQueueStore();
  const auth = useAuthStore();
  const route = useRoute();

  // Unit handlers open on their to-do list; a link may name the view (`#/events?view=overdue`).
  // The room reads the newest reports first; a unit works its list by deadline.
  // A dashboard number links here with its exact filter (`#/events?filter=1&states=…`).
  const linkedFilter = queueFilterFromQuery(route.query);
  if (linkedFilter) {
    queue.setQuery({ filter: linkedFilter, sort: queue.initialised ? queue.sort : 'reported_desc' });
    queue.initialised = true;
  } else if (!queue.initialised || isView(route.query.view)) {
    const unitHandler = auth.user?.role === 'unit_handler';
    const opening: QueueView = isView(route.query.view) ? route.query.view : unitHandler ? 'my_todo' : 'all';
    const openingSort: QueueSort = queue.initialised ? queue.sort : unitHandler ? 'due' : 'reported_desc';
    queue.setQuery({ filter: { view: opening }, sort: openingSort });
    queue.initialised = true;
  }

  // Start from what the store holds, so coming back from an event shows the same list.
  const current = queue.filter;
  // The form shows whole days; a linked range (any moment to any moment) is kept as it came.
  const wholeDays =
    current.reportedFrom !== undefined &&
    current.reportedTo !== undefined &&
    chinaDayStart(formatDate(current.reportedFrom)) === current.reportedFrom &&
    chinaDayEnd(formatDate(current.reportedTo)) === current.reportedTo;
  const linked = ref<LinkedFilter>(
    Object.fromEntries(
      LINKED_KEYS.filter((key) => current[key] !== undefined && !(wholeDays && key.startsWith('reported'))).map((key) => [
        key,
        current[key],
      ]),
    ),
  );
  const view = ref<QueueView>(current.view);
  const sort = ref<QueueSort>(queue.sort);
  const search = ref(current.search ?? '');
  const filters = reactive<QueueFilterForm>({
    states: current.states ?? [],
    categoryId: current.categoryId ?? '',
    villageId: current.villageId ?? '',
    unitId: current.unitId ?? '',
    priority: current.priority ?? '',
    source: current.source ?? '',
    warning: current.warning ?? '',
    reported: wholeDays ? [formatDate(current.reportedFrom!), formatDate(current.reportedTo!)] : null,
  });

  const trimmedSearch = computed(() => search.value.trim());
  const searchTooShort = computed(() => trimmedSearch.value.length > 0 && trimmedSearch.value.length < MIN_SEARCH);
  const appliedSearch = ref(trimmedSearch.value.length >= MIN_SEARCH ? trimmedSearch.value : '');
  const linkActive = computed(() => Object.keys(linked.value).length > 0);
  const filtersActive = computed(() => linkActive.value || JSON.stringify(filters) !== JSON.stringify(EMPTY_FILTERS));

  function buildFilter(): QueueFilter {
    return {
      view: view.value,
      ...linked.value,
      ...(filters.states.length ? { states: [...filters.states] } : {}),
      ...(filters.categoryId ? { categoryId: filters.categoryId } : {}),
      ...(filters.villageId ? { villageId: filters.villageId } : {}),
      ...(filters.unitId ? { unitId: filters.unitId } : {}),
      ...(filters.priority ? { priority: filters.priority } : {}),
      ...(filters.source ? { source: filters.source } : {}),
      ...(filters.warning ? { warning: filters.warning } : {}),
      ...(filters.reported
        ? { reportedFrom: chinaDayStart(filters.reported[0]), reportedTo: chinaDayEnd(filters.reported[1]) }
        : {}),
      ...(appliedSearch.value ? { search: appliedSearch.value } : {}),
    };
  }

  function apply(): void {
    queue.setQuery({ filter: buildFilter(), sort: sort.value });
  }

  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  watch(trimmedSearch, (text) => {
    clearTimeout(searchTimer);
    const next = text.length >= MIN_SEARCH ? text : '';
    if (next === appliedSearch.value) return;
    searchTimer = setTimeout(() => {
      appliedSearch.value = next;
      apply();
    }, SEARCH_SETTLE_MS);
  });
  watch([view, sort, () => JSON.stringify(filters), () => JSON.stringify(linked.value)], apply);
  // A range picked in the form replaces the linked one.
  watch(
    () => filters.reported,
    (range) => {
      if (!range) return;
      const { reportedFrom: _from, reportedTo: _to, ...rest } = linked.value;
      linked.value = rest;
    },
  );

  function clearLink(): void {
    linked.value = {};
  }

  function clearFilters(): void {
    clearLink();
    Object.assign(filters, { ...EMPTY_FILTERS, states: [] });
  }

  return { view, sort, search, filters, searchTooShort, filtersActive, linkActive, clearLink, clearFilters };
}
