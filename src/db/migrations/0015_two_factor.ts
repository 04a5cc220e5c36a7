import type { Kysely } from 'kysely';
import { cascadeRef, createTable, integer, requiredText, text, textDefault } from './columns.js';

// Frozen. A user's second factor for signing in: an authenticator app's secret (sealed with the
// installation's secret), when it was confirmed, the last time step used (a code works once), and
// the hashes of the unused recovery codes.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(
    db,
    'second_factors',
    {
      user_id: cascadeRef('users.id'),
      secret: requiredText,
      confirmed_at: text,
      last_step: integer,
      recovery_codes: textDefault('[]'),
      created_at: requiredText,
    },
    (t) => t.addPrimaryKeyConstraint('second_factors_pk', ['user_id']),
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('second_factors').execute();
}
