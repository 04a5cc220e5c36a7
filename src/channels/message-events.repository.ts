import type { Executor } from '../db/database.js';

/** The ticket message made from inbound message `inboundId` (a reply, or a new ticket's first), with its ticket's number. */
export const messageOfInbound = (db: Executor, inboundId: string) =>
  db
    .selectFrom('messages')
    .innerJoin('tickets', 'tickets.id', 'messages.ticket_id')
    .select([
      'messages.id',
      'messages.body',
      'messages.internal',
      'messages.author_id',
      'messages.ticket_id',
      'tickets.number',
    ])
    .where('messages.inbound_id', '=', inboundId)
    .executeTakeFirst();

/**
 * Marks inbound message `id` processed if it is still waiting; false when it was settled already
 * (an earlier run got as far as its commit). Run in the transaction that records what the message
 * did, so a run that is retried after a crash does not record it twice.
 */
export async function claimInbound(
  db: Executor,
  id: string,
  outcome: { detail: string; ticketId: string; at: string },
): Promise<boolean> {
  const res = await db
    .updateTable('inbound_messages')
    .set({
      state: 'processed',
      detail: outcome.detail,
      ticket_id: outcome.ticketId,
      processed_at: outcome.at,
    })
    .where('id', '=', id)
    .where('state', '=', 'received')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
