import type { Dialect, Executor } from '../../db/database.js';
import { reindexMessages, unindexTicket } from '../search/search.repository.js';

type TicketKey = { id: string; number: number };

/** Moves a ticket's conversation (messages, their files, their search entries) to another ticket. */
export async function moveConversation(db: Executor, dialect: Dialect, from: TicketKey, to: TicketKey) {
  // Unindexed first: the entries to drop are known by the messages still counted on `from`.
  await unindexTicket(db, dialect, from, false);
  await db.updateTable('messages').set({ ticket_id: to.id }).where('ticket_id', '=', from.id).execute();
  await db.updateTable('attachments').set({ ticket_id: to.id }).where('ticket_id', '=', from.id).execute();
  await reindexMessages(db, dialect, to);
}
