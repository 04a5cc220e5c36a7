import type { Kysely } from 'kysely';
import { cascadeRef, createIndex, createTable, requiredText } from './columns.js';

// Frozen. Free tags on tickets: one row per ticket and tag (lower-case). The primary key serves a
// ticket's tags; the index by tag serves filtering, suggestions and renaming across tickets.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'ticket_tags', { ticket_id: cascadeRef('tickets.id'), tag: requiredText }, (t) =>
    t.addPrimaryKeyConstraint('ticket_tags_pk', ['ticket_id', 'tag']),
  );
  await createIndex(db, 'ticket_tags_tag_idx', 'ticket_tags', ['tag', 'ticket_id']);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ticket_tags').execute();
}
