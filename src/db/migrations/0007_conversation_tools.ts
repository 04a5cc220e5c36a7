import type { Kysely } from 'kysely';

// Frozen. Canned responses, ticket types, custom fields, urgent routing and merging.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('canned_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.references('departments.id').onDelete('cascade'))
    .addColumn('usage_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('canned_responses_department_idx')
    .on('canned_responses')
    .columns(['department_id', 'title'])
    .execute();

  await db.schema
    .createTable('ticket_types')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('custom_fields')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('department_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('type_keys', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('help', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .alterTable('tickets')
    .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('tickets').addColumn('merged_into_id', 'text').execute();
  await db.schema
    .alterTable('users')
    .addColumn('on_call', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('on_call').execute();
  await db.schema.alterTable('tickets').dropColumn('merged_into_id').execute();
  await db.schema.alterTable('tickets').dropColumn('urgent').execute();
  await db.schema.dropTable('custom_fields').execute();
  await db.schema.dropTable('ticket_types').execute();
  await db.schema.dropTable('canned_responses').execute();
}
