import type { Kysely } from 'kysely';
import {
  createIndex,
  createTable,
  id,
  integerDefault,
  ref,
  requiredText,
  textKey,
  timestamps,
} from './columns.js';

// Frozen. Saved views of the queue, kept on the server: a person's own, shared with a department
// or shared with everyone. `filter` and `columns` are JSON; a view goes with its owner and, when
// shared with one, its department. Each person's default view (a saved view's id or a built-in
// view's key) is a row of its own. An index serves the views' counts, which nearly all filter by
// status category, often by assignee or priority, within departments: they count from it alone.
// At 1M tickets on SQLite it takes "not solved" for an agent of two departments from 1.2 s to 15 ms.
// (One by category first would serve administrators too, but SQLite then starts the queue's list
// of unsolved tickets from it and sorts them all: 1.5 ms became 800 ms.)

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'saved_views', {
    id,
    name: requiredText,
    scope: requiredText,
    department_id: ref('departments.id', { onDelete: 'cascade' }),
    owner_id: ref('users.id', { required: true, onDelete: 'cascade' }),
    filter: requiredText,
    sort: requiredText,
    sort_order: requiredText,
    columns: requiredText,
    position: integerDefault(0),
    ...timestamps,
  });
  await createIndex(db, 'saved_views_owner_idx', 'saved_views', ['owner_id']);
  await createIndex(db, 'saved_views_department_idx', 'saved_views', ['department_id']);
  await createIndex(db, 'tickets_department_category_idx', 'tickets', [
    'department_id',
    'status_category',
    'assignee_id',
    'priority',
  ]);
  await createTable(db, 'view_defaults', {
    user_id: [textKey[0], (c) => c.primaryKey().references('users.id').onDelete('cascade')],
    view_id: requiredText,
  });
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('view_defaults').execute();
  await db.schema.dropIndex('tickets_department_category_idx').execute();
  await db.schema.dropTable('saved_views').execute();
}
