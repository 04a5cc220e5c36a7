import type { Kysely } from 'kysely';
import { cascadeRef, createIndex, createTable, id, ref, requiredText, text, uniqueText } from './columns.js';

// Frozen. In-app notifications: what the bell in the staff header lists, one row per notice and
// recipient (a mention, an assignment, a customer reply), read or not. `dedupe_key` names the notice
// and recipient, so a notice's fan-out run twice writes one row. Rows go with their user or ticket.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'in_app_notifications', {
    id,
    user_id: cascadeRef('users.id'),
    ticket_id: cascadeRef('tickets.id'),
    event: requiredText,
    actor_id: ref('users.id', { onDelete: 'set null' }),
    message_id: ref('messages.id', { onDelete: 'set null' }),
    dedupe_key: uniqueText,
    created_at: requiredText,
    read_at: text,
  });
  // "My notifications, newest first", and the unread ones among them.
  await createIndex(db, 'in_app_notifications_user_created', 'in_app_notifications', [
    'user_id',
    'created_at',
    'id',
  ]);
  await createIndex(db, 'in_app_notifications_user_unread', 'in_app_notifications', [
    'user_id',
    'read_at',
    'created_at',
  ]);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('in_app_notifications').execute();
}
