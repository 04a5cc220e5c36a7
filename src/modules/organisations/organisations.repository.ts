import type { Executor } from '../../db/database.js';
import type { OrganisationTable } from '../../db/schema.js';

export type OrganisationRow = OrganisationTable;

export const findOrganisation = (db: Executor, id: string) =>
  db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();

export function listOrganisationRows(
  db: Executor,
  f: { onlyId?: string | null; after?: { name: string; id: string }; limit: number },
) {
  let q = db.selectFrom('organisations').selectAll();
  if (f.onlyId !== undefined) q = q.where('id', '=', f.onlyId ?? '');
  if (f.after) {
    const { name, id } = f.after;
    q = q.where((eb) => eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]));
  }
  return q
    .orderBy('name')
    .orderBy('id')
    .limit(f.limit + 1)
    .execute();
}

export const insertOrganisation = (db: Executor, row: OrganisationRow) =>
  db.insertInto('organisations').values(row).execute();

export const updateOrganisationRow = (db: Executor, id: string, patch: Partial<OrganisationRow>) =>
  db.updateTable('organisations').set(patch).where('id', '=', id).execute();
