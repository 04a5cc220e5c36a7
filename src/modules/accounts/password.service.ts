import type { z } from 'zod';
import type { passwordChangeBody, passwordResetBody } from '../../../common/accounts.js';
import { hashPassword } from '../../auth/password.js';
import { checkNewPassword } from '../../auth/password-policy.js';
import { type ActorCtx, type Ctx, nowIso } from '../../context.js';
import { invalid, notFound, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { enqueue } from '../../jobs/outbox.js';
import type { JobHandler } from '../../jobs/worker.js';
import { newId } from '../../lib/crypto.js';
import { authorize } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import {
  clearRateEvents,
  countRateEvents,
  insertRateEvent,
  pruneRateEvents,
} from '../auth/auth.repository.js';
import { confirmPassword, failureKey } from '../auth/auth.service.js';
import { USER_REFUSALS } from '../users/refusals.js';
import {
  closeLinks,
  deleteSessionsOfUser,
  findUserByEmail,
  findUserById,
  updateUserRow,
} from '../users/users.repository.js';
import { deleteOtherSessions } from './accounts.repository.js';
import { ACCOUNT_REFUSALS, issueLink, redeemLink } from './links.js';

const SAID = defineMessages({
  tooMany: {
    id: 'error.accounts.reset_rate_limited',
    defaultMessage: 'Too many password-reset requests; try again in 15 minutes',
  },
});

const HOUR_MS = 3_600_000;
const IP_WINDOW_MS = 15 * 60_000;
const IP_LIMIT = 10;

export const RESET_REQUESTED =
  'If an account uses this address, we have sent it a link to choose a new password. It works for one hour.';

/**
 * "Forgot password?": queues a reset for this address, to be sent if an active account uses it.
 * The request does the same work whether or not the address has an account (the account is looked
 * up by the worker), so neither the answer nor its time tells. A network address asking too often
 * gets 429; an email address is sent a few mails an hour and no more.
 */
export async function requestPasswordReset(ctx: Ctx, input: { email: string; ip: string }): Promise<string> {
  const email = input.email.toLowerCase();
  const now = ctx.clock();
  const at = now.toISOString();
  const ipKey = `reset-ip:${input.ip}`;
  if (
    (await countRateEvents(ctx.db, ipKey, new Date(now.getTime() - IP_WINDOW_MS).toISOString())) >= IP_LIMIT
  ) {
    throw refusal('rate_limited', SAID.tooMany, undefined, { extra: { retryAfter: IP_WINDOW_MS / 1000 } });
  }
  const mailKey = `reset-mail:${email}`;
  await ctx.db.transaction().execute(async (trx) => {
    await insertRateEvent(trx, ipKey, at);
    const sent = await countRateEvents(trx, mailKey, new Date(now.getTime() - HOUR_MS).toISOString());
    const limited = sent >= ctx.config.resetRateLimit;
    await audit(ctx, trx, {
      action: limited ? 'password_reset_suppressed' : 'password_reset_requested',
      subjectEmail: email,
      ip: input.ip,
      ...(limited && { details: { reason: `${sent} reset mails to this address in the last hour` } }),
    });
    if (limited) return;
    await insertRateEvent(trx, mailKey, at);
    await enqueue(
      trx,
      { topic: 'account.reset', payload: { email }, dedupeKey: `account-reset:${newId()}`, runAt: at },
      at,
    );
  });
  if (Math.random() < 0.01) await pruneRateEvents(ctx.db, now);
  return RESET_REQUESTED;
}

/** The worker's half of a reset request: a link for an active account with that address, else nothing. */
export const issueResetLink: JobHandler<'account.reset'> = async (ctx, job) => {
  await ctx.db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, job.data.email);
    if (user?.active !== 1) return;
    await closeLinks(trx, user.id, nowIso(ctx), 'reset');
    await issueLink(ctx, trx, { userId: user.id, purpose: 'reset', createdBy: null });
  });
};

/**
 * Sets a new password from a reset link, once. Every session of the user ends (whoever had the
 * old password is signed out) and an open invitation is used up with it.
 */
export async function resetPassword(
  ctx: Ctx,
  input: z.infer<typeof passwordResetBody> & { ip: string },
): Promise<void> {
  await redeemLink(ctx, { ...input, purpose: 'reset' }, async (trx, user) => {
    await deleteSessionsOfUser(trx, user.id);
    await clearRateEvents(trx, failureKey(user.email));
    await audit(ctx, trx, { action: 'password_reset', actor: user, subject: user, ip: input.ip });
  });
}

/**
 * Changes the signed-in user's own password, which they must give first. Their other sessions end;
 * the one making the change (`keepSessionId`, when signed in by cookie) stays.
 */
export async function changePassword(
  ctx: ActorCtx,
  input: z.infer<typeof passwordChangeBody> & { ip: string; keepSessionId: string | null },
): Promise<void> {
  authorize(ctx.actor, 'me.password');
  const user = await findUserById(ctx.db, ctx.actor.id);
  if (!user) throw notFound(USER_REFUSALS.noSuchUser);
  if (!(await confirmPassword(ctx, user, input.currentPassword, input.ip))) {
    throw invalid('currentPassword', ACCOUNT_REFUSALS.notCurrentPassword);
  }
  checkNewPassword(input.password, { email: user.email });
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    await updateUserRow(trx, user.id, { password_hash: passwordHash, updated_at: now });
    const ended = await deleteOtherSessions(trx, user.id, input.keepSessionId);
    await closeLinks(trx, user.id, now);
    await audit(ctx, trx, {
      ...byActor(ctx),
      action: 'password_changed',
      subject: user,
      details: { sessionsEnded: ended },
    });
  });
}
