import type { Kysely } from 'kysely';
import { cascadeRef, createIndex, createTable, id, requiredText, text } from './columns.js';

// Frozen. Who besides the requester is on a ticket: staff who follow it ('follower') and the
// customers' CC addresses of its mail ('cc'), each a user (a CC address gets a customer record,
// so its replies have an author and its reply token a recipient). One row per ticket and user;
// a CC taken off the list is deleted, so it gets no further copies.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(
    db,
    'ticket_participants',
    {
      id,
      ticket_id: cascadeRef('tickets.id'),
      user_id: cascadeRef('users.id'),
      kind: requiredText,
      /** The address as the mail or the agent wrote it (CC only). */
      address: text,
      /** Who added it: a staff member, or null when a customer's mail did. */
      added_by: text,
      /** The ticket message whose mail set the CC list (CC only). */
      source_message_id: text,
      added_at: requiredText,
    },
    (t) => t.addUniqueConstraint('ticket_participants_user', ['ticket_id', 'user_id']),
  );
  await createIndex(db, 'ticket_participants_by_user', 'ticket_participants', ['user_id']);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ticket_participants').execute();
}
