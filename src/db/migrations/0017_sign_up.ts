import type { Kysely } from 'kysely';
import { createIndex, createTable, id, requiredText, text } from './columns.js';

// Frozen. Customer self-sign-up: a sign-up waits here until the link mailed to the address is
// opened; there the password is chosen and only then is the customer made. Nothing usable exists
// for an address nobody has proved to own, and nobody but its owner chooses its password.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'sign_ups', {
    id,
    email: requiredText,
    name: requiredText,
    ip: text,
    created_at: requiredText,
    expires_at: requiredText,
    used_at: text,
  });
  await createIndex(db, 'sign_ups_email_idx', 'sign_ups', ['email']);
  await createIndex(db, 'sign_ups_expires_idx', 'sign_ups', ['expires_at']);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_ups').execute();
}
