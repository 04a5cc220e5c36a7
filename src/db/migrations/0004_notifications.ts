import type { Kysely } from 'kysely';

// Frozen. Notification preferences (overrides of the defaults, which are on) and inbound messages.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'event', 'channel'])
    .execute();

  // Every inbound message from any channel, kept raw before it is processed; (channel, external_id)
  // makes a redelivery a no-op.
  await db.schema
    .createTable('inbound_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('ticket_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text')
    .addUniqueConstraint('inbound_messages_channel_external_uq', ['channel', 'external_id'])
    .execute();
  await db.schema
    .createIndex('inbound_messages_state_idx')
    .on('inbound_messages')
    .columns(['state', 'received_at'])
    .execute();

  // Outbound messages we sent, by the id the channel knows them by: mail Message-ID today,
  // WhatsApp message ids later. Lets a reply that quotes one find its ticket.
  await db.schema
    .createTable('outbound_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('outbound_messages_channel_external_uq', ['channel', 'external_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbound_messages').execute();
  await db.schema.dropTable('inbound_messages').execute();
  await db.schema.dropTable('notification_preferences').execute();
}
