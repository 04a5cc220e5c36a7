import type { Executor } from '../../db/database.js';
import type { AccountLinkTable } from '../../db/schema.js';

// Single-use links, the sessions a user sees of their own, and the events behind rate limits.

export const insertLink = (db: Executor, row: AccountLinkTable) =>
  db.insertInto('account_links').values(row).execute();

/** A link with the user it is for. */
export const findLink = (db: Executor, id: string) =>
  db
    .selectFrom('account_links')
    .innerJoin('users', 'users.id', 'account_links.user_id')
    .select([
      'account_links.id',
      'account_links.purpose',
      'account_links.expires_at',
      'account_links.used_at',
      'users.id as user_id',
      'users.email',
      'users.name',
      'users.active',
      'users.password_hash',
    ])
    .where('account_links.id', '=', id)
    .executeTakeFirst();

/**
 * Uses a single-use row up (a link, a sign-up), if it still works: the conditional update is the
 * claim, so a link sent twice at once is taken by one request.
 */
export async function claimOnce(
  db: Executor,
  table: 'account_links' | 'sign_ups',
  id: string,
  now: string,
): Promise<boolean> {
  const claimed = await db
    .updateTable(table)
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

export const claimLink = (db: Executor, id: string, now: string) => claimOnce(db, 'account_links', id, now);

export const listSessionRows = (db: Executor, userId: string, now: string) =>
  db
    .selectFrom('sessions')
    .select(['id', 'ip', 'user_agent', 'created_at', 'last_seen_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();

export async function deleteSessionOfUser(db: Executor, userId: string, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Ends every session of a user but `keepId` (the caller's own, when there is one). */
export async function deleteOtherSessions(
  db: Executor,
  userId: string,
  keepId: string | null,
): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepId) q = q.where('id', '!=', keepId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}
