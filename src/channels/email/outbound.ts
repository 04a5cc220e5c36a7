import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.js';
import type { Ctx } from '../../context.js';
import { PermanentJobError } from '../../errors.js';
import { translate } from '../../i18n/index.js';
import type { JobHandler } from '../../jobs/worker.js';
import { randomToken, sha256 } from '../../lib/crypto.js';
import { type OutboundPolicy, smtpSocketOptions } from '../../lib/network.js';
import { type Reader, readerOf } from '../../modules/languages/reader.js';
import { loadDelivery } from '../../modules/notifications/delivery.js';
import { MAIL } from '../../modules/notifications/mail.messages.js';
import { conversationCopies, seesTicket } from '../../modules/participants/participants.service.js';
import { loadWorkflow } from '../../modules/workflow/workflow.service.js';
import { findStatus, statusLabel } from '../../workflow/engine.js';
import { markOutboundSent, reserveOutbound } from '../outbound.repository.js';
import { replyAddress, replyToken } from './reply-token.js';
import { renderMail } from './templates.js';

const transports = new Map<string, Transporter>();

/** One pooled SMTP transport per URL, shared by every delivery of the process. */
export function smtpTransport(url: string, outbound: OutboundPolicy): Transporter {
  let t = transports.get(url);
  if (!t) {
    // Pooled: connections stay open between deliveries instead of one SMTP handshake per mail.
    const pooled = /[?&]pool=/.test(url) ? url : `${url}${url.includes('?') ? '&' : '?'}pool=true`;
    t = nodemailer.createTransport({ url: pooled, ...smtpSocketOptions(outbound) });
    transports.set(url, t);
  }
  return t;
}

/** Forgets the transport of a URL no longer in use and closes its idle connections; sends under way finish. */
export function retireSmtpTransport(url: string): void {
  const t = transports.get(url);
  if (!t) return;
  transports.delete(url);
  t.close();
}

/**
 * Sends one mail through `smtpUrl` on a connection of its own (not the pool), giving up after
 * `timeoutMs`: the check behind "Send test". Returns the server's answer.
 */
