import type { Executor } from '../../db/database.js';
import { moveParticipants } from '../participants/participants.repository.js';

// What merging one customer record into another moves, table by table.

type Moved = { tickets: number; messages: number; subscriptions: number; notes: number };

const n = (r: { numUpdatedRows: bigint }) => Number(r.numUpdatedRows);

/** Moves everything the record `from` holds or did to `to`; returns how many of the main things moved. */
export async function moveCustomerData(
  db: Executor,
  from: string,
  to: string,
  organisationId: string | null,
): Promise<Moved> {
  const tickets = n(
    await db
      .updateTable('tickets')
      .set({ requester_id: to, organisation_id: organisationId })
      .where('requester_id', '=', from)
      .executeTakeFirst(),
  );
  const messages = n(
    await db.updateTable('messages').set({ author_id: to }).where('author_id', '=', from).executeTakeFirst(),
  );
  const subscriptions = n(
    await db
      .updateTable('subscriptions')
      .set({ customer_id: to })
      .where('customer_id', '=', from)
      .executeTakeFirst(),
  );
  const notes = n(
    await db
      .updateTable('customer_notes')
      .set({ customer_id: to })
      .where('customer_id', '=', from)
      .executeTakeFirst(),
  );
  await db.updateTable('ticket_events').set({ actor_id: to }).where('actor_id', '=', from).execute();
  await db.updateTable('attachments').set({ uploader_id: to }).where('uploader_id', '=', from).execute();
  await db.updateTable('surveys').set({ recipient_id: to }).where('recipient_id', '=', from).execute();
  // Replies by mail thread by what we sent to whom, and WhatsApp by whose number wrote.
  await db.updateTable('outbound_messages').set({ user_id: to }).where('user_id', '=', from).execute();
  await db.updateTable('whatsapp_contacts').set({ user_id: to }).where('user_id', '=', from).execute();
  await db.updateTable('whatsapp_held').set({ user_id: to }).where('user_id', '=', from).execute();
  await db.updateTable('user_contacts').set({ user_id: to }).where('user_id', '=', from).execute();
  await moveTelegramLink(db, from, to);
  await moveParticipants(db, from, to);
  // Records merged into `from` earlier now point at `to` directly.
  await db.updateTable('user_merges').set({ survivor_id: to }).where('survivor_id', '=', from).execute();
  return { tickets, messages, subscriptions, notes };
}

/** One Telegram chat per person: the source's moves only when the survivor has none. */
async function moveTelegramLink(db: Executor, from: string, to: string) {
  const has = await db
    .selectFrom('telegram_links')
    .select('user_id')
    .where('user_id', '=', to)
    .executeTakeFirst();
  if (has) await db.deleteFrom('telegram_links').where('user_id', '=', from).execute();
  else await db.updateTable('telegram_links').set({ user_id: to }).where('user_id', '=', from).execute();
}

/** What a merged record keeps of its own: nothing to sign in with, nothing to be told by. */
export async function retireRecord(db: Executor, id: string) {
  await db.deleteFrom('notification_preferences').where('user_id', '=', id).execute();
  await db.deleteFrom('telegram_link_tokens').where('user_id', '=', id).execute();
}

export const insertMerge = (
  db: Executor,
  row: { merged_id: string; survivor_id: string; merged_by: string; merged_at: string },
) => db.insertInto('user_merges').values(row).execute();
