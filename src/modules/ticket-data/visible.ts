import type { ActorCtx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { findVisibleTicket, type TicketView } from './tickets.repository.js';

export const TICKET_REFUSALS = defineMessages({
  noTicket: { id: 'error.tickets.not_found', defaultMessage: 'No ticket #{number}' },
});

/** The ticket if the caller may see it; otherwise not_found, never a hint that it exists. */
export async function requireVisibleTicket(
  ctx: ActorCtx,
  db: Executor,
  number: number,
  lock = false,
): Promise<TicketView> {
  const row = await findVisibleTicket(db, ctx.actor, number, lock);
  if (!row) throw refusal('not_found', TICKET_REFUSALS.noTicket, { number: String(number) });
  return row;
}
