import type { Kysely } from 'kysely';
import { createTable, id, ref, requiredText } from './columns.js';

// Frozen. Signatures added to public replies: one per staff member and one per department, each
// a text with placeholders. A row belongs to exactly one of the two and goes with it.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(
    db,
    'signatures',
    {
      id,
      user_id: ref('users.id', { onDelete: 'cascade' }),
      department_id: ref('departments.id', { onDelete: 'cascade' }),
      body: requiredText,
      updated_by: requiredText,
      updated_at: requiredText,
    },
    (t) =>
      t
        .addUniqueConstraint('signatures_user', ['user_id'])
        .addUniqueConstraint('signatures_department', ['department_id']),
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('signatures').execute();
}
