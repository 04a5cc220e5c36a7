import type { Kysely } from 'kysely';

// Frozen. The inbound message a ticket message came from: unique, so processing a received
// message twice (a crash between writing the reply and marking the message done) adds it once.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('inbound_id', 'text').execute();
  await db.schema.createIndex('messages_inbound_uq').on('messages').column('inbound_id').unique().execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('messages_inbound_uq').execute();
  await db.schema.alterTable('messages').dropColumn('inbound_id').execute();
}
