import type { Kysely } from 'kysely';
import {
  addColumns,
  cascadeRef,
  createIndex,
  createTable,
  dropColumns,
  id,
  ref,
  requiredText,
  text,
  textKey,
  uniqueText,
} from './columns.js';

// Frozen. WhatsApp and Telegram: who wrote from which number and when (the 24-hour window),
// notices held back until a customer writes again, Telegram chats linked to users, and per-part
// delivery keys and status details on outbound messages.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  // One row per WhatsApp number that wrote to us: the customer it matched and when it last wrote,
  // which opens WhatsApp's 24-hour customer-service window.
  await createTable(db, 'whatsapp_contacts', {
    wa_id: textKey,
    user_id: ref('users.id', { onDelete: 'set null' }),
    last_inbound_at: requiredText,
    updated_at: requiredText,
  });
  await createIndex(db, 'whatsapp_contacts_user_idx', 'whatsapp_contacts', ['user_id', 'last_inbound_at']);

  // A notice that could not go out as itself (outside the window; a template went instead):
  // released to the customer as soon as they write again.
  await createTable(db, 'whatsapp_held', {
    id,
    user_id: cascadeRef('users.id'),
    ticket_id: cascadeRef('tickets.id'),
    payload: requiredText,
    created_at: requiredText,
    released_at: text,
  });
  await createIndex(db, 'whatsapp_held_user_idx', 'whatsapp_held', ['user_id', 'released_at']);

  await createTable(db, 'telegram_links', {
    user_id: ['text', (c) => c.primaryKey().references('users.id').onDelete('cascade')],
    chat_id: uniqueText,
    username: text,
    linked_at: requiredText,
    broken_at: text,
    broken_reason: text,
  });

  // Single-use link tokens, stored as their SHA-256.
  await createTable(db, 'telegram_link_tokens', {
    token_hash: textKey,
    user_id: cascadeRef('users.id'),
    created_at: requiredText,
    expires_at: requiredText,
    used_at: text,
  });
  await createIndex(db, 'telegram_link_tokens_user_idx', 'telegram_link_tokens', ['user_id']);

  // One delivery may send several messages (a reply and its files): each part is recorded under
  // its own key, so a retried delivery sends only the parts that had not gone out.
  await addColumns(db, 'outbound_messages', { delivery_key: text, status_detail: text, status_at: text });
  await db.schema
    .createIndex('outbound_messages_delivery_key_uq')
    .on('outbound_messages')
    .column('delivery_key')
    .unique()
    .execute();
  await createIndex(db, 'outbound_messages_user_idx', 'outbound_messages', [
    'channel',
    'user_id',
    'ticket_id',
  ]);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbound_messages_user_idx').execute();
  await db.schema.dropIndex('outbound_messages_delivery_key_uq').execute();
  await dropColumns(db, 'outbound_messages', ['status_at', 'status_detail', 'delivery_key']);
  await db.schema.dropTable('telegram_link_tokens').execute();
  await db.schema.dropTable('telegram_links').execute();
  await db.schema.dropTable('whatsapp_held').execute();
  await db.schema.dropTable('whatsapp_contacts').execute();
}
