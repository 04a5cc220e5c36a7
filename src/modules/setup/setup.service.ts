import { hashPassword } from '../../auth/password.js';
import { checkNewPassword } from '../../auth/password-policy.js';
import type { Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { newId, randomToken, safeEqual, sha256 } from '../../lib/crypto.js';
import { claimSetting, getSetting, putSetting } from '../settings/settings.repository.js';
import { countAdmins, findUserByEmail, insertUser, updateUserRow } from '../users/users.repository.js';

const REFUSED = defineMessages({
  badLink: {
    id: 'error.setup.bad_link',
    defaultMessage: 'This setup link is invalid, used or expired; restart the server for a new one',
  },
  emailTaken: { id: 'error.setup.email_taken', defaultMessage: 'A user with this email exists' },
});

const SETUP_KEY = 'setup_token';
const SETUP_TTL_MS = 60 * 60_000;

type SetupToken = { hash: string; expiresAt: string };

/**
 * At start: make sure someone can administer this installation. With TESSERA_ADMIN_EMAIL and
 * TESSERA_ADMIN_PASSWORD that admin is created; otherwise a one-time, expiring setup link is logged.
 * `setupLink: false` when the caller creates an administrator itself right after (the demo): a
 * link printed then would stop working at once.
 */
export async function ensureFirstAdmin(
  ctx: Ctx,
  opts: { setupLink?: boolean } = {},
): Promise<{ created?: string; setupUrl?: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    if ((await countAdmins(trx)) > 0) return {};
    const now = nowIso(ctx);
    if (ctx.config.admin) {
      await upsertAdmin(trx, ctx, ctx.config.admin);
      return { created: ctx.config.admin.email };
    }
    if (opts.setupLink === false) return {};
    const token = randomToken();
    const expiresAt = new Date(ctx.clock().getTime() + SETUP_TTL_MS).toISOString();
    await putSetting(trx, SETUP_KEY, { hash: sha256(token), expiresAt } satisfies SetupToken, now);
    return { setupUrl: `${ctx.config.publicUrl}/setup?token=${token}` };
  });
}

/**
 * Whether set-up is still to be done (no administrator yet), and until when the link in the
 * server log works: what the sign-in page of a fresh install tells its visitor. Never the token.
 */
export async function setupState(ctx: Ctx): Promise<{ required: boolean; linkExpiresAt: string | null }> {
  if ((await countAdmins(ctx.db)) > 0) return { required: false, linkExpiresAt: null };
  const stored = await getSetting<SetupToken>(ctx.db, SETUP_KEY);
  const live = stored && stored.expiresAt > nowIso(ctx) ? stored.expiresAt : null;
  return { required: true, linkExpiresAt: live };
}

/** Creates an administrator, or makes an existing user with that email one, with this password. */
export async function upsertAdmin(
  db: Executor,
  ctx: Pick<Ctx, 'clock'>,
  input: { email: string; password: string; name?: string },
): Promise<void> {
  const now = nowIso(ctx);
  const email = input.email.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const existing = await findUserByEmail(db, email);
  if (existing) {
    await updateUserRow(db, existing.id, {
      role: 'admin',
      organisation_id: null,
      password_hash: passwordHash,
      active: 1,
      updated_at: now,
      ...(input.name && { name: input.name }),
    });
    return;
  }
  await insertUser(db, {
    id: newId(),
    email,
    name: input.name ?? 'Administrator',
    role: 'admin',
    password_hash: passwordHash,
    organisation_id: null,
    phone: null,
    active: 1,
    created_at: now,
    updated_at: now,
  });
}

/** Redeems the setup link once: creates the first admin and invalidates the link. */
export async function completeSetup(
  ctx: Ctx,
  input: { token: string; email: string; name: string; password: string },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const stored = await getSetting<SetupToken>(trx, SETUP_KEY);
    const valid =
      stored &&
      (await countAdmins(trx)) === 0 &&
      stored.expiresAt > nowIso(ctx) &&
      safeEqual(stored.hash, sha256(input.token));
    // Claimed before anything is made: the same link sent twice at once makes one administrator.
    if (!valid || !(await claimSetting(trx, SETUP_KEY, stored))) throw refusal('not_found', REFUSED.badLink);
    checkNewPassword(input.password, input);
    if (await findUserByEmail(trx, input.email)) throw refusal('conflict', REFUSED.emailTaken);
    await upsertAdmin(trx, ctx, input);
    return { email: input.email };
  });
}
