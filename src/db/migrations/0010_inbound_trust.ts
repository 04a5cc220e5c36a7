import type { Kysely } from 'kysely';

// Frozen. What admins need to review inbound mail without opening it (sender, subject, size), and
// the automatic answers sent or held back per recipient: the durable count behind the cap on
// automatic mail, shared by every node, and the record of what the cap suppressed.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('inbound_messages').addColumn('sender', 'text').execute();
  await db.schema.alterTable('inbound_messages').addColumn('subject', 'text').execute();
  await db.schema.alterTable('inbound_messages').addColumn('size', 'integer').execute();
  await db.schema
    .createTable('auto_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('inbound_id', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('suppressed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('auto_replies_recipient_idx')
    .on('auto_replies')
    .columns(['channel', 'recipient', 'created_at'])
    .execute();
  await db.schema.createIndex('auto_replies_inbound_idx').on('auto_replies').column('inbound_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('auto_replies').execute();
  await db.schema.alterTable('inbound_messages').dropColumn('size').execute();
  await db.schema.alterTable('inbound_messages').dropColumn('subject').execute();
  await db.schema.alterTable('inbound_messages').dropColumn('sender').execute();
}
