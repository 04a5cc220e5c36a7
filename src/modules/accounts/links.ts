import { hashPassword } from '../../auth/password.js';
import { checkNewPassword } from '../../auth/password-policy.js';
import type { Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { AccountLinkPurpose } from '../../db/schema.js';
import { refusal } from '../../errors.js';
import { defineMessages, type Message } from '../../i18n/index.js';
import { enqueue } from '../../jobs/outbox.js';
import { hmac, newId, safeEqual } from '../../lib/crypto.js';
import { closeLinks, type UserRow, updateUserRow } from '../users/users.repository.js';
import { claimLink, findLink, insertLink } from './accounts.repository.js';

export const ACCOUNT_REFUSALS = defineMessages({
  invalidInvite: {
    id: 'error.accounts.invalid_invite_link',
    defaultMessage: 'This invitation link is invalid, used or expired; ask for a new one',
  },
  invalidReset: {
    id: 'error.accounts.invalid_reset_link',
    defaultMessage: 'This password-reset link is invalid, used or expired; ask for a new one',
  },
  notCurrentPassword: {
    id: 'error.accounts.not_current_password',
    defaultMessage: 'is not your current password',
  },
});

// Invitation and reset links: the link's id and its HMAC under the installation's secret, so the
// database holds nothing that works as a link and the mail job carries only the id.

const RESET_TTL_MS = 60 * 60_000;
const PAGES: Record<AccountLinkPurpose, string> = { invite: '/invite', reset: '/reset-password' };

/** A row's id and its HMAC for one kind of link (`scope`): what a mailed link carries. */
export const signedToken = (ctx: Pick<Ctx, 'config'>, scope: string, id: string) =>
  `${id}.${hmac(ctx.config.secret, `${scope}:${id}`)}`;

/** The id a token of `scope` names, if its signature is genuine. */
export function idFromToken(ctx: Pick<Ctx, 'config'>, scope: string, token: string): string | null {
  const [id, sig, ...rest] = token.split('.');
  if (!id || !sig || rest.length > 0) return null;
  return safeEqual(token, signedToken(ctx, scope, id)) ? id : null;
}

export const linkToken = (ctx: Pick<Ctx, 'config'>, id: string) => signedToken(ctx, 'account-link', id);

/** The page a link opens, with its token. */
export const linkUrl = (ctx: Pick<Ctx, 'config'>, purpose: AccountLinkPurpose, id: string) =>
  `${ctx.config.publicUrl}${PAGES[purpose]}?token=${encodeURIComponent(linkToken(ctx, id))}`;

export const INVALID_LINK: Record<AccountLinkPurpose, Message> = {
  invite: ACCOUNT_REFUSALS.invalidInvite,
  reset: ACCOUNT_REFUSALS.invalidReset,
};

/**
 * The link behind a token, if it is genuine, of this purpose, unused, unexpired and for an active
 * user; otherwise 404 with the same answer whatever is wrong with it.
 */
export async function openLink(ctx: Ctx, db: Executor, token: string, purpose: AccountLinkPurpose) {
  const id = idFromToken(ctx, 'account-link', token);
  const link = id ? await findLink(db, id) : undefined;
  const now = ctx.clock().toISOString();
  if (!link || link.purpose !== purpose || link.used_at || link.expires_at <= now || link.active !== 1) {
    throw refusal('not_found', INVALID_LINK[purpose]);
  }
  return link;
}

/** Makes a link for a user and queues the mail that carries it, in the caller's transaction. */
export async function issueLink(
  ctx: Ctx,
  db: Executor,
  input: {
    userId: string;
    purpose: AccountLinkPurpose;
    createdBy: string | null;
    /** Sent as "you already have an account" (a reset link, for someone who tried to sign up). */
    notice?: 'account-exists';
  },
): Promise<{ id: string; expiresAt: string }> {
  const now = ctx.clock();
  const ttl = input.purpose === 'invite' ? ctx.config.invitationHours * 3_600_000 : RESET_TTL_MS;
  const row = {
    id: newId(),
    user_id: input.userId,
    purpose: input.purpose,
    created_by: input.createdBy,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + ttl).toISOString(),
    used_at: null,
  };
  await insertLink(db, row);
  await enqueue(
    db,
    {
      topic: 'deliver.account-email',
      payload: { linkId: row.id, ...(input.notice && { notice: input.notice }) },
      dedupeKey: `account-email:${row.id}`,
      runAt: row.created_at,
    },
    row.created_at,
  );
  return { id: row.id, expiresAt: row.expires_at };
}

/**
 * Sets a user's password from a link, once. The password is checked and hashed before the link is
 * claimed, so a refused password leaves the link working; then, in one transaction, the link is
 * claimed (404 if another request took it first), the user's other open links close, the password
 * and `patch` are written, and `andThen` does the rest of the change.
 */
export async function redeemLink(
  ctx: Ctx,
  input: { token: string; password: string; purpose: AccountLinkPurpose; patch?: Partial<UserRow> },
  andThen: (trx: Executor, user: { id: string; email: string }) => Promise<void>,
): Promise<{ id: string; email: string }> {
  const link = await openLink(ctx, ctx.db, input.token, input.purpose);
  checkNewPassword(input.password, { email: link.email });
  const passwordHash = await hashPassword(input.password);
  const user = { id: link.user_id, email: link.email };
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock().toISOString();
    if (!(await claimLink(trx, link.id, now))) throw refusal('not_found', INVALID_LINK[input.purpose]);
    await closeLinks(trx, user.id, now);
    await updateUserRow(trx, user.id, { ...input.patch, password_hash: passwordHash, updated_at: now });
    await andThen(trx, user);
  });
  return user;
}
