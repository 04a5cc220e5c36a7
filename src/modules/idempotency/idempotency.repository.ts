import type { Executor } from '../../db/database.js';
import type { IdempotencyKeyTable } from '../../db/schema.js';

export type IdempotencyRow = IdempotencyKeyTable;
type Claim = { userId: string; key: string; claimedAt: string };

export const findKey = (db: Executor, userId: string, key: string) =>
  db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();

/** Claims the key for a request about to run; false when another request holds it already. */
export async function insertRunningKey(db: Executor, row: IdempotencyRow): Promise<boolean> {
  const r = await db
    .insertInto('idempotency_keys')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Takes over a key whose row is `seen` (a request that died while running, or one past its day):
 * false when another request changed it first.
 */
export async function retakeKey(db: Executor, seen: IdempotencyRow, next: IdempotencyRow): Promise<boolean> {
  const r = await db
    .updateTable('idempotency_keys')
    .set(next)
    .where('user_id', '=', seen.user_id)
    .where('key', '=', seen.key)
    .where('updated_at', '=', seen.updated_at)
    .where('state', '=', seen.state)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks the claim done with what it created, in the creation's transaction; false if it was lost. */
export async function completeKey(db: Executor, claim: Claim, resource: string, status: number) {
  const r = await db
    .updateTable('idempotency_keys')
    .set({ state: 'done', resource, status })
    .where('user_id', '=', claim.userId)
    .where('key', '=', claim.key)
    .where('state', '=', 'running')
    .where('updated_at', '=', claim.claimedAt)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const storeAnswer = (db: Executor, claim: Claim, body: string) =>
  db
    .updateTable('idempotency_keys')
    .set({ body })
    .where('user_id', '=', claim.userId)
    .where('key', '=', claim.key)
    .where('updated_at', '=', claim.claimedAt)
    .execute();

/** Lets the key go after its request failed: a retry runs afresh. */
export const releaseKey = (db: Executor, claim: Claim) =>
  db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', claim.userId)
    .where('key', '=', claim.key)
    .where('state', '=', 'running')
    .where('updated_at', '=', claim.claimedAt)
    .execute();

export async function deleteKeysBefore(db: Executor, before: string): Promise<number> {
  const r = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
