import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { visibleTickets } from '../tickets/tickets.repository.js';

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
