import type { Executor } from '../../db/database.js';

/** A ticket's first public message (its description), with its author's name. */
export const openingMessageWithAuthor = (db: Executor, ticketId: string) =>
  db
    .selectFrom('messages')
    .leftJoin('users', 'users.id', 'messages.author_id')
    .selectAll('messages')
    .select('users.name as author_name')
    .where('messages.ticket_id', '=', ticketId)
    .where('messages.internal', '=', 0)
    .orderBy('messages.created_at')
    .orderBy('messages.id')
    .limit(1)
    .executeTakeFirst();
