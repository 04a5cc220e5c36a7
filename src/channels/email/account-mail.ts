import type { Ctx } from '../../context.js';
import { PermanentJobError } from '../../errors.js';
import type { JobHandler } from '../../jobs/worker.js';
import { sha256 } from '../../lib/crypto.js';
import { findLink } from '../../modules/accounts/accounts.repository.js';
import { linkUrl } from '../../modules/accounts/links.js';
import { findSignUp } from '../../modules/accounts/sign-up.repository.js';
import { signUpUrl } from '../../modules/accounts/sign-up.service.js';
import { readerOf } from '../../modules/languages/reader.js';
import { findUserByEmail } from '../../modules/users/users.repository.js';
import { mailDomain, smtpTransport } from './outbound.js';
import { type AccountMailInput, renderAccountMail } from './templates.js';

/** Sends one account mail: automatic (`Auto-Submitted`), with a Message-ID fixed by the job. */
async function sendAccountMail(
  ctx: Ctx,
  dedupeKey: string,
  to: string,
  input: Omit<AccountMailInput, 'siteName' | 'reader'>,
  asked?: string,
): Promise<void> {
  // Someone with an account reads it in their language; a sign-up in the language it was asked
  // for in; an invitee in the installation's.
  const reader = await readerOf(ctx.db, (await findUserByEmail(ctx.db, to)) ?? { locale: asked });
  const { smtpUrl, from } = ctx.config.mail;
  if (!smtpUrl) throw new PermanentJobError('email is not configured (SMTP_URL)');
  const mail = renderAccountMail({
    ...input,
    recipientName: input.recipientName.replace(/[\r\n\t"<>]+/g, ' ').trim(),
    siteName: new URL(ctx.config.publicUrl).host,
    reader,
  });
  await smtpTransport(smtpUrl, ctx.config.outbound).sendMail({
    from,
    to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${sha256(dedupeKey).slice(0, 32)}@${mailDomain(ctx.config)}>`,
    headers: {
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'Content-Language': reader.locale,
    },
  });
}

/**
 * Sends an invitation or password-reset mail. A link used, expired or replaced before the mail
 * goes out is not sent: it would only lead to "this link does not work".
 */
export const deliverAccountEmail: JobHandler<'deliver.account-email'> = async (ctx, job) => {
  const link = await findLink(ctx.db, job.data.linkId);
  if (!link || link.used_at || link.expires_at <= ctx.clock().toISOString() || link.active !== 1) return;
  await sendAccountMail(ctx, job.dedupe_key, link.email, {
    purpose: job.data.notice === 'account-exists' ? 'exists' : link.purpose,
    recipientName: link.name,
    url: linkUrl(ctx, link.purpose, link.id),
    expiresAt: link.expires_at,
  });
};

/** Sends a sign-up's confirmation link, unless the sign-up was used or set aside meanwhile. */
export const deliverSignUpEmail: JobHandler<'deliver.sign-up-email'> = async (ctx, job) => {
  const signUp = await findSignUp(ctx.db, job.data.signUpId);
  if (!signUp || signUp.used_at || signUp.expires_at <= ctx.clock().toISOString()) return;
  if (await findUserByEmail(ctx.db, signUp.email)) return;
  await sendAccountMail(
    ctx,
    job.dedupe_key,
    signUp.email,
    {
      purpose: 'verify',
      recipientName: signUp.name,
      url: signUpUrl(ctx, signUp.id),
      expiresAt: signUp.expires_at,
    },
    job.data.locale,
  );
};
