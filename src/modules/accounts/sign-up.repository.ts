import type { Executor } from '../../db/database.js';
import type { SignUpTable } from '../../db/schema.js';

// Sign-ups waiting for their address to be confirmed.

export const insertSignUp = (db: Executor, row: SignUpTable) =>
  db.insertInto('sign_ups').values(row).execute();

export const findSignUp = (db: Executor, id: string) =>
  db.selectFrom('sign_ups').selectAll().where('id', '=', id).executeTakeFirst();

/** Sets aside every sign-up of an address: its account exists now, or is being made. */
export const closeSignUps = (db: Executor, email: string, now: string) =>
  db
    .updateTable('sign_ups')
    .set((eb) => ({ used_at: eb.fn.coalesce('used_at', eb.val(now)) }))
    .where('email', '=', email)
    .execute();

/** Forgets sign-ups that expired a day ago or more. */
export const pruneSignUps = (db: Executor, before: string) =>
  db.deleteFrom('sign_ups').where('expires_at', '<', before).execute();
