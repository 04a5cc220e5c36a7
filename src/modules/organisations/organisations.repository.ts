import { sortKey } from '../../../common/i18n.js';
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
  return keysetPage(q, ['sort_name', 'id'], f.after, f.limit).execute();
}

/** Adds an organisation, its sort key made from its name; gives the row written. */
export async function insertOrganisation(
  db: Executor,
  row: Omit<OrganisationRow, 'sort_name'>,
): Promise<OrganisationRow> {
  const written = { ...row, sort_name: sortKey(row.name) };
  await db.insertInto('organisations').values(written).execute();
  return written;
}

export const updateOrganisationRow = (
  db: Executor,
  id: string,
  patch: Partial<Omit<OrganisationRow, 'sort_name'>>,
) =>
  db
    .updateTable('organisations')
    .set(patch.name === undefined ? patch : { ...patch, sort_name: sortKey(patch.name) })
    .where('id', '=', id)
    .execute();
