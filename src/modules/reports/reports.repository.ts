import { type ExpressionBuilder, sql } from 'kysely';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { visibleTickets } from '../ticket-data/tickets.repository.js';

/** Survey answers on the tickets the caller may see, counted by rating. */
export async function ratingCounts(db: Executor, actor: Actor, range: { from?: string; to?: string }) {
  let q = visibleTickets(db, actor)
    .innerJoin('surveys', 'surveys.ticket_id', 'tickets.id')
    .select(['surveys.rating', (eb) => eb.fn.countAll().as('n')])
    .where('surveys.answered_at', 'is not', null);
  if (range.from) q = q.where('surveys.answered_at', '>=', range.from);
  if (range.to) q = q.where('surveys.answered_at', '<', range.to);
  const rows = await q.groupBy('surveys.rating').execute();
  return rows.map((r) => ({ rating: Number(r.rating), n: Number(r.n) }));
}

export async function surveysSent(db: Executor, actor: Actor, range: { from?: string; to?: string }) {
  let q = visibleTickets(db, actor)
    .innerJoin('surveys', 'surveys.ticket_id', 'tickets.id')
    .select((eb) => eb.fn.countAll().as('n'));
  if (range.from) q = q.where('surveys.created_at', '>=', range.from);
  if (range.to) q = q.where('surveys.created_at', '<', range.to);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

type Range = { from?: string; to?: string };
// ISO text on both engines, so the first ten characters are the UTC day.
const createdDay = sql<string>`substr(tickets.created_at, 1, 10)`;
const resolvedDay = sql<string>`substr(tickets.resolved_at, 1, 10)`;

/** Tickets created per UTC day within the range. */
export async function createdPerDay(db: Executor, actor: Actor, range: Range) {
  let q = visibleTickets(db, actor).select([createdDay.as('day'), (eb) => eb.fn.countAll().as('n')]);
  if (range.from) q = q.where('tickets.created_at', '>=', range.from);
  if (range.to) q = q.where('tickets.created_at', '<', range.to);
  const rows = await q.groupBy(createdDay).execute();
  return rows.map((r) => ({ day: String(r.day), n: Number(r.n) }));
}

/** Tickets whose resolution time falls on each UTC day within the range. */
export async function resolvedPerDay(db: Executor, actor: Actor, range: Range) {
  let q = visibleTickets(db, actor)
    .select([resolvedDay.as('day'), (eb) => eb.fn.countAll().as('n')])
    .where('tickets.resolved_at', 'is not', null);
  if (range.from) q = q.where('tickets.resolved_at', '>=', range.from);
  if (range.to) q = q.where('tickets.resolved_at', '<', range.to);
  const rows = await q.groupBy(resolvedDay).execute();
  return rows.map((r) => ({ day: String(r.day), n: Number(r.n) }));
}

/** The oldest creation time among the visible tickets, for a volume report without a start. */
export async function firstCreatedAt(db: Executor, actor: Actor): Promise<string | null> {
  const row = await visibleTickets(db, actor)
    .select((eb) => eb.fn.min('tickets.created_at').as('first'))
    .executeTakeFirst();
  return row?.first ? String(row.first) : null;
}

const OPEN_WORK = (eb: ExpressionBuilder<DB, 'tickets'>) =>
  eb('tickets.status_category', 'not in', ['closed', 'solved']);

/** Tickets not yet solved or closed, counted by status. */
export async function backlogByStatus(db: Executor, actor: Actor) {
  const rows = await visibleTickets(db, actor)
    .where(OPEN_WORK)
    .select(['tickets.status', 'tickets.status_category', (eb) => eb.fn.countAll().as('n')])
    .groupBy(['tickets.status', 'tickets.status_category'])
    .execute();
  return rows.map((r) => ({ status: r.status, category: r.status_category, count: Number(r.n) }));
}

/** Tickets not yet solved or closed, counted by department. */
export async function backlogByDepartment(db: Executor, actor: Actor) {
  const rows = await visibleTickets(db, actor)
    .where(OPEN_WORK)
    .innerJoin('departments', 'departments.id', 'tickets.department_id')
    .select(['tickets.department_id', 'departments.name', (eb) => eb.fn.countAll().as('n')])
    .groupBy(['tickets.department_id', 'departments.name'])
    .execute();
  return rows.map((r) => ({ departmentId: r.department_id, name: r.name, count: Number(r.n) }));
}

/** The times of the newest `limit` tickets created within the range. */
export function ticketTimes(db: Executor, actor: Actor, range: Range, limit: number) {
  let q = visibleTickets(db, actor).select([
    'tickets.created_at',
    'tickets.first_response_at',
    'tickets.resolved_at',
  ]);
  if (range.from) q = q.where('tickets.created_at', '>=', range.from);
  if (range.to) q = q.where('tickets.created_at', '<', range.to);
  return q.orderBy('tickets.created_at', 'desc').orderBy('tickets.id', 'desc').limit(limit).execute();
}
