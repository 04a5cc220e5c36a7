import type { Executor } from '../../db/database.js';
import type { TicketEventTable } from '../../db/schema.js';

export type EventRow = TicketEventTable;

export async function insertEvents(db: Executor, rows: EventRow[]) {
  if (rows.length > 0) await db.insertInto('ticket_events').values(rows).execute();
}

export const listEventRows = (db: Executor, ticketId: string, includeInternal: boolean) => {
  let q = db
    .selectFrom('ticket_events')
    .leftJoin('users', 'users.id', 'ticket_events.actor_id')
    .selectAll('ticket_events')
    .select('users.name as actor_name')
    .where('ticket_events.ticket_id', '=', ticketId);
  if (!includeInternal) q = q.where('ticket_events.public', '=', 1);
  return q.orderBy('ticket_events.created_at').orderBy('ticket_events.id').execute();
};
