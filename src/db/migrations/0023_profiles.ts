import type { Kysely } from 'kysely';
import {
  cascadeRef,
  createIndex,
  createTable,
  id,
  ref,
  requiredText,
  textKey,
  timestamps,
} from './columns.js';

// Frozen. What customer profiles add: a person's further addresses and numbers (kept when two
// records of one person are merged, so mail from either address finds them), staff notes about a
// customer, and which record was merged into which.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(
    db,
    'user_contacts',
    {
      id,
      user_id: cascadeRef('users.id'),
      kind: requiredText,
      value: requiredText,
      created_at: timestamps.created_at,
    },
    (t) => t.addUniqueConstraint('user_contacts_value', ['kind', 'value']),
  );
  await createIndex(db, 'user_contacts_user_idx', 'user_contacts', ['user_id']);
  await createTable(db, 'customer_notes', {
    id,
    customer_id: cascadeRef('users.id'),
    author_id: ref('users.id', { onDelete: 'set null' }),
    body: requiredText,
    ...timestamps,
  });
  await createIndex(db, 'customer_notes_customer_idx', 'customer_notes', ['customer_id', 'created_at']);
  await createTable(db, 'user_merges', {
    merged_id: textKey,
    survivor_id: ref('users.id', { required: true }),
    merged_by: requiredText,
    merged_at: requiredText,
  });
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('user_merges').execute();
  await db.schema.dropTable('customer_notes').execute();
  await db.schema.dropTable('user_contacts').execute();
}
