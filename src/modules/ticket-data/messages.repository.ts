import type { Executor } from '../../db/database.js';
import type { MessageTable } from '../../db/schema.js';

export type MessageRow = MessageTable;

export const insertMessage = (db: Executor, row: MessageRow) =>
  db.insertInto('messages').values(row).execute();

/** Oldest first; internal notes only where the caller is staff. */
export function listMessageRows(
  db: Executor,
  ticketId: string,
  f: { includeInternal: boolean; after?: { createdAt: string; id: string }; limit: number },
) {
  let q = db
    .selectFrom('messages')
    .leftJoin('users', 'users.id', 'messages.author_id')
    .selectAll('messages')
    .select(['users.name as author_name', 'users.role as author_role'])
    .where('messages.ticket_id', '=', ticketId);
  if (!f.includeInternal) q = q.where('messages.internal', '=', 0);
  if (f.after) {
    const { createdAt, id } = f.after;
    q = q.where((eb) =>
      eb.or([
        eb('messages.created_at', '>', createdAt),
        eb.and([eb('messages.created_at', '=', createdAt), eb('messages.id', '>', id)]),
      ]),
    );
  }
  return q
    .orderBy('messages.created_at')
    .orderBy('messages.id')
    .limit(f.limit + 1)
    .execute();
}

/** The message made from an inbound message, if one was. */
export const messageFromInbound = (db: Executor, inboundId: string) =>
  db
    .selectFrom('messages')
    .select(['id', 'ticket_id'])
    .where('inbound_id', '=', inboundId)
    .executeTakeFirst();
