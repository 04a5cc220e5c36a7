import type { Executor } from '../../db/database.js';
import type { MessageTable } from '../../db/schema.js';
import { type KeyCursor, keysetPage } from '../../lib/cursor.js';

export type MessageRow = MessageTable;

export const insertMessage = (db: Executor, row: MessageRow) =>
  db.insertInto('messages').values(row).execute();

/** Messages with their author's name. */
const withAuthor = (db: Executor) =>
  db
    .selectFrom('messages')
    .leftJoin('users', 'users.id', 'messages.author_id')
    .selectAll('messages')
    .select('users.name as author_name');

export const findMessageWithAuthor = (db: Executor, id: string) =>
  withAuthor(db).where('messages.id', '=', id).executeTakeFirst();

/** A ticket's first public message (its description), with its author's name. */
export const openingMessageWithAuthor = (db: Executor, ticketId: string) =>
  withAuthor(db)
    .where('messages.ticket_id', '=', ticketId)
    .where('messages.internal', '=', 0)
    .orderBy('messages.created_at')
    .orderBy('messages.id')
    .limit(1)
    .executeTakeFirst();

/** Oldest first; internal notes only where the caller is staff. */
export function listMessageRows(
  db: Executor,
  ticketId: string,
  f: { includeInternal: boolean; after?: KeyCursor; limit: number },
) {
  let q = withAuthor(db).select('users.role as author_role').where('messages.ticket_id', '=', ticketId);
  if (!f.includeInternal) q = q.where('messages.internal', '=', 0);
  return keysetPage(q, ['messages.created_at', 'messages.id'], f.after, f.limit).execute();
}

/** The message made from an inbound message, if one was. */
export const messageFromInbound = (db: Executor, inboundId: string) =>
  db
    .selectFrom('messages')
    .select(['id', 'ticket_id'])
    .where('inbound_id', '=', inboundId)
    .executeTakeFirst();
