import type { ColumnBuilderCallback, CreateTableBuilder, Kysely } from 'kysely';

// Frozen, like the migrations that use it: shipped migrations describe their schema with these
// columns and functions, so changing one would change what an old migration creates. Never edit
// one here; a migration that needs another column shape adds a new one (or writes the column out).

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
type AnyDb = Kysely<any>;
// biome-ignore lint/suspicious/noExplicitAny: see AnyDb
type AnyTable = CreateTableBuilder<any, any>;

/** A column's type and constraints, named by the key it is given in `createTable`. */
export type Column = readonly [type: 'text' | 'integer' | 'bigint', build?: ColumnBuilderCallback];

/** A text primary key. */
export const textKey: Column = ['text', (c) => c.primaryKey()];
/** The `id` column nearly every table has. */
export const id = textKey;
export const text: Column = ['text'];
export const requiredText: Column = ['text', (c) => c.notNull()];
/** A not-null unique name, email or hash. */
export const uniqueText: Column = ['text', (c) => c.notNull().unique()];
export const integer: Column = ['integer'];
export const requiredInteger: Column = ['integer', (c) => c.notNull()];
/** A never-null integer with a default: counters, positions. */
export const integerDefault = (value: number): Column => ['integer', (c) => c.notNull().defaultTo(value)];
/** A 0/1 flag that is never null. */
export const flag = (value: 0 | 1): Column => integerDefault(value);
/** A never-null text with a default (JSON documents, states). */
export const textDefault = (value: string): Column => ['text', (c) => c.notNull().defaultTo(value)];
/** `created_at` and `updated_at`, in that order, for the tables whose rows people edit. */
export const timestamps = { created_at: requiredText, updated_at: requiredText };

/**
 * A text foreign key to `target` ('table.column'), nullable unless `required`, with the rule for
 * when the referenced row is deleted (none: the delete is refused).
 */
export function ref(
  target: string,
  opts: { required?: boolean; onDelete?: 'cascade' | 'set null' } = {},
): Column {
  return [
    'text',
    (c) => {
      const col = opts.required ? c.notNull().references(target) : c.references(target);
      return opts.onDelete ? col.onDelete(opts.onDelete) : col;
    },
  ];
}

/** A required reference whose rows go with the referenced one: a ticket's messages, a user's sessions. */
export const cascadeRef = (target: string): Column => ref(target, { required: true, onDelete: 'cascade' });

/**
 * Creates `name` with `columns` in the order of their keys; `finish` adds table constraints
 * (composite primary keys, unique pairs).
 */
export async function createTable(
  db: AnyDb,
  name: string,
  columns: Record<string, Column>,
  finish: (table: AnyTable) => AnyTable = (table) => table,
): Promise<void> {
  let table: AnyTable = db.schema.createTable(name);
  for (const [column, [type, build]] of Object.entries(columns)) table = table.addColumn(column, type, build);
  await finish(table).execute();
}

export async function createIndex(db: AnyDb, name: string, table: string, columns: string[]): Promise<void> {
  await db.schema.createIndex(name).on(table).columns(columns).execute();
}

/** Adds columns to an existing table, one statement each (SQLite adds one column at a time). */
export async function addColumns(db: AnyDb, table: string, columns: Record<string, Column>): Promise<void> {
  for (const [column, [type, build]] of Object.entries(columns)) {
    await db.schema.alterTable(table).addColumn(column, type, build).execute();
  }
}

/** Drops columns of a table, one statement each, in the order given. */
export async function dropColumns(db: AnyDb, table: string, columns: string[]): Promise<void> {
  for (const column of columns) await db.schema.alterTable(table).dropColumn(column).execute();
}
