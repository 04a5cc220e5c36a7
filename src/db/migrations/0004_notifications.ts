import type { Kysely } from 'kysely';
import {
  cascadeRef,
  createIndex,
  createTable,
  id,
  ref,
  requiredInteger,
  requiredText,
  text,
} from './columns.js';

// Frozen. Notification preferences (overrides of the defaults, which are on) and inbound messages.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(
    db,
    'notification_preferences',
    {
      user_id: cascadeRef('users.id'),
      event: requiredText,
      channel: requiredText,
      enabled: requiredInteger,
    },
    (t) => t.addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'event', 'channel']),
  );

  // Every inbound message from any channel, kept raw before it is processed; (channel, external_id)
  // makes a redelivery a no-op.
  await createTable(
    db,
    'inbound_messages',
    {
      id,
      channel: requiredText,
      external_id: requiredText,
      raw: requiredText,
      state: requiredText,
      detail: text,
      ticket_id: text,
      message_id: text,
      received_at: requiredText,
      processed_at: text,
    },
    (t) => t.addUniqueConstraint('inbound_messages_channel_external_uq', ['channel', 'external_id']),
  );
  await createIndex(db, 'inbound_messages_state_idx', 'inbound_messages', ['state', 'received_at']);

  // Outbound messages we sent, by the id the channel knows them by: mail Message-ID today,
  // WhatsApp message ids later. Lets a reply that quotes one find its ticket.
  await createTable(
    db,
    'outbound_messages',
    {
      id,
      channel: requiredText,
      external_id: requiredText,
      ticket_id: cascadeRef('tickets.id'),
      user_id: ref('users.id', { onDelete: 'set null' }),
      status: text,
      created_at: requiredText,
    },
    (t) => t.addUniqueConstraint('outbound_messages_channel_external_uq', ['channel', 'external_id']),
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbound_messages').execute();
  await db.schema.dropTable('inbound_messages').execute();
  await db.schema.dropTable('notification_preferences').execute();
}
