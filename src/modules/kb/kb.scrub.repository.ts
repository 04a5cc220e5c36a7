import type { Executor } from '../../db/database.js';

// What "create article from this ticket" reads of a ticket: its public conversation and the
// people on it, whose names and numbers the scrub takes out.

/** The ticket's public messages, oldest first, with whether their author is staff. Notes never. */
export function publicConversation(db: Executor, ticketId: string) {
  return db
    .selectFrom('messages as m')
    .leftJoin('users as u', 'u.id', 'm.author_id')
    .select(['m.id', 'm.author_id', 'm.body', 'm.created_at', 'u.role'])
    .where('m.ticket_id', '=', ticketId)
    .where('m.internal', '=', 0)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}

/**
 * Everyone on the ticket (requester, authors of its messages, followers and CCs), with the phone
 * numbers on record: whose names and numbers the scrub looks for.
 */
export async function ticketPeople(db: Executor, ticketId: string, requesterId: string) {
  const users = await db
    .selectFrom('users')
    .select(['id', 'name', 'phone'])
    .where((eb) =>
      eb.or([
        eb('id', '=', requesterId),
        eb(
          'id',
          'in',
          eb.selectFrom('messages').select('messages.author_id').where('messages.ticket_id', '=', ticketId),
        ),
        eb(
          'id',
          'in',
          eb
            .selectFrom('ticket_participants')
            .select('ticket_participants.user_id')
            .where('ticket_participants.ticket_id', '=', ticketId),
        ),
      ]),
    )
    .execute();
  const phones = await db
    .selectFrom('user_contacts')
    .select('value')
    .where('kind', '=', 'phone')
    .where(
      'user_id',
      'in',
      users.map((u) => u.id),
    )
    .execute();
  return {
    names: users.map((u) => u.name),
    phones: [...users.map((u) => u.phone), ...phones.map((p) => p.value)],
  };
}
