import { sql } from 'kysely';
import type { Dialect, Executor } from '../../db/database.js';

/** Moves a ticket's conversation (messages, their files, their search entries) to another ticket. */
export async function moveConversation(db: Executor, dialect: Dialect, fromId: string, toId: string) {
  await db.updateTable('messages').set({ ticket_id: toId }).where('ticket_id', '=', fromId).execute();
  await db.updateTable('attachments').set({ ticket_id: toId }).where('ticket_id', '=', fromId).execute();
  if (dialect === 'sqlite') {
    await sql`update search_index set ticket_id = ${toId} where ticket_id = ${fromId} and kind <> 's'`.execute(
      db,
    );
  }
}
