import type { Kysely } from 'kysely';

// Frozen. WhatsApp and Telegram: who wrote from which number and when (the 24-hour window),
// notices held back until a customer writes again, Telegram chats linked to users, and per-part
// delivery keys and status details on outbound messages.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  // One row per WhatsApp number that wrote to us: the customer it matched and when it last wrote,
  // which opens WhatsApp's 24-hour customer-service window.
  await db.schema
    .createTable('whatsapp_contacts')
    .addColumn('wa_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('last_inbound_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('whatsapp_contacts_user_idx')
    .on('whatsapp_contacts')
    .columns(['user_id', 'last_inbound_at'])
    .execute();

  // A notice that could not go out as itself (outside the window; a template went instead):
  // released to the customer as soon as they write again.
  await db.schema
    .createTable('whatsapp_held')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('released_at', 'text')
    .execute();
  await db.schema
    .createIndex('whatsapp_held_user_idx')
    .on('whatsapp_held')
    .columns(['user_id', 'released_at'])
    .execute();

  await db.schema
    .createTable('telegram_links')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('chat_id', 'text', (c) => c.notNull().unique())
    .addColumn('username', 'text')
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addColumn('broken_at', 'text')
    .addColumn('broken_reason', 'text')
    .execute();

  // Single-use link tokens, stored as their SHA-256.
  await db.schema
    .createTable('telegram_link_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('telegram_link_tokens_user_idx')
    .on('telegram_link_tokens')
    .column('user_id')
    .execute();

  // One delivery may send several messages (a reply and its files): each part is recorded under
  // its own key, so a retried delivery sends only the parts that had not gone out.
  await db.schema.alterTable('outbound_messages').addColumn('delivery_key', 'text').execute();
  await db.schema.alterTable('outbound_messages').addColumn('status_detail', 'text').execute();
  await db.schema.alterTable('outbound_messages').addColumn('status_at', 'text').execute();
  await db.schema
    .createIndex('outbound_messages_delivery_key_uq')
    .on('outbound_messages')
    .column('delivery_key')
    .unique()
    .execute();
  await db.schema
    .createIndex('outbound_messages_user_idx')
    .on('outbound_messages')
    .columns(['channel', 'user_id', 'ticket_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbound_messages_user_idx').execute();
  await db.schema.dropIndex('outbound_messages_delivery_key_uq').execute();
  await db.schema.alterTable('outbound_messages').dropColumn('status_at').execute();
  await db.schema.alterTable('outbound_messages').dropColumn('status_detail').execute();
  await db.schema.alterTable('outbound_messages').dropColumn('delivery_key').execute();
  await db.schema.dropTable('telegram_link_tokens').execute();
  await db.schema.dropTable('telegram_links').execute();
  await db.schema.dropTable('whatsapp_held').execute();
  await db.schema.dropTable('whatsapp_contacts').execute();
}
