import type { Kysely } from 'kysely';
import { cascadeRef, createIndex, createTable, id, requiredText, timestamps } from './columns.js';

// Frozen. Links between tickets, one row per pair, read from both ends: related, or one a
// duplicate of the other, or one caused by the other (`kind` reads from `from_ticket_id`).

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(
    db,
    'ticket_links',
    {
      id,
      from_ticket_id: cascadeRef('tickets.id'),
      to_ticket_id: cascadeRef('tickets.id'),
      kind: requiredText,
      created_by: requiredText,
      created_at: timestamps.created_at,
    },
    (t) => t.addUniqueConstraint('ticket_links_pair', ['from_ticket_id', 'to_ticket_id']),
  );
  await createIndex(db, 'ticket_links_to_idx', 'ticket_links', ['to_ticket_id']);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ticket_links').execute();
}
