import type { Executor } from '../../db/database.js';
import type { DepartmentTable } from '../../db/schema.js';

export type DepartmentRow = DepartmentTable;

export const findDepartment = (db: Executor, id: string) =>
  db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();

export const findDepartmentByName = (db: Executor, name: string) =>
  db.selectFrom('departments').selectAll().where('name', '=', name).executeTakeFirst();

export async function departmentsExist(db: Executor, ids: string[]): Promise<boolean> {
  const unique = [...new Set(ids)];
  const rows = await db.selectFrom('departments').select('id').where('id', 'in', unique).execute();
  return rows.length === unique.length;
}

export function listDepartmentRows(db: Executor, onlyIds: string[] | null) {
  let q = db.selectFrom('departments').selectAll().orderBy('name');
  if (onlyIds) {
    if (onlyIds.length === 0) return Promise.resolve([]);
    q = q.where('id', 'in', onlyIds);
  }
  return q.execute();
}

export const insertDepartment = (db: Executor, row: DepartmentRow) =>
  db.insertInto('departments').values(row).execute();

export const updateDepartmentRow = (db: Executor, id: string, patch: Partial<DepartmentRow>) =>
  db.updateTable('departments').set(patch).where('id', '=', id).execute();

export const firstDepartment = (db: Executor) =>
  db.selectFrom('departments').selectAll().orderBy('name').limit(1).executeTakeFirst();

/** Where tickets from email and WhatsApp land: the configured department (name or id), else the first. */
export async function intakeDepartment(db: Executor, configured: string | null) {
  if (configured)
    return (await findDepartment(db, configured)) ?? (await findDepartmentByName(db, configured));
  return firstDepartment(db);
}
