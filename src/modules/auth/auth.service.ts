import type { SsoAudience } from '../../../common/sso.js';
import { verifyPassword } from '../../auth/password.js';
import type { Actor, ActorCtx, Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { TokenScope } from '../../db/schema.js';
import { notFound, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { newId, randomToken, sha256 } from '../../lib/crypto.js';
import { authorize, can } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import { getSetting, putSetting } from '../settings/settings.repository.js';
import { rememberUserRow } from '../users/actor-row.js';
import { departmentIdsOf, findUserByEmail, findUserById, type UserRow } from '../users/users.repository.js';
import { secondFactorSetupRequired } from './account-settings.js';
import {
  clearRateEvents,
  countRateEvents,
  deleteSession,
  departmentsOf,
  findSessionUser,
  findTokenUser,
  insertRateEvent,
  insertSession,
  insertToken,
  listTokenRows,
  pruneRateEvents,
  revokeToken,
  touchSession,
  touchToken,
} from './auth.repository.js';
import {
  challengeFor,
  findSecondFactor,
  hasSecondFactor,
  readChallenge,
  spendSecondFactorCode,
} from './second-factor.js';

const SAID = defineMessages({
  wrongPassword: { id: 'error.auth.wrong_password', defaultMessage: 'Wrong email or password' },
  wrongCode: {
    id: 'error.auth.wrong_code',
    defaultMessage: 'That code is not right; try the current one from your app',
  },
  passwordOff: {
    id: 'error.auth.password_sign_in_off',
    defaultMessage: 'Password sign-in is turned off; use the single sign-on button',
  },
  tooMany: {
    id: 'error.auth.rate_limited',
    defaultMessage: 'Too many failed sign-in attempts; try again in 15 minutes',
  },
  noSuchToken: { id: 'error.auth.no_such_token', defaultMessage: 'No such token' },
});

const FAILURE_WINDOW_MS = 15 * 60_000;
export const TOKEN_PREFIX = 'tsr_';

/** A user as the actor of a service call: what channels use to act as the sender of a message. */
export async function toActor(
  ctx: Pick<Ctx, 'db'>,
  user: UserRow,
  scope: TokenScope = 'all',
  /** The user's departments when read with the row already. */
  departmentIds?: string[],
): Promise<Actor> {
  const actor: Actor = {
    scope,
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisation_id,
    locale: user.locale ?? null,
    timeZone: user.time_zone ?? null,
    departmentIds: user.role === 'agent' ? (departmentIds ?? (await departmentIdsOf(ctx.db, user.id))) : [],
  };
  rememberUserRow(actor, user);
  return actor;
}

/**
 * Password sign-in. Failures per email are counted in the database, so the limit holds across
 * every node; an unknown email answers exactly like a wrong password.
 */
export async function login(
  ctx: Ctx,
  input: { email: string; password: string; ip: string; userAgent?: string | null },
): Promise<{ session: Session } | { secondFactor: ReturnType<typeof challengeFor> }> {
  const email = input.email.toLowerCase();
  await refuseWhenLimited(ctx, email);
  const user = await findUserByEmail(ctx.db, email);
  const ok = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !ok || user.active !== 1) {
    await recordFailure(ctx, { email, ip: input.ip, user });
    throw refusal('unauthenticated', SAID.wrongPassword);
  }
  await clearRateEvents(ctx.db, failureKey(email));
  // Checked after the password, so the refusal tells only someone who knows it that the account exists.
  await refuseWhenPasswordsOff(ctx.db, user.role);
  // With an authenticator app, the password only earns the challenge of the second step.
  if (await hasSecondFactor(ctx.db, user.id)) return { secondFactor: challengeFor(ctx, user.id) };
  await audit(ctx, ctx.db, { action: 'sign_in', actor: user, ip: input.ip });
  return { session: await openSession(ctx, user, input) };
}

/** The second step of signing in: the challenge from the password step and a code; then a session. */
export async function loginSecondFactor(
  ctx: Ctx,
  input: { challenge: string; code: string; ip: string; userAgent?: string | null },
) {
  const user = await findUserById(ctx.db, readChallenge(ctx, input.challenge));
  if (user?.active !== 1) throw refusal('unauthenticated', SAID.wrongPassword);
  await refuseWhenLimited(ctx, user.email);
  const factor = await findSecondFactor(ctx.db, user.id);
  const used = factor?.confirmed_at ? await spendSecondFactorCode(ctx, ctx.db, factor, input.code) : null;
  if (!used) {
    await recordFailure(ctx, { email: user.email, ip: input.ip, user, details: { step: 'second factor' } });
    throw refusal('unauthenticated', SAID.wrongCode);
  }
  await clearRateEvents(ctx.db, failureKey(user.email));
  await audit(ctx, ctx.db, { action: 'sign_in', actor: user, ip: input.ip, details: { secondFactor: used } });
  return openSession(ctx, user, { ...input, secondFactor: true });
}

/** The audience a user signs in as: staff or customers, each with its own sign-in settings. */
export const audienceOf = (role: string): SsoAudience => (role === 'customer' ? 'customers' : 'staff');
const passwordKey = (audience: SsoAudience) => `sign-in.password.${audience}`;

/** Whether people of this audience may sign in with a password (on unless turned off). */
export const passwordSignInAllowed = async (db: Executor, audience: SsoAudience) =>
  (await getSetting<boolean>(db, passwordKey(audience))) !== false;

/** 403 when people of `role` may not sign in with a password: single sign-on is their way in. */
export async function refuseWhenPasswordsOff(db: Executor, role: string): Promise<void> {
  if (!(await passwordSignInAllowed(db, audienceOf(role)))) throw refusal('forbidden', SAID.passwordOff);
}

/** Turns password sign-in on or off for an audience; the caller checks who may and records it. */
export const setPasswordSignIn = (db: Executor, audience: SsoAudience, on: boolean, now: string) =>
  putSetting(db, passwordKey(audience), on, now);

/** The rate-limit key of failed sign-ins for an address. */
export const failureKey = (email: string) => `sign-in:${email.toLowerCase()}`;

/** 429 once an address has had too many failed sign-ins (password or code) within the window. */
async function refuseWhenLimited(ctx: Ctx, email: string): Promise<void> {
  const since = new Date(ctx.clock().getTime() - FAILURE_WINDOW_MS).toISOString();
  if ((await countRateEvents(ctx.db, failureKey(email), since)) >= ctx.config.loginRateLimit)
    throw tooManyFailures();
}

const tooManyFailures = () =>
  refusal('rate_limited', SAID.tooMany, undefined, { extra: { retryAfter: FAILURE_WINDOW_MS / 1000 } });

/** A wrong password: counted against the address's limit and recorded on the audit trail. */
async function recordFailure(
  ctx: Ctx,
  f: { email: string; ip: string; user: UserRow | undefined; details?: Record<string, unknown> },
) {
  const now = ctx.clock();
  await insertRateEvent(ctx.db, failureKey(f.email), now.toISOString());
  const subject = f.user ? { id: f.user.id, email: f.email } : null;
  await audit(ctx, ctx.db, {
    action: 'sign_in_failed',
    subject,
    subjectEmail: f.email,
    ip: f.ip,
    details: f.details,
  });
  if (Math.random() < 0.01) await pruneRateEvents(ctx.db, now);
}

/**
 * Checks the password of a signed-in user who is about to change it, counted like sign-in
 * failures so it cannot be used to guess the password instead.
 */
export async function confirmPassword(
  ctx: Ctx,
  user: UserRow,
  password: string,
  ip: string,
): Promise<boolean> {
  await refuseWhenLimited(ctx, user.email);
  if (await verifyPassword(user.password_hash, password)) return true;
  await recordFailure(ctx, { email: user.email, ip, user, details: { while: 'changing the password' } });
  return false;
}

export type Session = Awaited<ReturnType<typeof openSession>>;

/** Starts a session for a user who has proved who they are; the token goes in the cookie. */
export async function openSession(
  ctx: Ctx,
  user: UserRow,
  meta: { ip: string; userAgent?: string | null; secondFactor?: boolean; via?: 'password' | 'sso' },
) {
  const now = ctx.clock();
  const token = randomToken();
  await insertSession(ctx.db, {
    id: sha256(token),
    user_id: user.id,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + ctx.config.sessionDays * 86_400_000).toISOString(),
    ip: meta.ip,
    user_agent: meta.userAgent?.slice(0, 400) ?? null,
    last_seen_at: now.toISOString(),
    via: meta.via ?? 'password',
  });
  return {
    actor: await requireSetup(
      ctx,
      await toActor(ctx, user),
      meta.secondFactor || meta.via === 'sso' || undefined,
    ),
    user,
    sessionToken: token,
    secondFactor: meta.secondFactor ?? false,
  };
}

