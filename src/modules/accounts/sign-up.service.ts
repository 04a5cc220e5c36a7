import type { z } from 'zod';
import { pickLocale } from '../../../common/i18n.js';
import type { signUpBody } from '../../../common/sign-up.js';
import { hashPassword } from '../../auth/password.js';
import { checkNewPassword } from '../../auth/password-policy.js';
import { type Ctx, nowIso } from '../../context.js';
import { refusal } from '../../errors.js';
import { availableLocales, defineMessages, translate } from '../../i18n/index.js';
import { enqueue } from '../../jobs/outbox.js';
import type { JobHandler } from '../../jobs/worker.js';
import { newId } from '../../lib/crypto.js';
import { audit } from '../audit/audit.service.js';
import { countRateEvents, insertRateEvent, pruneRateEvents } from '../auth/auth.repository.js';
import { openSession } from '../auth/auth.service.js';
import { languageDefaults } from '../languages/defaults.js';
import { findOrganisation } from '../organisations/organisations.repository.js';
import { findUserByEmail, insertUser, type UserRow } from '../users/users.repository.js';
import { claimOnce } from './accounts.repository.js';
import { idFromToken, issueLink, signedToken } from './links.js';
import { closeSignUps, findSignUp, insertSignUp, pruneSignUps } from './sign-up.repository.js';
import { signUpRuleFor } from './sign-up-settings.js';

const SAID = defineMessages({
  tooMany: {
    id: 'error.accounts.sign_up_rate_limited',
    defaultMessage: 'Too many sign-ups from your network; try again in {minutes} minutes',
  },
  invalidLink: {
    id: 'error.accounts.invalid_sign_up_link',
    defaultMessage: 'This sign-up link is invalid, used or expired; sign up again',
  },
  hasAccount: {
    id: 'error.accounts.email_taken',
    defaultMessage: 'This address has an account already: sign in, or reset your password',
  },
});

// Customers creating their own account. Nothing usable exists until the link mailed to the address
// is opened: an account made before would let whoever signed up read the tickets the real owner of
// the address later mails in. The request does the same work for every address (the worker looks
// the address up), so neither the answer nor its time tells whether it has an account.

const DAY_MS = 86_400_000;
const SCOPE = 'sign-up';

const REQUESTED = defineMessages({
  message: {
    id: 'accounts.signUp.requested',
    defaultMessage:
      'Check your mail: open the link we have sent to confirm the address and finish signing up. It works for 24 hours; until then you cannot sign in or open a ticket. If the address already has an account, the mail says how to sign in instead.',
  },
});

/** The page a sign-up's confirmation link opens, with its token. */
export const signUpUrl = (ctx: Pick<Ctx, 'config'>, id: string) =>
  `${ctx.config.publicUrl}/verify-email?token=${encodeURIComponent(signedToken(ctx, SCOPE, id))}`;

/**
 * Asks for an account. Refused (403) when sign-up is closed to the address's domain, 400 for a
 * weak password, 429 when this network address signed up too often. Otherwise the same 202 for
 * everyone; the address is mailed at most once per window, whatever it is asked.
 */
export async function requestSignUp(
  ctx: Ctx,
  input: z.infer<typeof signUpBody> & { ip: string; locale?: string },
): Promise<string> {
  const email = input.email.toLowerCase();
  await signUpRuleFor(ctx, ctx.db, email);
  const now = ctx.clock();
  const at = now.toISOString();
  const windowMs = ctx.config.signUp.mailWindowMinutes * 60_000;
  const since = new Date(now.getTime() - windowMs).toISOString();
  const ipKey = `signup-ip:${input.ip}`;
  if ((await countRateEvents(ctx.db, ipKey, since)) >= ctx.config.signUp.ipLimit) {
    throw refusal(
      'rate_limited',
      SAID.tooMany,
      { minutes: String(ctx.config.signUp.mailWindowMinutes) },
      { extra: { retryAfter: windowMs / 1000 } },
    );
  }
  const mailKey = `signup-mail:${email}`;
  await ctx.db.transaction().execute(async (trx) => {
    await insertRateEvent(trx, ipKey, at);
    if ((await countRateEvents(trx, mailKey, since)) > 0) {
      await audit(ctx, trx, {
        action: 'sign_up_suppressed',
        subjectEmail: email,
        ip: input.ip,
        details: { reason: 'this address was mailed within the window' },
      });
      return;
    }
    await insertRateEvent(trx, mailKey, at);
    const id = newId();
    const expires = new Date(now.getTime() + DAY_MS).toISOString();
    const row = { id, email, name: input.name, ip: input.ip, used_at: null };
    await insertSignUp(trx, { ...row, created_at: at, expires_at: expires });
    await audit(ctx, trx, { action: 'sign_up_requested', subjectEmail: email, ip: input.ip });
    // One job per address and window even if two requests pass the count at once.
    const bucket = Math.floor(now.getTime() / windowMs);
    const dedupeKey = `sign-up:${email}:${bucket}`;
    await enqueue(
      trx,
      {
        topic: 'account.sign-up',
        payload: { signUpId: id, ...(input.locale ? { locale: input.locale } : {}) },
        dedupeKey,
        runAt: at,
      },
      at,
    );
  });
  if (Math.random() < 0.01) await pruneRateEvents(ctx.db, now);
  // In the language the visitor's browser asks for, else the installation's.
  return translate(input.locale ?? (await languageDefaults(ctx.db)).locale, REQUESTED.message);
}

