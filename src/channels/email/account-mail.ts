import { PermanentJobError } from '../../errors.js';
import type { JobHandler } from '../../jobs/worker.js';
import { sha256 } from '../../lib/crypto.js';
import { findLink } from '../../modules/accounts/accounts.repository.js';
import { linkUrl } from '../../modules/accounts/links.js';
import { mailDomain, smtpTransport } from './outbound.js';
import { renderAccountMail } from './templates.js';

/**
 * Sends an invitation or password-reset mail. A link used, expired or replaced before the mail
 * goes out is not sent: it would only lead to "this link does not work".
 */
export const deliverAccountEmail: JobHandler<'deliver.account-email'> = async (ctx, job) => {
  const { smtpUrl, from } = ctx.config.mail;
  if (!smtpUrl) throw new PermanentJobError('email is not configured (SMTP_URL)');
  const link = await findLink(ctx.db, job.data.linkId);
  if (!link || link.used_at || link.expires_at <= ctx.clock().toISOString() || link.active !== 1) return;
  const mail = renderAccountMail({
    purpose: link.purpose,
    recipientName: link.name.replace(/[\r\n\t"<>]+/g, ' ').trim(),
    url: linkUrl(ctx, link.purpose, link.id),
    expiresAt: link.expires_at,
    siteName: new URL(ctx.config.publicUrl).host,
  });
  await smtpTransport(smtpUrl, ctx.config.outbound).sendMail({
    from,
    to: link.email,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${sha256(job.dedupe_key).slice(0, 32)}@${mailDomain(ctx.config)}>`,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
  });
};