export async function logout(ctx: Ctx, sessionToken: string | undefined) {
  if (sessionToken) await deleteSession(ctx.db, sha256(sessionToken));
}

export async function actorFromSession(ctx: Ctx, sessionToken: string): Promise<Actor | null> {
  const id = sha256(sessionToken);
  const now = ctx.clock();
  const row = await findSessionUser(ctx.db, ctx.dialect, id, now.toISOString());
  if (!row) return null;
  // Record use at most once a minute: what the list of one's sessions shows as last seen.
  if (!row.session_last_seen_at || now.getTime() - Date.parse(row.session_last_seen_at) > 60_000) {
    await touchSession(ctx.db, id, now.toISOString());
  }
  // Through single sign-on, the provider's own checks stand in for a second factor here.
  return requireSetup(
    ctx,
    await toActor(ctx, row, 'all', departmentsOf(row.department_ids)),
    row.second_factor_at !== null || row.session_via === 'sso',
  );
}

/** Marks an actor who must set up two-factor sign-in before anything else. */
async function requireSetup(ctx: Ctx, actor: Actor, has?: boolean): Promise<Actor> {
  if (await secondFactorSetupRequired(ctx, actor, has)) actor.secondFactorSetupRequired = true;
  return actor;
}

export async function actorFromToken(ctx: Ctx, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await findTokenUser(ctx.db, ctx.dialect, sha256(token));
  if (!row) return null;
  const now = ctx.clock();
  // Record use at most once a minute so a busy integration does not write on every request.
  if (!row.token_last_used_at || now.getTime() - Date.parse(row.token_last_used_at) > 60_000) {
    await touchToken(ctx.db, row.token_id, now.toISOString());
  }
  return toActor(ctx, row, row.token_scope, departmentsOf(row.department_ids));
}

