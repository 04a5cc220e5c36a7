import type { Executor } from '../../db/database.js';

export async function getSetting<T>(db: Executor, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export async function putSetting(db: Executor, key: string, value: unknown, now: string): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now }))
    .execute();
}

/**
 * Deletes `key` only while it still holds `value` (as getSetting read it); true when this call
 * deleted it. Two transactions that read the same one-time value cannot both claim it: on
 * PostgreSQL the second waits on the row and then finds it gone.
 */
export async function claimSetting(db: Executor, key: string, value: unknown): Promise<boolean> {
  const res = await db
    .deleteFrom('settings')
    .where('key', '=', key)
    .where('value', '=', JSON.stringify(value))
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}
