import { type RawBuilder, sql } from 'kysely';
import type { TicketSort } from '../../../common/api.js';
import { NO_DUE } from '../../../common/sla.js';
import type { Actor } from '../../context.js';
import type { Dialect, Executor } from '../../db/database.js';
import type { CursorValue } from '../../lib/cursor.js';
import { can } from '../../policies/policy.js';
import { countSearchHits, searchCondition } from '../search/search.repository.js';
import {
  TICKET_NAME_SQL,
  type TicketView,
  visibleTickets,
  withNames,
} from '../ticket-data/tickets.repository.js';

type Sort = { sql: string; value: (row: TicketView) => CursorValue };

/**
 * Each order: its allow-listed SQL expression and the same value read from a row, for the cursor.
 * The ticket number breaks ties so every order is total.
 */
const SORTS = {
  number: { sql: 'tickets.number', value: (r) => r.number },
  subject: { sql: 'tickets.subject', value: (r) => r.subject },
  status: { sql: 'tickets.status', value: (r) => r.status },
  priority: { sql: 'tickets.priority', value: (r) => r.priority },
  department: { sql: TICKET_NAME_SQL.department, value: (r) => r.department_name },
  customer: { sql: TICKET_NAME_SQL.requester, value: (r) => r.requester_name },
  assignee: { sql: `coalesce(${TICKET_NAME_SQL.assignee}, '')`, value: (r) => r.assignee_name ?? '' },
  createdAt: { sql: 'tickets.created_at', value: (r) => r.created_at },
  lastActivityAt: { sql: 'tickets.last_activity_at', value: (r) => r.last_activity_at },
  slaDue: { sql: 'tickets.sla_due_at', value: (r) => r.sla_due_at ?? NO_DUE },
} satisfies Record<TicketSort, Sort>;

export const sortValue = (row: TicketView, sort: TicketSort): CursorValue => SORTS[sort].value(row);

export type TicketFilter = {
  statuses?: string[];
  statusCategories?: string[];
  priorities?: number[];
  departmentId?: string;
  /** A user id, or null for unassigned. */
  assigneeId?: string | null;
  organisationId?: string;
  requesterId?: string;
  /** Only these ticket numbers. */
  numbers?: number[];
  /** Tickets with every one of these tags. */
  tags?: string[];
  terms?: string[];
  urgent?: boolean;
  /** Custom field equals value; 'true'/'false' match checkboxes. */
  fieldFilters?: [string, string][];
  /** Service levels against `now`: a clock overdue (or none), a clock due by `dueBy` and not overdue. */
  sla?: { now: string; breached?: boolean; dueBy?: string };
  sort: TicketSort;
  order: 'asc' | 'desc';
  after: CursorValue[] | null;
  limit: number;
};

/** What a filter selects, without its order and page. */
export type TicketConditions = Omit<TicketFilter, 'sort' | 'order' | 'after' | 'limit'>;

/** The filter's conditions on `tickets` columns, usable in any query over the tickets table. */
function conditions(dialect: Dialect, f: TicketConditions): RawBuilder<boolean>[] {
  const c: RawBuilder<boolean>[] = [];
  const list = (values: (string | number)[]) => sql.join(values.map((v) => sql`${v}`));
  if (f.numbers) c.push(sql`tickets.number in (${list(f.numbers)})`);
  if (f.statuses) c.push(sql`tickets.status in (${list(f.statuses)})`);
  if (f.statusCategories) c.push(sql`tickets.status_category in (${list(f.statusCategories)})`);
  if (f.priorities) c.push(sql`tickets.priority in (${list(f.priorities)})`);
  if (f.departmentId) c.push(sql`tickets.department_id = ${f.departmentId}`);
  if (f.assigneeId === null) c.push(sql`tickets.assignee_id is null`);
  else if (f.assigneeId !== undefined) c.push(sql`tickets.assignee_id = ${f.assigneeId}`);
  if (f.organisationId) c.push(sql`tickets.organisation_id = ${f.organisationId}`);
  if (f.requesterId) c.push(sql`tickets.requester_id = ${f.requesterId}`);
  if (f.urgent !== undefined) c.push(sql`tickets.urgent = ${f.urgent ? 1 : 0}`);
  for (const tag of f.tags ?? []) {
    c.push(sql`tickets.id in (select ticket_id from ticket_tags where tag = ${tag})`);
  }
  for (const [key, value] of f.fieldFilters ?? []) c.push(fieldCondition(dialect, key, value));
  if (f.sla?.breached === true) c.push(sql`tickets.sla_due_at <= ${f.sla.now}`);
  if (f.sla?.breached === false || f.sla?.dueBy) c.push(sql`tickets.sla_due_at > ${f.sla.now}`);
  if (f.sla?.dueBy) c.push(sql`tickets.sla_due_at <= ${f.sla.dueBy}`);
  return c;
}

