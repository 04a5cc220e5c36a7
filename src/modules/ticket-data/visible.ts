import type { ActorCtx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { findVisibleTicket, type TicketView } from './tickets.repository.js';

/** The ticket if the caller may see it; otherwise not_found, never a hint that it exists. */
export async function requireVisibleTicket(
  ctx: ActorCtx,
  db: Executor,
  number: number,
  lock = false,
): Promise<TicketView> {
  const row = await findVisibleTicket(db, ctx.actor, number, lock);
  if (!row) throw notFound(`No ticket #${number}`);
  return row;
}
