import type { z } from 'zod';
import type { createUserBody, Me, User, updateUserBody, userListQuery } from '../../../common/api.js';
import { hashPassword } from '../../auth/password.js';
import { checkNewPassword } from '../../auth/password-policy.js';
import { type Actor, type ActorCtx, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid, notFound, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { newId } from '../../lib/crypto.js';
import { decodeKeyCursor, toPage } from '../../lib/cursor.js';
import { authorize, can } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import { departmentsExist } from '../departments/departments.repository.js';
import { displayFor, type LanguageDefaults, languageDefaults } from '../languages/defaults.js';
import { hasUiOverrides } from '../languages/variants.js';
import { findOrganisation } from '../organisations/organisations.repository.js';
import { ORGANISATION_REFUSALS } from '../organisations/refusals.js';
import { userRowOf } from './actor-row.js';
import { USER_REFUSALS } from './refusals.js';
import {
  closeLinks,
  deleteSessionsOfUser,
  departmentIdsOf,
  departmentIdsOfMany,
  findUserByEmail,
  findUserById,
  insertUser,
  listUserRows,
  openInvitations,
  revokeTokensOfUser,
  setUserDepartments,
  type UserRow,
  updateUserRow,
  usersWithSecondFactor,
} from './users.repository.js';

const SAID = defineMessages({
  customersNoDepartments: {
    id: 'error.users.customers_no_departments',
    defaultMessage: 'customers do not work in departments',
  },
});

/** What the users list shows beside a user's row: their open invitation and second factor. */
type Access = { invitedUntil?: string | null; secondFactor?: boolean };

export function presentUser(row: UserRow, departmentIds: string[], access: Access = {}): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organisationId: row.organisation_id,
    departmentIds,
    phone: row.phone,
    active: row.active === 1,
    onCall: row.on_call === 1,
    createdAt: row.created_at,
    credentialsSet: row.password_hash !== null,
    invitedUntil: access.invitedUntil ?? null,
    secondFactor: access.secondFactor ?? false,
    locale: row.locale ?? null,
    timeZone: row.time_zone ?? null,
  };
}

export async function checkReferences(
  db: Executor,
  role: User['role'],
  organisationId: string | null | undefined,
  departmentIds: string[] | undefined,
) {
  if (organisationId) {
    if (role !== 'customer') throw invalid('organisationId', USER_REFUSALS.onlyCustomersInOrganisation);
    if (!(await findOrganisation(db, organisationId)))
      throw invalid('organisationId', ORGANISATION_REFUSALS.noSuchOrganisationField);
  }
  if (departmentIds && departmentIds.length > 0) {
    if (role === 'customer') throw invalid('departmentIds', SAID.customersNoDepartments);
    if (!(await departmentsExist(db, departmentIds)))
      throw invalid('departmentIds', USER_REFUSALS.noSuchDepartment);
  }
}

export async function createUser(ctx: ActorCtx, input: z.infer<typeof createUserBody>): Promise<User> {
  authorize(ctx.actor, 'user.manage');
  await checkReferences(ctx.db, input.role, input.organisationId, input.departmentIds);
  if (input.password) checkNewPassword(input.password, input);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const now = nowIso(ctx);
  const departmentIds = [...new Set(input.departmentIds ?? [])].sort();
  const row: UserRow = {
    id: newId(),
    email: input.email,
    name: input.name,
    role: input.role,
    password_hash: passwordHash,
    organisation_id: input.organisationId ?? null,
    phone: input.phone ?? null,
    active: 1,
    on_call: input.onCall ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, input.email)) throw refusal('conflict', USER_REFUSALS.emailTaken);
    await insertUser(trx, row);
    await setUserDepartments(trx, row.id, departmentIds);
    await audit(ctx, trx, {
      ...byActor(ctx),
      action: 'user_created',
      subject: row,
      details: {
        role: row.role,
        organisationId: row.organisation_id,
        departmentIds,
        passwordSet: !!passwordHash,
      },
    });
  });
  return presentUser(row, departmentIds);
}

/**
 * Staff see everyone: colleagues to assign tickets to, customers to open tickets on their behalf.
 * Customers see no one through this. Only admins change users.
 */
export async function listUsers(ctx: ActorCtx, q: z.infer<typeof userListQuery>) {
  authorize(ctx.actor, 'user.list');
  const rows = await listUserRows(ctx.db, {
    roles: q.role ? [q.role] : undefined,
    organisationId: q.organisationId,
    text: q.q,
    after: decodeKeyCursor(q.cursor),
    limit: q.limit,
  });
  const ids = rows.map((r) => r.id);
  const departments = await departmentIdsOfMany(ctx.db, ids);
  const access = await accessOf(ctx, ids);
  return toPage(
    rows,
    q.limit,
    (r) => presentUser(r, departments.get(r.id) ?? [], access(r.id)),
    (r) => [r.created_at, r.id],
  );
}

export async function getUser(ctx: ActorCtx, id: string): Promise<User> {
  authorize(ctx.actor, 'user.list');
  const row = await findUserById(ctx.db, id);
  if (!row) throw notFound(USER_REFUSALS.noSuchUser);
  return presentUser(row, await departmentIdsOf(ctx.db, id), (await accessOf(ctx, [id]))(id));
}

/** The open invitations and second factors of these users, by id. */
async function accessOf(ctx: ActorCtx, ids: string[]): Promise<(id: string) => Access> {
  const invitations = await openInvitations(ctx.db, ids, nowIso(ctx));
  const factors = await usersWithSecondFactor(ctx.db, ids);
  return (id) => ({ invitedUntil: invitations.get(id)?.expiresAt ?? null, secondFactor: factors.has(id) });
}