/** A custom field equal to a value; 'true'/'false' match checkboxes, stored as JSON booleans. */
function fieldCondition(dialect: Dialect, key: string, value: string): RawBuilder<boolean> {
  const v = value === 'true' ? true : value === 'false' ? false : value;
  return dialect === 'postgres'
    ? sql`(tickets.fields::jsonb -> ${key}) = ${JSON.stringify(v)}::jsonb`
    : sql`json_extract(tickets.fields, ${`$."${key}"`}) = ${typeof v === 'boolean' ? Number(v) : v}`;
}

/** Keyset pagination and order: the sort expression, then the ticket number. */
function ordering(f: TicketFilter) {
  const expr = sql.raw(SORTS[f.sort].sql);
  const dir = sql.raw(f.order === 'asc' ? 'asc' : 'desc');
  const cmp = sql.raw(f.order === 'asc' ? '>' : '<');
  let after: RawBuilder<boolean> | null = null;
  if (f.after) {
    const [value, number] = f.after;
    after =
      f.sort === 'number'
        ? sql<boolean>`tickets.number ${cmp} ${number}`
        : sql<boolean>`(${expr}, tickets.number) ${cmp} (${value}, ${number})`;
  }
  const orderBy =
    f.sort === 'number' ? sql`tickets.number ${dir}` : sql`${expr} ${dir}, tickets.number ${dir}`;
  return { after, orderBy };
}

/**
 * Above `walkAbove` full-text hits it is cheaper to walk the queue in order and test each ticket.
 * (Tests lower it to run every search both ways.)
 */
export const searchStrategy = { walkAbove: 2000 };

export async function listTicketRows(
  db: Executor,
  dialect: Dialect,
  actor: Actor,
  f: TicketFilter,
): Promise<TicketView[]> {
  const conds = conditions(dialect, f);
  const { after, orderBy } = ordering(f);
  if (after) conds.push(after);
  // Internal notes are searched only by those who may read them.
  const readsInternal = can(actor, 'ticket.readInternal');
  let walkInOrder = false;
  if (f.terms && f.terms.length > 0) {
    // Neither planner can choose between starting from the hits and walking the queue in order
    // (SQLite cannot judge an FTS match's selectivity; PostgreSQL's query shapes differ): count the
    // hits, or estimate them, and choose.
    const { walkAbove } = searchStrategy;
    walkInOrder = (await countSearchHits(db, dialect, f.terms, readsInternal, walkAbove + 1)) > walkAbove;
    conds.push(searchCondition(dialect, f.terms, readsInternal, walkInOrder));
  }

  // An agent in several departments, default order: one ordered, limited branch per department,
  // merged. A plain IN over departments makes SQLite sort every ticket of those departments.
  const departments = actor.role === 'agent' ? actor.departmentIds : [];
  if (
    dialect === 'sqlite' &&
    departments.length > 1 &&
    !f.departmentId &&
    (f.sort === 'lastActivityAt' || f.sort === 'slaDue') &&
    // A search starts from its hits or walks in order (below); per-department branches would do neither.
    !f.terms?.length
  ) {
    const branch = (d: string) =>
      sql`select * from (select tickets.id, tickets.last_activity_at, tickets.sla_due_at, tickets.number from tickets where tickets.department_id = ${d}${and(conds)} order by ${orderBy} limit ${f.limit + 1})`;
    const ids = sql`select id from (${sql.join(departments.map(branch), sql` union all `)}) as tickets order by ${orderBy} limit ${f.limit + 1}`;
    return withNames(db.selectFrom('tickets'))
      .where(sql<boolean>`tickets.id in (${ids})`)
      .orderBy(orderBy)
      .execute();
  }

  let q = withNames(
    visibleTickets(db, actor, { avoidDepartmentIndex: dialect === 'sqlite' && Boolean(f.terms?.length) }),
  );
  for (const c of conds) q = q.where(c);
  return q
    .orderBy(orderBy)
    .limit(f.limit + 1)
    .execute();
}

/**
 * How many tickets the filter matches that `actor` may see: the list's own scope and conditions,
 * so a count never differs from the list it stands for (its order, cursor and limit aside).
 */
export async function countTicketRows(
  db: Executor,
  dialect: Dialect,
  actor: Actor,
  f: TicketConditions,
): Promise<number> {
  const conds = conditions(dialect, f);
  if (f.terms?.length) conds.push(searchCondition(dialect, f.terms, can(actor, 'ticket.readInternal')));
  let q = visibleTickets(db, actor).select(sql<number>`count(*)`.as('n'));
  // SQLite: every ticket has a department, so naming them all changes nothing but the plan, which
  // then counts an administrator's tickets one department at a time in the department-first index
  // (migration 0022). Without conditions SQLite counts the whole table faster on its own.
  if (dialect === 'sqlite' && actor.role === 'admin' && conds.length > 0)
    q = q.where(sql<boolean>`tickets.department_id in (select id from departments)`);
  for (const c of conds) q = q.where(c);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

const and = (conds: RawBuilder<boolean>[]) =>
  conds.length ? sql` and ${sql.join(conds, sql` and `)}` : sql``;