export async function sendTestMail(
  smtpUrl: string,
  mail: { from: string; to: string; subject: string; text: string },
  timeoutMs: number,
  outbound: OutboundPolicy,
): Promise<string> {
  const t = nodemailer.createTransport({
    url: smtpUrl,
    ...smtpSocketOptions(outbound),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  try {
    const info = await t.sendMail({
      ...mail,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    });
    return String(info.response ?? '');
  } finally {
    t.close();
  }
}

export const mailDomain = (config: Config) =>
  config.mail.inboundAddress?.split('@')[1] ?? new URL(config.publicUrl).hostname;

/** The Message-ID all mail of a ticket refers to, so mail clients keep one thread per ticket. */
export const ticketThreadId = (config: Config, ticketNumber: number) =>
  `<ticket-${ticketNumber}@${mailDomain(config)}>`;

/** Names may not carry line breaks into headers; nodemailer quotes the rest. */
const safeName = (name: string) =>
  name
    .replace(/[\r\n\t"<>]+/g, ' ')
    .trim()
    .slice(0, 100);

type Loaded = NonNullable<Awaited<ReturnType<typeof loadDelivery>>>;

/** A notification's mail for its recipient: the status as they see it, a link if they may open the ticket. */
async function composeMail(
  ctx: Ctx,
  data: { event: string; url?: string },
  { user, ticket, message }: Loaded,
  reader: Reader,
) {
  const staffRecipient = user.role !== 'customer';
  const wf = await loadWorkflow(ctx, ctx.db);
  const status = findStatus(wf, ticket.status);
  const mail = renderMail({
    reader,
    at: message?.created_at ?? ctx.clock().toISOString(),
    event: data.event,
    recipientName: safeName(user.name),
    staffRecipient,
    ticket: {
      number: ticket.number,
      subject: ticket.subject,
      statusLabel: status ? statusLabel(status, staffRecipient ? 'staff' : 'customer') : ticket.status,
      mergedInto: ticket.merged_into_number,
    },
    message: message
      ? {
          authorName: message.author_name ?? translate(reader.locale, MAIL.support),
          body: message.body,
          format: message.format,
        }
      : null,
    ticketUrl: (await seesTicket(ctx.db, user, ticket.id))
      ? `${ctx.config.publicUrl}${staffRecipient ? '/agent' : ''}/tickets/${ticket.number}`
      : null,
    surveyUrl: data.url,
    canReplyByEmail: Boolean(ctx.config.mail.inboundAddress),
  });
  return mail;
}

/**
 * Sends one notification email. Its Message-ID is random (a reply quoting it is only taken from
 * the recipient it went to, so it must not be guessable), kept per recipient before sending; a
 * retried send reuses it and is recognisably the same mail.
 */
export const deliverEmail: JobHandler<'deliver.email'> = async (ctx: Ctx, job) => {
  const data = job.data;
  const { smtpUrl, inboundAddress, from } = ctx.config.mail;
  if (!smtpUrl) throw new PermanentJobError('email is not configured (SMTP_URL)');
  const loaded = await loadDelivery(ctx, data);
  if (!loaded) return;
  const { user, ticket, message } = loaded;

  const staffRecipient = user.role !== 'customer';
  // A customer hears of a ticket as its requester or while on its CC list: one taken off the list
  // since the notice was decided gets nothing.
  const copies = staffRecipient ? [] : await conversationCopies(ctx.db, ticket, user.id);
  if (!copies) return;
  // In the recipient's language and zone, never the sender's.
  const reader = await readerOf(ctx.db, user);
  const mail = await composeMail(ctx, data, { user, ticket, message }, reader);
  const domain = mailDomain(ctx.config);
  const messageId = await reserveOutbound(ctx.db, {
    channel: 'email',
    deliveryKey: job.dedupe_key,
    fresh: `<${randomToken(18)}@${domain}>`,
    ticketId: ticket.id,
    userId: user.id,
    now: ctx.clock().toISOString(),
  });
  const thread = ticketThreadId(ctx.config, ticket.number);
  await smtpTransport(smtpUrl, ctx.config.outbound).sendMail({
    from,
    to: { name: safeName(user.name), address: user.email },
    // The others on the conversation are named, not sent to: each has a mail (and reply address) of its own.
    cc:
      data.event === 'ticket.survey'
        ? []
        : copies.map((c) => ({ name: safeName(c.name), address: c.address })),
    envelope: { from, to: [user.email] },
    replyTo: inboundAddress
      ? replyAddress(inboundAddress, replyToken(ctx.config.secret, ticket.number, user.id))
      : undefined,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId,
    inReplyTo: thread,
    references: [thread],
    headers: {
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'X-Tessera-Ticket': String(ticket.number),
      'Content-Language': reader.locale,
    },
  });
  await markOutboundSent(ctx.db, job.dedupe_key, ctx.clock().toISOString());
};

/** A plain explanatory mail (a refused reply, an unknown sender), itself marked as an automatic reply. */
export const deliverEmailNotice: JobHandler<'deliver.email-notice'> = async (ctx, job) => {
  const data = job.data;
  const { smtpUrl, from } = ctx.config.mail;
  if (!smtpUrl) throw new PermanentJobError('email is not configured (SMTP_URL)');
  const inReplyTo =
    data.inReplyTo ?? (data.ticketNumber ? ticketThreadId(ctx.config, data.ticketNumber) : null);
  await smtpTransport(smtpUrl, ctx.config.outbound).sendMail({
    from,
    to: data.to,
    subject: data.subject,
    text: `${data.text}\n`,
    messageId: `<${sha256(job.dedupe_key).slice(0, 32)}@${mailDomain(ctx.config)}>`,
    ...(inReplyTo ? { inReplyTo, references: [inReplyTo] } : {}),
    headers: {
      'Auto-Submitted': data.auto ?? 'auto-replied',
      'X-Auto-Response-Suppress': 'All',
      ...(data.locale ? { 'Content-Language': data.locale } : {}),
    },
  });
};
