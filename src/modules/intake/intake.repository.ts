import type { Executor } from '../../db/database.js';
import type { CustomFieldTable, TicketTypeTable } from '../../db/schema.js';
import type { FieldDef } from './fields.js';

export type TicketTypeRow = TicketTypeTable;

export const listTypeRows = (db: Executor) =>
  db.selectFrom('ticket_types').selectAll().orderBy('position').orderBy('name').execute();
export const findType = (db: Executor, key: string) =>
  db.selectFrom('ticket_types').selectAll().where('key', '=', key).executeTakeFirst();
export const insertType = (db: Executor, row: TicketTypeRow) =>
  db
    .insertInto('ticket_types')
    .values(row)
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
export const updateTypeRow = (db: Executor, key: string, patch: Partial<TicketTypeRow>) =>
  db.updateTable('ticket_types').set(patch).where('key', '=', key).execute();

const toDef = (r: CustomFieldTable): FieldDef => ({
  ...r,
  options: JSON.parse(r.options) as FieldDef['options'],
  department_ids: JSON.parse(r.department_ids) as string[],
  type_keys: JSON.parse(r.type_keys) as string[],
});

export const listFieldDefs = async (db: Executor): Promise<FieldDef[]> =>
  (await db.selectFrom('custom_fields').selectAll().orderBy('position').orderBy('key').execute()).map(toDef);
export const findFieldDef = async (db: Executor, key: string): Promise<FieldDef | undefined> => {
  const row = await db.selectFrom('custom_fields').selectAll().where('key', '=', key).executeTakeFirst();
  return row ? toDef(row) : undefined;
};

const toRow = (d: FieldDef): CustomFieldTable => ({
  ...d,
  options: JSON.stringify(d.options),
  department_ids: JSON.stringify(d.department_ids),
  type_keys: JSON.stringify(d.type_keys),
});
export const insertFieldDef = (db: Executor, def: FieldDef) =>
  db
    .insertInto('custom_fields')
    .values(toRow(def))
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
export const replaceFieldDef = (db: Executor, def: FieldDef) => {
  const { key, ...rest } = toRow(def);
  return db.updateTable('custom_fields').set(rest).where('key', '=', key).execute();
};
