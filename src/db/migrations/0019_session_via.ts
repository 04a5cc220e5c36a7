import type { Kysely } from 'kysely';
import { addColumns, textDefault } from './columns.js';

// Frozen. How a session was opened: with a password (and perhaps a second factor), or through
// single sign-on, where the provider's own checks stand in for Tessera's second factor.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await addColumns(db, 'sessions', { via: textDefault('password') });
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('via').execute();
}
