import type { Executor } from '../../db/database.js';
import type { ApiTokenTable, SessionTable } from '../../db/schema.js';

export const insertSession = (db: Executor, row: SessionTable) =>
  db.insertInto('sessions').values(row).execute();

export const deleteSession = (db: Executor, id: string) =>
  db.deleteFrom('sessions').where('id', '=', id).execute();

/** The signed-in user behind a session, if the session is live and the user active. */
export const findSessionUser = (db: Executor, sessionId: string, now: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select('sessions.last_seen_at as session_last_seen_at')
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', 1)
    .executeTakeFirst();

export const touchSession = (db: Executor, id: string, now: string) =>
  db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();

export const findTokenUser = (db: Executor, tokenHash: string) =>
  db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.last_used_at as token_last_used_at',
      'api_tokens.scope as token_scope',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.active', '=', 1)
    .executeTakeFirst();

export const touchToken = (db: Executor, id: string, now: string) =>
  db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();

export const insertToken = (db: Executor, row: ApiTokenTable) =>
  db.insertInto('api_tokens').values(row).execute();

export const listTokenRows = (db: Executor, userId: string) =>
  db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();

export const revokeToken = (db: Executor, id: string, userId: string | null, now: string) => {
  let q = db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null);
  if (userId) q = q.where('user_id', '=', userId);
  return q.executeTakeFirst();
};

export const recordLoginFailure = (
  db: Executor,
  row: { id: string; email: string; ip: string; created_at: string },
) => db.insertInto('login_failures').values(row).execute();

export async function countLoginFailures(db: Executor, email: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('email', '=', email)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const clearLoginFailures = (db: Executor, email: string) =>
  db.deleteFrom('login_failures').where('email', '=', email).execute();

export const pruneLoginFailures = (db: Executor, before: string) =>
  db.deleteFrom('login_failures').where('created_at', '<', before).execute();
