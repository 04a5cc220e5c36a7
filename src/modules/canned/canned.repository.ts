import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { CannedResponseTable } from '../../db/schema.js';

export type CannedRow = CannedResponseTable;

/** Global responses plus those of the given departments (all, for null). */
export function listCannedRows(db: Executor, departmentIds: string[] | null) {
  let q = db.selectFrom('canned_responses').selectAll();
  if (departmentIds) {
    q = q.where((eb) =>
      departmentIds.length > 0
        ? eb.or([eb('department_id', 'is', null), eb('department_id', 'in', departmentIds)])
        : eb('department_id', 'is', null),
    );
  }
  return q.orderBy('usage_count', 'desc').orderBy('title').limit(500).execute();
}
export const findCanned = (db: Executor, id: string) =>
  db.selectFrom('canned_responses').selectAll().where('id', '=', id).executeTakeFirst();
export const insertCanned = (db: Executor, row: CannedRow) =>
  db.insertInto('canned_responses').values(row).execute();
export const updateCannedRow = (db: Executor, id: string, patch: Partial<CannedRow>) =>
  db.updateTable('canned_responses').set(patch).where('id', '=', id).execute();
export const deleteCannedRow = (db: Executor, id: string) =>
  db.deleteFrom('canned_responses').where('id', '=', id).execute();
export const countCannedUse = (db: Executor, id: string) =>
  db
    .updateTable('canned_responses')
    .set({ usage_count: sql`usage_count + 1` })
    .where('id', '=', id)
    .execute();
