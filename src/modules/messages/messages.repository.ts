import type { Executor } from '../../db/database.js';

/**
 * The ticket's public messages after `seen` in the thread's order (created_at, then id), leaving out
 * `exceptAuthor`'s own: what someone writing since `seen` has not read.
 */
export const publicMessagesAfter = (
  db: Executor,
  ticketId: string,
  seen: { created_at: string; id: string },
  exceptAuthor: string,
) =>
  db
    .selectFrom('messages')
    .select(['id', 'created_at'])
    .where('ticket_id', '=', ticketId)
    .where('internal', '=', 0)
    .where((eb) => eb.or([eb('author_id', 'is', null), eb('author_id', '!=', exceptAuthor)]))
    .where((eb) =>
      eb.or([
        eb('created_at', '>', seen.created_at),
        eb.and([eb('created_at', '=', seen.created_at), eb('id', '>', seen.id)]),
      ]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .limit(50)
    .execute();
