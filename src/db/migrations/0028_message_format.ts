import type { Kysely } from 'kysely';

// Frozen. A message body is either plain text (everything written before, and what arrives by
// email, WhatsApp and Telegram) or Markdown written in the web editor; it says which.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('messages')
    .addColumn('format', 'text', (c) => c.notNull().defaultTo('text'))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('format').execute();
}
