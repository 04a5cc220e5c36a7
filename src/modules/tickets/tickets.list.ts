import { sql } from 'kysely';
import type { TicketSort } from '../../../common/api.js';
import type { Actor } from '../../context.js';
import type { Dialect, Executor } from '../../db/database.js';
import type { CursorValue } from '../../lib/cursor.js';
import { matchesSearch } from '../search/search.repository.js';
import { type TicketView, visibleTickets, withNames } from './tickets.repository.js';

/** Allow-listed sort expressions; the ticket number breaks ties so every order is total. */
const SORT_SQL = {
  number: 'tickets.number',
  subject: 'tickets.subject',
  status: 'tickets.status',
  priority: 'tickets.priority',
  department: 'departments.name',
  customer: 'requester.name',
  assignee: "coalesce(assignee.name, '')",
  createdAt: 'tickets.created_at',
  lastActivityAt: 'tickets.last_activity_at',
} satisfies Record<TicketSort, string>;

export function sortValue(row: TicketView, sort: TicketSort): CursorValue {
  switch (sort) {
    case 'number':
      return row.number;
    case 'subject':
      return row.subject;
    case 'status':
      return row.status;
    case 'priority':
      return row.priority;
    case 'department':
      return row.department_name;
    case 'customer':
      return row.requester_name;
    case 'assignee':
      return row.assignee_name ?? '';
    case 'createdAt':
      return row.created_at;
    case 'lastActivityAt':
      return row.last_activity_at;
  }
}

export type TicketFilter = {
  statuses?: string[];
  statusCategories?: string[];
  priorities?: number[];
  departmentId?: string;
  /** A user id, or null for unassigned. */
  assigneeId?: string | null;
  organisationId?: string;
  requesterId?: string;
  terms?: string[];
  sort: TicketSort;
  order: 'asc' | 'desc';
  after: CursorValue[] | null;
  limit: number;
};

export function listTicketRows(
  db: Executor,
  dialect: Dialect,
  actor: Actor,
  f: TicketFilter,
): Promise<TicketView[]> {
  let q = withNames(visibleTickets(db, actor));
  if (f.statuses) q = q.where('tickets.status', 'in', f.statuses);
  if (f.statusCategories) q = q.where('tickets.status_category', 'in', f.statusCategories);
  if (f.priorities) q = q.where('tickets.priority', 'in', f.priorities);
  if (f.departmentId) q = q.where('tickets.department_id', '=', f.departmentId);
  if (f.assigneeId !== undefined) {
    q =
      f.assigneeId === null
        ? q.where('tickets.assignee_id', 'is', null)
        : q.where('tickets.assignee_id', '=', f.assigneeId);
  }
  if (f.organisationId) q = q.where('tickets.organisation_id', '=', f.organisationId);
  if (f.requesterId) q = q.where('tickets.requester_id', '=', f.requesterId);
  if (f.terms && f.terms.length > 0) {
    const terms = f.terms;
    q = q.where((eb) => matchesSearch(eb, dialect, terms, actor.role !== 'customer'));
  }

  const expr = sql.raw(SORT_SQL[f.sort]);
  const dir = f.order === 'asc' ? sql.raw('asc') : sql.raw('desc');
  const cmp = f.order === 'asc' ? sql.raw('>') : sql.raw('<');
  if (f.after) {
    const [value, number] = f.after;
    q =
      f.sort === 'number'
        ? q.where(sql<boolean>`tickets.number ${cmp} ${number}`)
        : q.where(sql<boolean>`(${expr}, tickets.number) ${cmp} (${value}, ${number})`);
  }
  if (f.sort !== 'number') q = q.orderBy(sql`${expr} ${dir}`);
  return q
    .orderBy(sql`tickets.number ${dir}`)
    .limit(f.limit + 1)
    .execute();
}