export async function createToken(ctx: ActorCtx, name: string, scope: TokenScope = 'all') {
  authorize(ctx.actor, 'token.create');
  if (scope === 'billing') authorize(ctx.actor, 'token.createBilling');
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  const row = {
    id: newId(),
    user_id: ctx.actor.id,
    name,
    token_hash: sha256(token),
    created_at: nowIso(ctx),
    last_used_at: null,
    revoked_at: null,
    scope,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertToken(trx, row);
    await audit(ctx, trx, {
      ...byActor(ctx),
      action: 'token_created',
      details: { tokenId: row.id, name, scope },
    });
  });
  return { id: row.id, name, scope, token };
}

export async function listTokens(ctx: ActorCtx) {
  const rows = await listTokenRows(ctx.db, ctx.actor.id);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scope: r.scope,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  }));
}

/** Users revoke their own tokens; admins may revoke anyone's. */
export async function revokeApiToken(ctx: ActorCtx, id: string) {
  authorize(ctx.actor, 'token.revoke');
  const owner = can(ctx.actor, 'token.manageAll') ? null : ctx.actor.id;
  await ctx.db.transaction().execute(async (trx) => {
    const result = await revokeToken(trx, id, owner, nowIso(ctx));
    if (Number(result.numUpdatedRows) === 0) throw notFound(SAID.noSuchToken);
    await audit(ctx, trx, { ...byActor(ctx), action: 'token_revoked', details: { tokenId: id } });
  });
}