export async function updateUser(
  ctx: ActorCtx,
  id: string,
  input: z.infer<typeof updateUserBody>,
): Promise<User> {
  authorize(ctx.actor, 'user.manage');
  if (input.password) checkNewPassword(input.password, input);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const user = await ctx.db.transaction().execute(async (trx) => {
    const row = await findUserById(trx, id);
    if (!row) throw notFound(USER_REFUSALS.noSuchUser);
    const role = await checkUserUpdate(ctx, trx, row, input);
    const departmentsBefore = await departmentIdsOf(trx, id);
    const patch = userPatch(input, passwordHash, nowIso(ctx));
    await updateUserRow(trx, id, patch);
    if (input.departmentIds) await setUserDepartments(trx, id, [...new Set(input.departmentIds)].sort());
    if (role === 'customer') await setUserDepartments(trx, id, []);
    // Revoking access takes effect at once: no old session outlives a deactivation or password change,
    // and a deactivated user's API tokens and open links are revoked with it.
    if (input.active === false || passwordHash || input.role) await deleteSessionsOfUser(trx, id);
    if (input.active === false) await revokeTokensOfUser(trx, id, nowIso(ctx));
    // A password set here, or a deactivation, also ends the links that would set another.
    if (input.active === false || passwordHash) await closeLinks(trx, id, nowIso(ctx));
    const updated = { ...row, ...patch };
    const departmentIds = await departmentIdsOf(trx, id);
    await auditUserUpdate(
      ctx,
      trx,
      { row, departmentIds: departmentsBefore },
      { row: updated, departmentIds },
    );
    return presentUser(updated, departmentIds);
  });
  return { ...user, ...(await accessOf(ctx, [id]))(id) };
}

type UserUpdate = z.infer<typeof updateUserBody>;
type UserState = { row: UserRow; departmentIds: string[] };

/** Records what an update changed that bears on access: `{ field: [old, new] }`; a password only as set. */
async function auditUserUpdate(ctx: ActorCtx, trx: Executor, before: UserState, after: UserState) {
  const seen = (s: UserState) => ({
    email: s.row.email,
    name: s.row.name,
    role: s.row.role,
    active: s.row.active === 1,
    organisationId: s.row.organisation_id,
    departmentIds: s.departmentIds,
  });
  const [old, now] = [seen(before), seen(after)];
  const changes = Object.fromEntries(
    (Object.keys(old) as (keyof typeof old)[])
      .filter((k) => JSON.stringify(old[k]) !== JSON.stringify(now[k]))
      .map((k) => [k, [old[k], now[k]]]),
  );
  const subject = { id: after.row.id, email: after.row.email };
  if (Object.keys(changes).length > 0) {
    await audit(ctx, trx, { ...byActor(ctx), action: 'user_updated', subject, details: changes });
  }
  if (after.row.password_hash !== before.row.password_hash) {
    await audit(ctx, trx, { ...byActor(ctx), action: 'password_set_by_admin', subject });
  }
}

/** Refuses an update that breaks a rule about users; returns the role the user ends up with. */
async function checkUserUpdate(ctx: ActorCtx, trx: Executor, row: UserRow, input: UserUpdate) {
  const role = input.role ?? row.role;
  const organisationId = input.organisationId === undefined ? row.organisation_id : input.organisationId;
  if (role !== 'customer' && organisationId) {
    throw invalid('organisationId', USER_REFUSALS.onlyCustomersInOrganisation);
  }
  await checkReferences(trx, role, organisationId, input.departmentIds);
  const demotes = (input.role && input.role !== 'admin') || input.active === false;
  // A conflict, not a refusal: the caller is an administrator; the change is what cannot be.
  if (demotes && !can(ctx.actor, 'user.demote', { userId: row.id })) {
    throw refusal('conflict', USER_REFUSALS.cannotDemoteSelf);
  }
  if (input.email && input.email !== row.email && (await findUserByEmail(trx, input.email))) {
    throw refusal('conflict', USER_REFUSALS.emailTaken);
  }
  return role;
}

/** The columns an update writes: those given, and the time. */
function userPatch(input: UserUpdate, passwordHash: string | undefined, now: string): Partial<UserRow> {
  return {
    ...(input.email !== undefined && { email: input.email }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.role !== undefined && { role: input.role }),
    ...(passwordHash !== undefined && { password_hash: passwordHash }),
    ...(input.organisationId !== undefined && { organisation_id: input.organisationId }),
    ...(input.phone !== undefined && { phone: input.phone }),
    ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
    ...(input.onCall !== undefined && { on_call: input.onCall ? 1 : 0 }),
    updated_at: now,
  };
}

/** The signed-in user's own record. */
export async function getMe(ctx: ActorCtx): Promise<Me> {
  const row = userRowOf(ctx.actor) ?? (await findUserById(ctx.db, ctx.actor.id));
  if (!row) throw notFound(USER_REFUSALS.noSuchUser);
  const [access, defaults, overrides] = await Promise.all([
    accessOf(ctx, [row.id]),
    languageDefaults(ctx.db),
    hasUiOverrides(ctx.db),
  ]);
  return presentMe(ctx.actor, row, access(row.id), defaults, overrides);
}

/** The signed-in actor's own record, as `/me` and a new session answer it. */
export const presentMe = (
  actor: Actor,
  row: UserRow,
  access: Access,
  defaults: LanguageDefaults,
  overrides: boolean,
): Me => ({
  ...presentUser(row, actor.departmentIds, access),
  secondFactorSetupRequired: actor.secondFactorSetupRequired === true,
  display: { ...displayFor(row, defaults), overrides },
});
