import type { Kysely } from 'kysely';
import { cascadeRef, createTable, requiredText } from './columns.js';

// Frozen. What a staff member has half written on a ticket, one reply and one note each, kept on
// the server so it survives a reload and follows them to another device. Goes with the ticket or
// the user.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(
    db,
    'drafts',
    {
      user_id: cascadeRef('users.id'),
      ticket_id: cascadeRef('tickets.id'),
      kind: requiredText,
      body: requiredText,
      updated_at: requiredText,
    },
    (t) => t.addPrimaryKeyConstraint('drafts_pk', ['user_id', 'ticket_id', 'kind']),
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('drafts').execute();
}
