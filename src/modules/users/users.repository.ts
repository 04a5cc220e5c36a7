import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AccountLinkPurpose, Role, UserTable } from '../../db/schema.js';
import { type KeyCursor, keysetPage } from '../../lib/cursor.js';
import { mailDomain } from '../../lib/mail-domain.js';

export type UserRow = UserTable;

export const findUserById = (db: Executor, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * The person with this address: on their record, or one of their further addresses (a merged
 * record's), so mail, sign-in and sign-up from either address find the one person.
 */
export function findUserByEmail(db: Executor, email: string) {
  const address = email.toLowerCase();
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('email', '=', address),
        eb(
          'id',
          'in',
          eb
            .selectFrom('user_contacts')
            .select('user_id')
            .where('kind', '=', 'email')
            .where('value', '=', address),
        ),
      ]),
    )
    .orderBy(sql`case when email = ${address} then 0 else 1 end`)
    .limit(1)
    .executeTakeFirst();
}

/** The user `id` names, or the one their record was merged into (through any chain of merges). */
export async function findCurrentUser(db: Executor, id: string) {
  let current = id;
  for (let hops = 0; hops < 20; hops++) {
    const merge = await db
      .selectFrom('user_merges')
      .select('survivor_id')
      .where('merged_id', '=', current)
      .executeTakeFirst();
    if (!merge) break;
    current = merge.survivor_id;
  }
  return findUserById(db, current);
}

export async function departmentIdsOfMany(db: Executor, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom('user_departments')
    .select(['user_id', 'department_id'])
    .where('user_id', 'in', userIds)
    .orderBy('department_id')
    .execute();
  for (const r of rows) map.get(r.user_id)?.push(r.department_id);
  return map;
}

/** The departments a user works in (an agent's), by id. */
export const departmentIdsOf = async (db: Executor, userId: string): Promise<string[]> =>
  (await departmentIdsOfMany(db, [userId])).get(userId) ?? [];

export const worksInDepartment = async (db: Executor, userId: string, departmentId: string) =>
  (await departmentIdsOf(db, userId)).includes(departmentId);

/** A new customer record for a mail address, named as the mail named them (else by the address). */
export function mailCustomerRow(
  email: string,
  name: string | null | undefined,
  id: string,
  now: string,
): UserRow {
  const clean = (name ?? '')
    .replace(/[\r\n\t]/g, ' ')
    .split('\u0000')
    .join('')
    .trim();
  return {
    id,
    email,
    name: (clean || email.split('@')[0] || email).slice(0, 200),
    role: 'customer',
    password_hash: null,
    organisation_id: null,
    phone: null,
    active: 1,
    created_at: now,
    updated_at: now,
  };
}

export const insertUser = (db: Executor, row: UserRow) => db.insertInto('users').values(row).execute();

/** Inserts the user unless their email is taken meanwhile; whether it did. */
export async function insertUserUnlessTaken(db: Executor, row: UserRow): Promise<boolean> {
  const r = await db
    .insertInto('users')
    .values(row)
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export const updateUserRow = (db: Executor, id: string, patch: Partial<UserRow>) =>
  db.updateTable('users').set(patch).where('id', '=', id).execute();

export async function setUserDepartments(db: Executor, userId: string, departmentIds: string[]) {
  await db.deleteFrom('user_departments').where('user_id', '=', userId).execute();
  if (departmentIds.length > 0) {
    await db
      .insertInto('user_departments')
      .values(departmentIds.map((department_id) => ({ user_id: userId, department_id })))
      .execute();
  }
}

export type UserListFilter = {
  roles?: Role[];
  organisationId?: string;
  /** Part of the name or email, any case. */
  text?: string;
  after?: KeyCursor;
  limit: number;
};

/** A LIKE pattern that matches `text` anywhere, its own % and _ taken literally. */
const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listUserRows(db: Executor, f: UserListFilter) {
  let q = db.selectFrom('users').selectAll();
  if (f.roles) q = q.where('role', 'in', f.roles);
  if (f.organisationId) q = q.where('organisation_id', '=', f.organisationId);
  if (f.text) {
    const pattern = containsPattern(f.text);
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['name']), 'like', sql<string>`${pattern} escape '\\'`),
        eb(eb.fn('lower', ['email']), 'like', sql<string>`${pattern} escape '\\'`),
      ]),
    );
  }
  return keysetPage(q, ['created_at', 'id'], f.after, f.limit).execute();
}

export const countAdmins = async (db: Executor) =>
  Number(
    (
      await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('role', '=', 'admin')
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Whether an active administrator other than `userId` exists. */
export const otherActiveAdminExists = async (db: Executor, userId: string) =>
  (await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .where('id', '!=', userId)
    .limit(1)
    .executeTakeFirst()) !== undefined;

export const firstActiveAdmin = (db: Executor) =>
  db
    .selectFrom('users')
    .selectAll()
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();

/** Signs a user out everywhere: after a deactivation, a new password or a new role. */
export const deleteSessionsOfUser = (db: Executor, userId: string) =>
  db.deleteFrom('sessions').where('user_id', '=', userId).execute();

/** Revokes every token of a user at once: what deactivating them does. */
export const revokeTokensOfUser = (db: Executor, userId: string, now: string) =>
  db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();

/** Ends the open links of a user (of one purpose, or all): a resend, a revoke, a deactivation. */
export async function closeLinks(
  db: Executor,
  userId: string,
  now: string,
  purpose?: AccountLinkPurpose,
): Promise<number> {
  let q = db.updateTable('account_links').set({ used_at: now }).where('user_id', '=', userId);
  if (purpose) q = q.where('purpose', '=', purpose);
  const closed = await q.where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
  return Number(closed.numUpdatedRows);
}

/** The latest open invitation of each of these users. */
export async function openInvitations(
  db: Executor,
  userIds: string[],
  now: string,
): Promise<Map<string, { createdAt: string; expiresAt: string }>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('account_links')
    .select(['user_id', 'created_at', 'expires_at'])
    .where('user_id', 'in', userIds)
    .where('purpose', '=', 'invite')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at')
    .execute();
  return new Map(rows.map((r) => [r.user_id, { createdAt: r.created_at, expiresAt: r.expires_at }]));
}

/** Which of these users sign in with a confirmed second factor. */
export async function usersWithSecondFactor(db: Executor, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('second_factors')
    .select('user_id')
    .where('user_id', 'in', userIds)
    .where('confirmed_at', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/** The mail domains of an organisation's active customers, lower-case. */
export async function customerDomainsOf(db: Executor, organisationId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('users')
    .select('email')
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'customer')
    .where('active', '=', 1)
    .execute();
  return new Set(rows.map((r) => mailDomain(r.email)));
}