/**
 * The worker's half of a sign-up: an address without an account is mailed its confirmation link;
 * one with an active account is mailed "you already have an account" with a password-reset link
 * instead (the person may have forgotten it); a deactivated one, nothing.
 */
export const decideSignUp: JobHandler<'account.sign-up'> = async (ctx, job) => {
  const now = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const signUp = await findSignUp(trx, job.data.signUpId);
    if (!signUp || signUp.used_at || signUp.expires_at <= now) return;
    const user = await findUserByEmail(trx, signUp.email);
    if (!user) {
      const payload = { signUpId: signUp.id, ...(job.data.locale ? { locale: job.data.locale } : {}) };
      await enqueue(
        trx,
        { topic: 'deliver.sign-up-email', payload, dedupeKey: `sign-up-email:${signUp.id}`, runAt: now },
        now,
      );
      return;
    }
    await closeSignUps(trx, signUp.email, now);
    await audit(ctx, trx, {
      action: 'sign_up_existing_account',
      subject: user,
      ip: signUp.ip,
      details: { mailed: user.active === 1 },
    });
    if (user.active !== 1) return;
    // A new reset link beside any the person asked for: a sign-up in their name must not void those.
    await issueLink(ctx, trx, {
      userId: user.id,
      purpose: 'reset',
      createdBy: null,
      notice: 'account-exists',
    });
  });
  if (Math.random() < 0.05)
    await pruneSignUps(ctx.db, new Date(ctx.clock().getTime() - DAY_MS).toISOString());
};

/** A sign-up a token names, if it is genuine, unused and unexpired; else 404, whatever is wrong. */
export async function openSignUp(ctx: Ctx, token: string) {
  const id = idFromToken(ctx, SCOPE, token);
  const signUp = id ? await findSignUp(ctx.db, id) : undefined;
  if (!signUp || signUp.used_at || signUp.expires_at <= nowIso(ctx)) {
    throw refusal('not_found', SAID.invalidLink);
  }
  return signUp;
}

/**
 * Opens a sign-up's link, once: the customer is made with the password chosen there (by whoever
 * reads the address's mail, never by whoever asked), in the organisation their domain maps to, and
 * signed in. Sign-up closed to the domain since is 403; an account made for the address since (by
 * mail, an invitation) is 409, and the link still works. They read in their browser's language
 * when the installation speaks it, else in the installation's default.
 */
export async function verifySignUp(
  ctx: Ctx,
  input: { token: string; password: string; ip: string; userAgent: string | null; languages?: string[] },
) {
  const signUp = await openSignUp(ctx, input.token);
  checkNewPassword(input.password, { email: signUp.email });
  const passwordHash = await hashPassword(input.password);
  const user = await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    const rule = await signUpRuleFor(ctx, trx, signUp.email);
    if (await findUserByEmail(trx, signUp.email)) {
      throw refusal('conflict', SAID.hasAccount);
    }
    if (!(await claimOnce(trx, 'sign_ups', signUp.id, now))) throw refusal('not_found', SAID.invalidLink);
    await closeSignUps(trx, signUp.email, now);
    const organisationId =
      rule.organisationId && (await findOrganisation(trx, rule.organisationId)) ? rule.organisationId : null;
    const row: UserRow = {
      id: newId(),
      email: signUp.email,
      name: signUp.name,
      role: 'customer',
      password_hash: passwordHash,
      organisation_id: organisationId,
      phone: null,
      active: 1,
      on_call: 0,
      locale: pickLocale(input.languages ?? [], availableLocales()) ?? null,
      created_at: now,
      updated_at: now,
    };
    await insertUser(trx, row);
    await audit(ctx, trx, {
      action: 'sign_up_verified',
      actor: row,
      subject: row,
      ip: input.ip,
      details: { organisationId },
    });
    return row;
  });
  return openSession(ctx, user, input);
}
