import { formatDateTime, type Message, translate } from '../../i18n/index.js';
import { type MessageFormat, renderHtml, renderMailText } from '../../lib/format.js';
import { escapeHtml } from '../../lib/html.js';
import type { Reader } from '../../modules/languages/reader.js';
import { ACCOUNT_MAILS, MAIL } from '../../modules/notifications/mail.messages.js';

// Readable text and HTML for each notification, in the recipient's language and time zone. The
// ticket number leads every subject.

export type MailInput = {
  event: string;
  recipientName: string;
  staffRecipient: boolean;
  ticket: { number: number; subject: string; statusLabel: string; mergedInto?: number | null };
  /** `authorName` null: the author is not known (a deleted account), named "Someone"/"Support". */
  message: { authorName: string | null; body: string; format?: MessageFormat } | null;
  /** Null for a recipient who may not open the ticket (a CC of another organisation). */
  ticketUrl: string | null;
  surveyUrl?: string;
  canReplyByEmail: boolean;
  /** When it happened: the message's time, else the notice's. */
  at: string;
  reader: Reader;
};

type Parts = { lead: Message; quote: boolean };

function parts(event: string): Parts {
  switch (event) {
    case 'ticket.created':
      return { lead: MAIL.created, quote: true };
    case 'ticket.customer_reply':
      return { lead: MAIL.customerReply, quote: true };
    case 'ticket.reopened':
      return { lead: MAIL.reopened, quote: true };
    case 'ticket.assigned':
      return { lead: MAIL.assigned, quote: false };
    case 'ticket.mentioned':
      return { lead: MAIL.mentioned, quote: false };
    case 'ticket.sla_warning':
      return { lead: MAIL.slaWarning, quote: false };
    case 'ticket.sla_breach':
      return { lead: MAIL.slaBreach, quote: false };
    case 'ticket.urgent':
      return { lead: MAIL.urgent, quote: true };
    case 'ticket.staff_reply':
      return { lead: MAIL.staffReply, quote: true };
    case 'ticket.waiting_on_customer':
      return { lead: MAIL.waitingOnCustomer, quote: false };
    case 'ticket.reminder':
      return { lead: MAIL.reminder, quote: false };
    case 'ticket.resolved':
      return { lead: MAIL.resolved, quote: false };
    case 'ticket.closed':
      return { lead: MAIL.closed, quote: false };
    case 'ticket.merged':
      return { lead: MAIL.merged, quote: false };
    case 'ticket.survey':
      return { lead: MAIL.survey, quote: false };
    default:
      return { lead: MAIL.updated, quote: false };
  }
}

/** A mail's HTML document, in its reader's language and direction. */
export const mailHtml = (reader: Reader, body: string) =>
  `<!doctype html><html lang="${escapeHtml(reader.locale)}" dir="${reader.direction}"><body style="font-family:system-ui,sans-serif;color:#1a1b1e;line-height:1.5">
${body}
</body></html>`;

export function renderMail(m: MailInput): { subject: string; text: string; html: string } {
  const { reader } = m;
  const t = (message: Message, values?: Record<string, string>) => translate(reader.locale, message, values);
  const number = String(m.ticket.number);
  const p = parts(m.event);
  const who = m.message?.authorName ?? t(MAIL.someone);
  const lead = t(p.lead, { number, who, into: m.ticket.mergedInto ? String(m.ticket.mergedInto) : '?' });
  const subject = t(MAIL.subject, { number, subject: m.ticket.subject });
  const quoted = p.quote ? m.message : null;
  const format = quoted?.format ?? 'text';
  // The same renderer as the web; images of attachments need signing in, so mail names them.
  const quote = quoted ? renderMailText(quoted.body, format) : null;
  const quoteHtml = quoted ? renderHtml(quoted.body, format) : null;
  const replyHint = m.canReplyByEmail ? t(MAIL.replyHint) : null;
  const greeting = t(MAIL.greeting, { name: m.recipientName });
  const status = t(MAIL.status, { status: m.ticket.statusLabel });
  const time = t(MAIL.time, { time: formatDateTime(reader.locale, reader.timeZone, m.at) });
  const text = [
    greeting,
    '',
    lead,
    ...(quote ? ['', ...quote.split('\n').map((l) => `> ${l}`)] : []),
    '',
    status,
    time,
    ...(m.surveyUrl ? ['', t(MAIL.surveyText, { url: m.surveyUrl })] : []),
    ...(m.ticketUrl ? [t(MAIL.viewText, { url: m.ticketUrl })] : []),
    ...(replyHint ? ['', replyHint] : []),
  ].join('\n');
  const side = reader.direction === 'rtl' ? 'right' : 'left';
  const html = mailHtml(
    reader,
    `<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(lead)}</p>
${quoteHtml ? `<blockquote style="border-${side}:3px solid #228be6;margin:0;padding:.2em 1em">${quoteHtml}</blockquote>` : ''}
<p style="color:#555">${escapeHtml(status)}<br>${escapeHtml(time)}</p>
${m.surveyUrl ? `<p><a href="${escapeHtml(m.surveyUrl)}">${escapeHtml(t(MAIL.surveyLink))}</a></p>` : ''}
${m.ticketUrl ? `<p><a href="${escapeHtml(m.ticketUrl)}">${escapeHtml(t(MAIL.viewLink, { number }))}</a></p>` : ''}
${replyHint ? `<p style="color:#555;font-size:.9em">${escapeHtml(replyHint)}</p>` : ''}`,
  );
  return { subject, text, html };
}

export type AccountMailInput = {
  /** `verify`: a sign-up's confirmation; `exists`: a reset link for someone who signed up again. */
  purpose: 'invite' | 'reset' | 'verify' | 'exists';
  recipientName: string;
  url: string;
  expiresAt: string;
  siteName: string;
  reader: Reader;
};

/** An account mail (invitation, reset, sign-up): the link, until when it works, and what to do if unexpected. */
export function renderAccountMail(m: AccountMailInput): { subject: string; text: string; html: string } {
  const { reader } = m;
  const t = (message: Message, values?: Record<string, string>) => translate(reader.locale, message, values);
  const k = ACCOUNT_MAILS[m.purpose];
  const site = { site: m.siteName };
  const until = t(MAIL.linkUntil, { date: formatDateTime(reader.locale, reader.timeZone, m.expiresAt) });
  const greeting = t(MAIL.greeting, { name: m.recipientName });
  const lead = t(k.lead, site);
  const action = t(k.action);
  const after = t(k.after);
  const text = [greeting, '', lead, '', t(MAIL.actionLine, { action, url: m.url }), '', until, after].join(
    '\n',
  );
  const html = mailHtml(
    reader,
    `<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(lead)}</p>
<p><a href="${escapeHtml(m.url)}">${escapeHtml(action)}</a></p>
<p style="color:#555;font-size:.9em">${escapeHtml(until)} ${escapeHtml(after)}</p>`,
  );
  return { subject: t(k.subject, site), text, html };
}
