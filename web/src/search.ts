import { PRIORITIES, TICKET_SORTS, type TicketSort } from '../../common/api';
import { localPath } from '../../common/paths';
import { STATUS_CATEGORIES } from '../../common/workflow';
import type { Priority, TicketFilters } from './api/types';

/** Search params arrive parsed loosely (numbers, booleans); the app keeps them as strings. */
const str = (v: unknown): string | undefined => {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v.slice(0, 500);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
};

/** A yes or no kept in the address as a bare true or false (not as the text "true"). */
const flag = (v: unknown): boolean | undefined =>
  v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined;

/** The hours of "due within", as the list takes them (1 to 720); anything else filters nothing. */
export function dueHours(v: unknown): number | undefined {
  const s = str(v);
  if (!s || !/^\d{1,3}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= 1 && n <= 720 ? n : undefined;
}

export type PortalSearch = { q?: string; status?: string; priority?: string };
export const validatePortalSearch = (s: Record<string, unknown>): PortalSearch => ({
  q: str(s.q),
  status: str(s.status),
  priority: str(s.priority),
});

export type QueueSearch = {
  q?: string;
  status?: string;
  category?: string;
  priority?: string;
  department?: string;
  assignee?: string;
  /** Tags, comma-separated: tickets with every one. */
  tag?: string;
  /** true: a service-level clock is overdue; false: none is. */
  breached?: boolean;
  /** Hours: a running service-level clock falls due within them (and is not overdue yet). */
  dueWithin?: number;
  sort?: TicketSort;
  order?: 'asc' | 'desc';
  /** The columns shown, comma-separated (a saved view's); all but the creation time when absent. */
  columns?: string;
};

export const validateQueueSearch = (s: Record<string, unknown>): QueueSearch => {
  const sort = str(s.sort);
  const order = str(s.order);
  return {
    q: str(s.q),
    status: str(s.status),
    category: str(s.category),
    priority: str(s.priority),
    department: str(s.department),
    assignee: str(s.assignee),
    tag: str(s.tag),
    breached: flag(s.breached),
    dueWithin: dueHours(s.dueWithin),
    sort: sort && (TICKET_SORTS as readonly string[]).includes(sort) ? (sort as TicketSort) : undefined,
    order: order === 'asc' || order === 'desc' ? order : undefined,
    columns: str(s.columns),
  };
};

export type LoginSearch = { redirect?: string };
export const validateLoginSearch = (s: Record<string, unknown>): LoginSearch => {
  const r = str(s.redirect);
  return { redirect: localPath(r) ?? undefined };
};

export const csvList = (s: string | undefined) => (s ? s.split(',').filter(Boolean) : []);
export const csvJoin = (list: string[]) => (list.length > 0 ? list.join(',') : undefined);

/** The API's filters from the URL's search. */
export function queueFilters(s: QueueSearch): TicketFilters {
  return {
    q: s.q,
    status: csvList(s.status),
    statusCategory: csvList(s.category).filter((c) =>
      (STATUS_CATEGORIES as readonly string[]).includes(c),
    ) as TicketFilters['statusCategory'],
    priority: csvList(s.priority).filter((p) => (PRIORITIES as readonly string[]).includes(p)) as Priority[],
    departmentId: s.department,
    assigneeId: s.assignee,
    tag: s.tag,
    slaBreached: s.breached,
    slaDueWithinHours: s.dueWithin,
    sort: s.sort ?? 'lastActivityAt',
    order: s.order ?? 'desc',
  };
}

/** The API's filters from My Tickets' search: a status, or a category group as "cat:a,b". */
export function portalFilters(search: PortalSearch): TicketFilters {
  const f: TicketFilters = { q: search.q };
  if (search.status?.startsWith('cat:')) {
    f.statusCategory = search.status.slice(4).split(',') as TicketFilters['statusCategory'];
  } else if (search.status) {
    f.status = [search.status];
  }
  if (search.priority && (PRIORITIES as readonly string[]).includes(search.priority)) {
    f.priority = [search.priority as Priority];
  }
  return f;
}
