import { DEFAULT_COLUMNS } from '../../../common/views';
import { dueHours, type QueueSearch } from '../search';

// A queue view in the web app is a search of the queue's address (filters, sort, columns) under a
// name. Saved views live on the server (views-api.ts); this file turns them into searches and back.

/** A view as the sidebar and the queue use it. */
export type QueueView = { id: string; name: string; search: QueueSearch };

/** The address's search keys and the list's query parameters they stand for. */
const FILTER_KEYS = {
  q: 'q',
  status: 'status',
  category: 'statusCategory',
  priority: 'priority',
  department: 'departmentId',
  assignee: 'assigneeId',
  tag: 'tag',
} as const satisfies Partial<Record<keyof QueueSearch, string>>;
type FilterKey = keyof typeof FILTER_KEYS;
const entries = Object.entries(FILTER_KEYS) as [FilterKey, string][];

/** The list's query parameters a search selects by: what a saved view keeps as its filter. */
export function filterOfSearch(search: QueueSearch): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const [key, param] of entries) {
    const value = search[key];
    if (value) filter[param] = value;
  }
  // The service-level filters are a flag and a number in the address, text in a view.
  if (search.breached !== undefined) filter.slaBreached = String(search.breached);
  if (search.dueWithin !== undefined) filter.slaDueWithinHours = String(search.dueWithin);
  return filter;
}

/** The address's search for a view: its filter, sort and columns. */
export function searchOfView(v: {
  filter: Record<string, string>;
  sort?: QueueSearch['sort'];
  order?: QueueSearch['order'];
  columns?: readonly string[];
}): QueueSearch {
  const search: QueueSearch = {};
  for (const [key, param] of entries) {
    const value = v.filter[param];
    if (value) search[key] = value;
  }
  const breached = v.filter.slaBreached;
  if (breached === 'true' || breached === 'false') search.breached = breached === 'true';
  const hours = dueHours(v.filter.slaDueWithinHours);
  if (hours !== undefined) search.dueWithin = hours;
  // The queue's defaults stay out of the address, so a view and the plain queue compare equal.
  if (v.sort && v.sort !== 'lastActivityAt') search.sort = v.sort;
  if (v.order && v.order !== 'desc') search.order = v.order;
  if (v.columns && v.columns.join(',') !== DEFAULT_COLUMNS_CSV) search.columns = v.columns.join(',');
  return search;
}
export const DEFAULT_COLUMNS_CSV = DEFAULT_COLUMNS.join(',');

/** The search without empty values (and without the queue's defaults), so equal searches compare equal. */
export function normalise(search: QueueSearch): QueueSearch {
  const s = Object.fromEntries(
    Object.entries(search).filter(([, v]) => v !== undefined && v !== ''),
  ) as QueueSearch;
  if (s.sort === 'lastActivityAt') delete s.sort;
  if (s.order === 'desc') delete s.order;
  if (s.columns === DEFAULT_COLUMNS_CSV) delete s.columns;
  return s;
}

export const sameSearch = (a: QueueSearch, b: QueueSearch) => {
  const x = normalise(a);
  const y = normalise(b);
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]) as Set<keyof QueueSearch>;
  return [...keys].every((k) => x[k] === y[k]);
};

/** The queue the agent last looked at, so j/k on a ticket page walk through it. */
const QUEUE_KEY = 'tessera.lastQueue';
export function rememberQueue(numbers: number[], search: QueueSearch) {
  try {
    sessionStorage.setItem(QUEUE_KEY, JSON.stringify({ numbers, search }));
  } catch {
    // Not essential.
  }
}
export function lastQueue(): { numbers: number[]; search: QueueSearch } {
  try {
    const v = JSON.parse(sessionStorage.getItem(QUEUE_KEY) ?? 'null');
    if (v && Array.isArray(v.numbers)) return v;
  } catch {
    // Fall through.
  }
  return { numbers: [], search: {} };
}

/** Where this browser kept saved views before they moved to the server. */
const LEGACY_KEY = 'tessera.queueViews.v1';

/** The views this browser still keeps from before, to be moved to the server once. */
export function legacyViews(): { name: string; search: QueueSearch }[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(LEGACY_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (v): v is { name: string; search: QueueSearch } =>
        typeof v === 'object' &&
        v !== null &&
        typeof v.name === 'string' &&
        typeof v.search === 'object' &&
        v.search !== null,
    );
  } catch {
    return [];
  }
}
export function forgetLegacyViews() {
  try {
    localStorage.removeItem(LEGACY_KEY);
  } catch {
    // Storage disabled: nothing was kept there either.
  }
}
