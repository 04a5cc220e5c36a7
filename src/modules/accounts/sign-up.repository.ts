import type { Executor } from '../../db/database.js';
import type { SignUpTable } from '../../db/schema.js';

// Sign-ups waiting for their address to be confirmed.

export const insertSignUp = (db: Executor, row: SignUpTable) =>
  db.insertInto('sign_ups').values(row).execute();

export const findSignUp = (db: Executor, id: string) =>
  db.selectFrom('sign_ups').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * Uses a sign-up up, if it still works, and forgets its password hash; the conditional update is
 * the claim, so a link opened twice at once makes one account.
 */
export async function claimSignUp(db: Executor, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('sign_ups')
    .set({ used_at: now, password_hash: '' })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Sets aside every open sign-up of an address (its account exists now, or is being made). */
export const closeSignUps = (db: Executor, email: string, now: string) =>
  db
    .updateTable('sign_ups')
    .set({ used_at: now, password_hash: '' })
    .where('email', '=', email)
    .where('used_at', 'is', null)
    .execute();

/** Forgets sign-ups that expired a day ago or more. */
export const pruneSignUps = (db: Executor, before: string) =>
  db.deleteFrom('sign_ups').where('expires_at', '<', before).execute();
