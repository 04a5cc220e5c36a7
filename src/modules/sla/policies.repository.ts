import type { Executor } from '../../db/database.js';
import type { SlaPolicyRow } from '../sla-clocks/policy-row.js';

/** Every policy, first match first. */
export const listPolicyRows = (db: Executor) =>
  db.selectFrom('sla_policies').selectAll().orderBy('position').orderBy('id').execute();

export const findPolicyRow = (db: Executor, id: string) =>
  db.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirst();

export const policyNamed = (db: Executor, name: string) =>
  db.selectFrom('sla_policies').select('id').where('name', '=', name).executeTakeFirst();

/** The position after the last policy's. */
export async function nextPosition(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('sla_policies')
    .select((eb) => eb.fn.max<number | null>('position').as('last'))
    .executeTakeFirst();
  return r?.last === null || r?.last === undefined ? 0 : Number(r.last) + 1;
}

export const insertPolicy = (db: Executor, row: SlaPolicyRow) =>
  db.insertInto('sla_policies').values(row).execute();

export const updatePolicyRow = (db: Executor, id: string, patch: Partial<Omit<SlaPolicyRow, 'id'>>) =>
  db.updateTable('sla_policies').set(patch).where('id', '=', id).execute();

export async function deletePolicyRow(db: Executor, id: string): Promise<number> {
  const r = await db.deleteFrom('sla_policies').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Which of these ids are rows of `table` (by its key column). */
export async function existing(
  db: Executor,
  table: 'departments' | 'organisations' | 'services' | 'ticket_types',
  ids: readonly string[],
): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows =
    table === 'ticket_types'
      ? await db.selectFrom('ticket_types').select('key as id').where('key', 'in', unique).execute()
      : await db.selectFrom(table).select('id').where('id', 'in', unique).execute();
  return new Set(rows.map((r) => r.id));
}

/** Puts the policies in this order, the first at position 0. */
export async function setPositions(db: Executor, ids: readonly string[], updatedAt: string): Promise<void> {
  for (const [position, id] of ids.entries())
    await db
      .updateTable('sla_policies')
      .set({ position, updated_at: updatedAt })
      .where('id', '=', id)
      .execute();
}
