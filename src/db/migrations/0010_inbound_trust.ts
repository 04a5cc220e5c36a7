import type { Kysely } from 'kysely';
import {
  addColumns,
  createIndex,
  createTable,
  dropColumns,
  flag,
  id,
  integer,
  requiredText,
  text,
} from './columns.js';

// Frozen. What admins need to review inbound mail without opening it (sender, subject, size), and
// the automatic answers sent or held back per recipient: the durable count behind the cap on
// automatic mail, shared by every node, and the record of what the cap suppressed.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await addColumns(db, 'inbound_messages', { sender: text, subject: text, size: integer });
  await createTable(db, 'auto_replies', {
    id,
    channel: requiredText,
    recipient: requiredText,
    inbound_id: text,
    subject: requiredText,
    suppressed: flag(0),
    created_at: requiredText,
  });
  await createIndex(db, 'auto_replies_recipient_idx', 'auto_replies', ['channel', 'recipient', 'created_at']);
  await createIndex(db, 'auto_replies_inbound_idx', 'auto_replies', ['inbound_id']);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('auto_replies').execute();
  await dropColumns(db, 'inbound_messages', ['size', 'subject', 'sender']);
}
