import type { Executor } from '../../db/database.js';
import type { OrganisationTable } from '../../db/schema.js';
import { type KeyCursor, keysetPage } from '../../lib/cursor.js';

export type OrganisationRow = OrganisationTable;

export const findOrganisation = (db: Executor, id: string) =>
  db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();

export function listOrganisationRows(
  db: Executor,
  f: { onlyId?: string | null; after?: KeyCursor; limit: number },
) {
  let q = db.selectFrom('organisations').selectAll();
  if (f.onlyId !== undefined) q = q.where('id', '=', f.onlyId ?? '');
  return keysetPage(q, ['name', 'id'], f.after, f.limit).execute();
}

export const insertOrganisation = (db: Executor, row: OrganisationRow) =>
  db.insertInto('organisations').values(row).execute();

export const updateOrganisationRow = (db: Executor, id: string, patch: Partial<OrganisationRow>) =>
  db.updateTable('organisations').set(patch).where('id', '=', id).execute();
