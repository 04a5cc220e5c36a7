import { sql } from 'kysely';
import type { Dialect, Executor } from '../../db/database.js';
import type { ApiTokenTable, SessionTable } from '../../db/schema.js';
import { newId } from '../../lib/crypto.js';

export const insertSession = (db: Executor, row: SessionTable) =>
  db.insertInto('sessions').values(row).execute();

export const deleteSession = (db: Executor, id: string) =>
  db.deleteFrom('sessions').where('id', '=', id).execute();

/**
 * The user's departments, in order, as one JSON array in the row: every authenticated request
 * reads them with the user, so in the same statement.
 */
const departmentsJson = (dialect: Dialect) =>
  dialect === 'sqlite'
    ? sql<
        string | string[]
      >`(select json_group_array(department_id order by department_id) from user_departments where user_id = users.id)`
    : sql<
        string | string[]
      >`(select coalesce(json_agg(department_id order by department_id), '[]') from user_departments where user_id = users.id)`;

/** The departments `departmentsJson` read, whichever the engine (SQLite hands back the JSON text). */
export const departmentsOf = (v: string | string[]): string[] =>
  typeof v === 'string' ? (JSON.parse(v) as string[]) : v;

/** The signed-in user behind a session, if the session is live and the user active. */
export const findSessionUser = (db: Executor, dialect: Dialect, sessionId: string, now: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .leftJoin('second_factors', 'second_factors.user_id', 'users.id')
    .select([
      'sessions.last_seen_at as session_last_seen_at',
      'second_factors.confirmed_at as second_factor_at',
      'sessions.via as session_via',
      departmentsJson(dialect).as('department_ids'),
    ])
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', 1)
    .executeTakeFirst();

export const touchSession = (db: Executor, id: string, now: string) =>
  db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();

export const findTokenUser = (db: Executor, dialect: Dialect, tokenHash: string) =>
  db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.last_used_at as token_last_used_at',
      'api_tokens.scope as token_scope',
      departmentsJson(dialect).as('department_ids'),
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

// Rate limits count events by key ("sign-in:<email>", "reset-ip:<address>") in one table, so each
// limit holds across every node. No limit looks back more than an hour.
const RATE_HORIZON_MS = 60 * 60_000;

export const insertRateEvent = (db: Executor, key: string, at: string) =>
  db.insertInto('rate_events').values({ id: newId(), key, created_at: at }).execute();

export async function countRateEvents(db: Executor, key: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('rate_events')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('key', '=', key)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const clearRateEvents = (db: Executor, key: string) =>
  db.deleteFrom('rate_events').where('key', '=', key).execute();

/** Forgets events older than any limit looks at; called now and then, not on every request. */
export const pruneRateEvents = (db: Executor, now: Date) =>
  db
    .deleteFrom('rate_events')
    .where('created_at', '<', new Date(now.getTime() - RATE_HORIZON_MS).toISOString())
    .execute();
