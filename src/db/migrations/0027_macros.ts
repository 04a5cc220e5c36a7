import { type Kysely, sql } from 'kysely';

// Frozen. Canned responses become macros: besides the reply text (`body`, now possibly empty) a
// macro may add an internal note and change the ticket (status, priority, assignee, department,
// type, fields, tags), as a JSON document. Existing responses get none and stay what they were.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('canned_responses')
    .addColumn('actions', 'text', (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('canned_responses').dropColumn('actions').execute();
}
