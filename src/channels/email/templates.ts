import { type MessageFormat, renderHtml, renderMailText } from '../../lib/format.js';
import { escapeHtml } from '../../lib/html.js';

// Readable text and HTML for each notification. The ticket number leads every subject.

export type MailInput = {
  event: string;
  recipientName: string;
  staffRecipient: boolean;
  ticket: { number: number; subject: string; statusLabel: string; mergedInto?: number | null };
  message: { authorName: string; body: string; format?: MessageFormat } | null;
  /** Null for a recipient who may not open the ticket (a CC of another organisation). */
  ticketUrl: string | null;
  surveyUrl?: string;
  canReplyByEmail: boolean;
};

type Parts = { lead: string; quote: boolean };

function parts(m: MailInput): Parts {
  const who = m.message?.authorName ?? 'Someone';
  switch (m.event) {
    case 'ticket.created':
      return { lead: `A new ticket #${m.ticket.number} was opened by ${who}.`, quote: true };
    case 'ticket.customer_reply':
      return { lead: `${who} replied on ticket #${m.ticket.number}.`, quote: true };
    case 'ticket.reopened':
      return { lead: `Ticket #${m.ticket.number} was reopened.`, quote: true };
    case 'ticket.assigned':
      return { lead: `Ticket #${m.ticket.number} was assigned to you.`, quote: false };
    case 'ticket.mentioned':
      return { lead: `You were mentioned in an internal note on ticket #${m.ticket.number}.`, quote: false };
    case 'ticket.sla_warning':
      return { lead: `Ticket #${m.ticket.number} is close to missing a service-level target.`, quote: false };
    case 'ticket.sla_breach':
      return { lead: `Ticket #${m.ticket.number} missed a service-level target.`, quote: false };
    case 'ticket.urgent':
      return { lead: `Urgent: ticket #${m.ticket.number} needs attention now.`, quote: true };
    case 'ticket.staff_reply':
      return { lead: `${who} from Support replied on your ticket #${m.ticket.number}.`, quote: true };
    case 'ticket.waiting_on_customer':
      return { lead: `We need a reply from you to continue with ticket #${m.ticket.number}.`, quote: false };
    case 'ticket.reminder':
      return {
        lead: `A reminder: ticket #${m.ticket.number} is waiting for your reply. Without one it will be closed.`,
        quote: false,
      };
    case 'ticket.resolved':
      return { lead: `Your ticket #${m.ticket.number} was marked resolved.`, quote: false };
    case 'ticket.closed':
      return { lead: `Your ticket #${m.ticket.number} is now closed.`, quote: false };
    case 'ticket.merged':
      return {
        lead: `Your ticket #${m.ticket.number} was merged into #${m.ticket.mergedInto ?? '?'}; the conversation continues there.`,
        quote: false,
      };
    case 'ticket.survey':
      return {
        lead: `How did we do with ticket #${m.ticket.number}? It takes ten seconds to tell us.`,
        quote: false,
      };
    default:
      return { lead: `Ticket #${m.ticket.number} was updated.`, quote: false };
  }
}

export function renderMail(m: MailInput): { subject: string; text: string; html: string } {
  const p = parts(m);
  const subject = `[#${m.ticket.number}] ${m.ticket.subject}`;
  const quoted = p.quote ? m.message : null;
  const format = quoted?.format ?? 'text';
  // The same renderer as the web; images of attachments need signing in, so mail names them.
  const quote = quoted ? renderMailText(quoted.body, format) : null;
  const quoteHtml = quoted ? renderHtml(quoted.body, format) : null;
  const replyHint = m.canReplyByEmail ? 'Reply to this email to add your reply to the ticket.' : null;
  const text = [
    `Hello ${m.recipientName},`,
    '',
    p.lead,
    ...(quote ? ['', ...quote.split('\n').map((l) => `> ${l}`)] : []),
    '',
    `Status: ${m.ticket.statusLabel}`,
    ...(m.surveyUrl ? ['', `Rate the help you got: ${m.surveyUrl}`] : []),
    ...(m.ticketUrl ? [`View the ticket: ${m.ticketUrl}`] : []),
    ...(replyHint ? ['', replyHint] : []),
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1a1b1e;line-height:1.5">
<p>Hello ${escapeHtml(m.recipientName)},</p>
<p>${escapeHtml(p.lead)}</p>
${quoteHtml ? `<blockquote style="border-left:3px solid #228be6;margin:0;padding:.2em 1em">${quoteHtml}</blockquote>` : ''}
<p style="color:#555">Status: ${escapeHtml(m.ticket.statusLabel)}</p>
${m.surveyUrl ? `<p><a href="${escapeHtml(m.surveyUrl)}">Rate the help you got</a></p>` : ''}
${m.ticketUrl ? `<p><a href="${escapeHtml(m.ticketUrl)}">View ticket #${m.ticket.number}</a></p>` : ''}
${replyHint ? `<p style="color:#555;font-size:.9em">${escapeHtml(replyHint)}</p>` : ''}
</body></html>`;
  return { subject, text, html };
}

export type AccountMailInput = {
  /** `verify`: a sign-up's confirmation; `exists`: a reset link for someone who signed up again. */
  purpose: 'invite' | 'reset' | 'verify' | 'exists';
  recipientName: string;
  url: string;
  expiresAt: string;
  siteName: string;
};

const ACCOUNT_MAILS = {
  invite: {
    subject: (site: string) => `You are invited to ${site}`,
    lead: (site: string) => `You have been invited to ${site}. Choose your name and a password to sign in.`,
    action: 'Accept the invitation',
    after: 'If you did not expect this invitation, ignore this mail: nothing happens without the link.',
  },
  reset: {
    subject: (site: string) => `Choose a new password for ${site}`,
    lead: (site: string) => `Someone asked to reset the password of your ${site} account.`,
    action: 'Choose a new password',
    after: 'If it was not you, ignore this mail: your password stays as it is.',
  },
  verify: {
    subject: (site: string) => `Confirm your address for ${site}`,
    lead: (site: string) =>
      `Someone, we hope you, asked to create an account at ${site} with this address. Confirm it to finish and sign in.`,
    action: 'Confirm my address',
    after: 'If it was not you, ignore this mail: no account is made without the link.',
  },
  exists: {
    subject: (site: string) => `You already have an account at ${site}`,
    lead: (site: string) =>
      `Someone, we hope you, asked to create an account at ${site} with this address, which has one already. Sign in with your password, or, if you have forgotten it or never chose one, choose a new one.`,
    action: 'Choose a new password',
    after: 'If it was not you, ignore this mail: your account and password stay as they are.',
  },
} as const;

/** An account mail (invitation, reset, sign-up): the link, until when it works, and what to do if unexpected. */
export function renderAccountMail(m: AccountMailInput): { subject: string; text: string; html: string } {
  const k = ACCOUNT_MAILS[m.purpose];
  const until = `The link works once, until ${m.expiresAt.replace('T', ' ').slice(0, 16)} UTC.`;
  const text = [
    `Hello ${m.recipientName},`,
    '',
    k.lead(m.siteName),
    '',
    `${k.action}: ${m.url}`,
    '',
    until,
    k.after,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1a1b1e;line-height:1.5">
<p>Hello ${escapeHtml(m.recipientName)},</p>
<p>${escapeHtml(k.lead(m.siteName))}</p>
<p><a href="${escapeHtml(m.url)}">${escapeHtml(k.action)}</a></p>
<p style="color:#555;font-size:.9em">${escapeHtml(until)} ${escapeHtml(k.after)}</p>
</body></html>`;
  return { subject: k.subject(m.siteName), text, html };
}
