import type { Kysely } from 'kysely';
import {
  addColumns,
  createIndex,
  createTable,
  dropColumns,
  flag,
  id,
  integerDefault,
  ref,
  requiredText,
  text,
  textDefault,
  textKey,
  timestamps,
} from './columns.js';

// Frozen. Canned responses, ticket types, custom fields, urgent routing and merging.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'canned_responses', {
    id,
    title: requiredText,
    body: requiredText,
    department_id: ref('departments.id', { onDelete: 'cascade' }),
    usage_count: integerDefault(0),
    created_by: ref('users.id', { onDelete: 'set null' }),
    ...timestamps,
  });
  await createIndex(db, 'canned_responses_department_idx', 'canned_responses', ['department_id', 'title']);

  await createTable(db, 'ticket_types', {
    key: textKey,
    name: requiredText,
    description: text,
    urgent: flag(0),
    position: integerDefault(0),
    active: flag(1),
  });

  await createTable(db, 'custom_fields', {
    key: textKey,
    label: requiredText,
    kind: requiredText,
    options: textDefault('[]'),
    required: flag(0),
    department_ids: textDefault('[]'),
    type_keys: textDefault('[]'),
    help: text,
    position: integerDefault(0),
    active: flag(1),
  });

  await addColumns(db, 'tickets', { urgent: flag(0), merged_into_id: text });
  await addColumns(db, 'users', { on_call: flag(0) });
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('on_call').execute();
  await dropColumns(db, 'tickets', ['merged_into_id', 'urgent']);
  await db.schema.dropTable('custom_fields').execute();
  await db.schema.dropTable('ticket_types').execute();
  await db.schema.dropTable('canned_responses').execute();
}
