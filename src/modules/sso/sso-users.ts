import type { SsoError } from '../../../common/sso.js';
import type { Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { Role } from '../../db/schema.js';
import { newId } from '../../lib/crypto.js';
import { audit } from '../audit/audit.service.js';
import {
  departmentIdsOf,
  findUserByEmail,
  insertUserUnlessTaken,
  otherActiveAdminExists,
  setUserDepartments,
  type UserRow,
  updateUserRow,
} from '../users/users.repository.js';
import type { SsoProvider } from './sso-settings.js';

// Who a provider's claims are in Tessera: the user with the verified email (any case), or one
// made just in time; for staff, the role and departments the group claim maps to, every time.

/** A sign-in the provider vouched for that Tessera still refuses, and why. */
export class SsoFailure extends Error {
  constructor(
    readonly code: SsoError,
    readonly detail: string,
    readonly email: string | null = null,
    readonly user: UserRow | null = null,
  ) {
    super(detail);
  }
}

type Grant = { role: Extract<Role, 'agent' | 'admin'>; departmentIds: string[] };
const VIA = 'single sign-on';
const JIT_USER = { password_hash: null, organisation_id: null, phone: null, active: 1 } as const;

/** The claim at a name, or a dotted path into nested claims (Keycloak's `realm_access.roles`). */
function claimValues(claims: Record<string, unknown>, name: string): string[] {
  let value: unknown = claims[name];
  if (value === undefined && name.includes('.')) {
    value = name.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | null)?.[k], claims);
  }
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * What the mappings give these claims: the highest role among the values that match and every
 * department they name; 'none' when no value matches; null when no mapping is set (roles are then
 * kept in Tessera and nobody is created just in time).
 */
export function grantOf(p: SsoProvider, claims: Record<string, unknown>): Grant | 'none' | null {
  if (p.mappings.length === 0) return null;
  const values = new Set(claimValues(claims, p.claim));
  const matched = p.mappings.filter((m) => values.has(m.value));
  if (matched.length === 0) return 'none';
  return {
    role: matched.some((m) => m.role === 'admin') ? 'admin' : 'agent',
    departmentIds: [...new Set(matched.flatMap((m) => m.departmentIds))].sort(),
  };
}

/** The verified email of the claims, in lower case; a refusal without one. */
export function verifiedEmail(claims: Record<string, unknown>): string {
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!email) throw new SsoFailure('unverified_email', 'the provider sent no email address');
  // Only a provider's word that the address is verified: otherwise anyone could claim anyone's.
  // Entra ID says it with its optional claim xms_edov (the email's domain verified by the tenant).
  if (claims.email_verified !== true && claims.xms_edov !== true)
    throw new SsoFailure('unverified_email', 'email not verified', email);
  return email;
}

/** The user these claims sign in, made or brought up to date in one transaction with the trail. */
export async function userForClaims(
  ctx: Ctx,
  p: SsoProvider,
  claims: Record<string, unknown>,
  ip: string,
): Promise<UserRow> {
  const email = verifiedEmail(claims);
  const name =
    typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : null;
  const attempt = () =>
    ctx.db.transaction().execute((trx) => resolveUser(ctx, trx, p, claims, { email, name, ip }));
  try {
    return await attempt();
  } catch (err) {
    // A first sign-in in two tabs at once: the other made the user; this one now finds them.
    if (err instanceof Raced) return attempt();
    throw err;
  }
}

type Who = { email: string; name: string | null; ip: string };

async function resolveUser(
  ctx: Ctx,
  trx: Executor,
  p: SsoProvider,
  claims: Record<string, unknown>,
  who: Who,
): Promise<UserRow> {
  const user = await findUserByEmail(trx, who.email);
  const fail = (code: SsoError, detail: string) => new SsoFailure(code, detail, who.email, user ?? null);
  if (user && user.active !== 1) throw fail('deactivated', 'the user is deactivated');
  if (user && (user.role === 'customer') !== (p.audience === 'customers'))
    throw fail('wrong_audience', `a ${user.role} signing in through the ${p.audience}’ provider`);
  if (p.audience === 'customers') return user ?? (await createUser(ctx, trx, who, 'customer', []));
  const grant = grantOf(p, claims);
  if (grant === 'none') throw fail('no_access', `no value of the claim ${p.claim} is mapped to a role`);
  if (!user) {
    if (!grant) throw fail('no_access', 'no user with this email, and no mapping to create one');
    return createUser(ctx, trx, who, grant.role, grant.departmentIds);
  }
  return grant ? applyGrant(ctx, trx, user, grant, who.ip) : user;
}

/** Another sign-in created the same user first, after this one looked. */
class Raced extends Error {}

async function createUser(
  ctx: Ctx,
  trx: Executor,
  who: Who,
  role: Role,
  departmentIds: string[],
): Promise<UserRow> {
  const now = ctx.clock().toISOString();
  const name = who.name ?? who.email.split('@')[0] ?? who.email;
  // No password: they sign in through the provider (or set one by "Forgot password?").
  const row: UserRow = {
    ...JIT_USER,
    id: newId(),
    email: who.email,
    name,
    role,
    created_at: now,
    updated_at: now,
  };
  if (!(await insertUserUnlessTaken(trx, row))) throw new Raced();
  await setUserDepartments(trx, row.id, departmentIds);
  const details = { role, organisationId: null, departmentIds, passwordSet: false, via: VIA };
  await audit(ctx, trx, { action: 'user_created', subject: row, ip: who.ip, details });
  return row;
}

/** Brings a staff member's role and departments to what the provider's groups say, on the trail as old → new. */
async function applyGrant(ctx: Ctx, trx: Executor, user: UserRow, mapped: Grant, ip: string) {
  // The last active administrator stays one, so a change of groups cannot leave nobody to run Tessera.
  const keepAdmin =
    user.role === 'admin' && mapped.role !== 'admin' && !(await otherActiveAdminExists(trx, user.id));
  const grant: Grant = keepAdmin ? { ...mapped, role: 'admin' } : mapped;
  if (keepAdmin) {
    const details = {
      keptRole: 'admin',
      mappedRole: mapped.role,
      why: 'the last active administrator',
      via: VIA,
    };
    await audit(ctx, trx, { action: 'user_updated', subject: user, ip, details });
  }
  const departmentIds = await departmentIdsOf(trx, user.id);
  const changes: Record<string, [unknown, unknown]> = {};
  if (user.role !== grant.role) changes.role = [user.role, grant.role];
  if (JSON.stringify(departmentIds) !== JSON.stringify(grant.departmentIds))
    changes.departmentIds = [departmentIds, grant.departmentIds];
  if (Object.keys(changes).length === 0) return user;
  const updated = { ...user, role: grant.role, updated_at: ctx.clock().toISOString() };
  await updateUserRow(trx, user.id, { role: updated.role, updated_at: updated.updated_at });
  if (changes.departmentIds) await setUserDepartments(trx, user.id, grant.departmentIds);
  await audit(ctx, trx, { action: 'user_updated', subject: user, ip, details: { ...changes, via: VIA } });
  return updated;
}
