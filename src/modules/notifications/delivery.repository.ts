import type { Executor } from '../../db/database.js';
import { newId } from '../../lib/crypto.js';

export const findMessageWithAuthor = (db: Executor, id: string) =>
  db
    .selectFrom('messages')
    .leftJoin('users', 'users.id', 'messages.author_id')
    .selectAll('messages')
    .select('users.name as author_name')
    .where('messages.id', '=', id)
    .executeTakeFirst();

/** Remembers what we sent under which channel id, so a reply quoting it finds its ticket. */
export async function recordOutbound(
  db: Executor,
  m: { channel: string; externalId: string; ticketId: string; userId: string | null; now: string },
) {
  await db
    .insertInto('outbound_messages')
    .values({
      id: newId(),
      channel: m.channel,
      external_id: m.externalId,
      ticket_id: m.ticketId,
      user_id: m.userId,
      status: 'sent',
      created_at: m.now,
    })
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
    .execute();
}

export const findOutbound = (db: Executor, channel: string, externalIds: string[]) =>
  externalIds.length === 0
    ? Promise.resolve(undefined)
    : db
        .selectFrom('outbound_messages')
        .selectAll()
        .where('channel', '=', channel)
        .where('external_id', 'in', externalIds)
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
