import type { Executor } from '../../db/database.js';
import type { CustomerNoteTable, UserContactTable } from '../../db/schema.js';

// Only this file and merge.repository.ts touch the database for profiles.

export type ContactRow = UserContactTable;
export type NoteRow = CustomerNoteTable;
export type NoteView = NoteRow & { author_name: string | null };

export const contactsOf = (db: Executor, userId: string) =>
  db.selectFrom('user_contacts').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();

/** Adds further contacts; a number someone else keeps as a further one already is left with them. */
export const insertContacts = async (db: Executor, rows: ContactRow[]) => {
  if (rows.length === 0) return;
  await db
    .insertInto('user_contacts')
    .values(rows)
    .onConflict((oc) => oc.columns(['kind', 'value']).doNothing())
    .execute();
};

/** Drops a further address once it becomes the one on the person's record. */
export const deleteContact = (db: Executor, userId: string, kind: ContactRow['kind'], value: string) =>
  db
    .deleteFrom('user_contacts')
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('value', '=', value)
    .execute();

export const notesOf = (db: Executor, customerId: string): Promise<NoteView[]> =>
  db
    .selectFrom('customer_notes')
    .leftJoin('users as author', 'author.id', 'customer_notes.author_id')
    .selectAll('customer_notes')
    .select('author.name as author_name')
    .where('customer_notes.customer_id', '=', customerId)
    .orderBy('customer_notes.created_at', 'desc')
    .orderBy('customer_notes.id')
    .limit(500)
    .execute();

export const findNote = (db: Executor, customerId: string, id: string) =>
  db
    .selectFrom('customer_notes')
    .selectAll()
    .where('id', '=', id)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();

export const insertNote = (db: Executor, row: NoteRow) =>
  db.insertInto('customer_notes').values(row).execute();

export const updateNoteRow = (db: Executor, id: string, patch: Pick<NoteRow, 'body' | 'updated_at'>) =>
  db.updateTable('customer_notes').set(patch).where('id', '=', id).execute();

export const deleteNoteRow = (db: Executor, id: string) =>
  db.deleteFrom('customer_notes').where('id', '=', id).execute();

export const mergedInto = (db: Executor, userId: string) =>
  db
    .selectFrom('user_merges')
    .innerJoin('users', 'users.id', 'user_merges.survivor_id')
    .select(['users.id', 'users.name'])
    .where('user_merges.merged_id', '=', userId)
    .executeTakeFirst();

/** An organisation's customers by name (the first `limit`), and how many it has. */
export async function customersOf(db: Executor, organisationId: string, limit: number) {
  const base = db
    .selectFrom('users')
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'customer');
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('name').orderBy('id').limit(limit).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, count: Number(count.n) };
}
