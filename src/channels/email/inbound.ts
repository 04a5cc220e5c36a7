import type { AddressObject, ParsedMail } from 'mailparser';
import type { Ctx } from '../../context.js';
import { refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import type { JobHandler } from '../../jobs/worker.js';
import { sha256 } from '../../lib/crypto.js';
import { ticketNumberOf } from '../../modules/ticket-data/tickets.repository.js';
import { findCurrentUser, findUserByEmail } from '../../modules/users/users.repository.js';
import { type InboundOutcome, processInbound, storeAndQueue } from '../inbound.js';
import type { InboundRow } from '../inbound.repository.js';
import { findOutbound } from '../outbound.repository.js';
import { htmlToText, newReplyText } from './body.js';
import { mailDomain } from './outbound.js';
import { parseMail } from './parse.js';
import { type MailItem, newTicketFrom, replyAs } from './posting.js';
import { tokenFromAddress, verifyReplyToken } from './reply-token.js';
import { screenMail } from './trust.js';

const SAID = defineMessages({
  tooLarge: { id: 'error.email.too_large', defaultMessage: 'The message is too large' },
});

type Stored = { rcptTo: string[]; eml: string };

/**
 * Takes in one raw message from any way in (SMTP, HTTP, IMAP): stores it durably with its job in one
 * transaction and returns. Processing happens in the worker, so nothing acknowledged is lost and
 * a redelivery (same Message-ID) is a no-op.
 */
export async function receiveEmail(
  ctx: Ctx,
  raw: Buffer,
  rcptTo: string[] = [],
): Promise<{ id: string | null; duplicate: boolean }> {
  if (raw.length > ctx.config.mail.maxBytes) throw refusal('payload_too_large', SAID.tooLarge);
  const head = await parseMail(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const externalId = head.messageId?.trim() || `sha256:${sha256(raw.toString('latin1'))}`;
  const now = ctx.clock().toISOString();
  const id = await ctx.db.transaction().execute((trx) =>
    storeAndQueue(
      trx,
      {
        channel: 'email',
        externalId,
        raw: JSON.stringify({ rcptTo, eml: raw.toString('base64') } satisfies Stored),
        topic: 'inbound.email',
        sender: addresses(head.from)[0]?.toLowerCase().slice(0, 320) ?? null,
        subject: noNul(head.subject ?? '').slice(0, 500) || null,
        size: raw.length,
      },
      now,
    ),
  );
  return { id, duplicate: id === null };
}

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : [])
    .flatMap((a) => a.value.map((v) => v.address ?? ''))
    .filter(Boolean);

/** Reply tokens in any recipient header or the envelope. */
function replyTokens(ctx: Ctx, mail: ParsedMail, rcptTo: string[]): string[] {
  const inbound = ctx.config.mail.inboundAddress;
  if (!inbound) return [];
  const extra = ['delivered-to', 'x-original-to', 'envelope-to'].flatMap((h) => {
    const v = mail.headers.get(h);
    return typeof v === 'string' ? [v] : [];
  });
  const all = [...addresses(mail.to), ...addresses(mail.cc), ...extra, ...rcptTo];
  return [...new Set(all.map((a) => tokenFromAddress(inbound, a)).filter((t): t is string => Boolean(t)))];
}

const ticketRefs = (mail: ParsedMail) => {
  const refs = Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [];
  return [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...refs].map((r) => r.trim());
};

type Outcome = InboundOutcome;

/** The stored mail of an inbound row, parsed. */
export async function parseStoredEmail(row: InboundRow): Promise<{ mail: ParsedMail; rcptTo: string[] }> {
  const stored = JSON.parse(row.raw) as Stored;
  // Only a real text part counts as text; HTML-only mail goes through our own sanitising converter.
  const mail = await parseMail(Buffer.from(stored.eml, 'base64'), { skipHtmlToText: true });
  return { mail, rcptTo: stored.rcptTo };
}

/** The pipeline: screening, reply by token, reply by threading headers, else a new ticket. */
export const processInboundEmail: JobHandler<'inbound.email'> = (ctx, job) =>
  processInbound(ctx, job.data.inboundId, 'email', async (row) => {
    const { mail, rcptTo } = await parseStoredEmail(row);
    return route(ctx, mail, rcptTo, row.id);
  });

/** Who sent it ('' when nobody usable), what it says, and its subject without reply prefixes. */
export function readMail(mail: ParsedMail, inboundId: string): MailItem {
  const from = addresses(mail.from)[0]?.toLowerCase() ?? '';
  const text = noNul(mail.text?.trim() ? mail.text : mail.html ? htmlToText(mail.html) : '');
  const body = newReplyText(text) || '(no text)';
  const subject =
    noNul(mail.subject ?? '')
      .replace(/^\s*((re|fw|fwd|aw|wg|sv)\s*:\s*)+/i, '')
      .replace(/\[#\d+\]\s*/, '')
      .trim() || '(no subject)';
  return { from, mail, body, subject, inboundId };
}

async function route(ctx: Ctx, mail: ParsedMail, rcptTo: string[], inboundId: string): Promise<Outcome> {
  const reply = readMail(mail, inboundId);
  const { from } = reply;
  if (!from) return { state: 'ignored', detail: 'no sender address' };
  const screened = screenMail(ctx.config, mail, from);
  if (screened) return screened;

  // A reply token is signed for one recipient of one ticket: only that recipient posts with it.
  const tokens = replyTokens(ctx, mail, rcptTo);
  const claims = tokens.flatMap((t) => verifyReplyToken(ctx.config.secret, t) ?? []);
  if (tokens.length > 0 && claims.length === 0)
    return { state: 'quarantined', detail: 'forged or altered reply token' };
  for (const claim of claims) {
    // A token issued to a record since merged posts as the person it was merged into, from any of their addresses.
    const user = await findCurrentUser(ctx.db, claim.userId);
    const owner = user?.active === 1 && (await findUserByEmail(ctx.db, from));
    if (user && owner && owner.id === user.id) return replyAs(ctx, user, claim.ticketNumber, reply);
  }
  if (claims[0] && ctx.config.mail.mismatchedReplies === 'quarantine')
    return {
      state: 'quarantined',
      detail: `reply token for ticket #${claims[0].ticketNumber} was sent by ${from}, not its recipient`,
    };

  // Staff post by mail only through their own reply token: a From: line is no proof of who wrote it.
  const sender = await findUserByEmail(ctx.db, from);
  if (sender && sender.role !== 'customer')
    return {
      state: 'quarantined',
      detail: `mail from the staff address ${from} without a reply token of theirs`,
    };

  if (claims.length === 0) {
    const threaded = await byThreadingHeaders(ctx, reply, sender);
    if (threaded) return threaded;
  }
  return newTicketFrom(ctx, reply);
}

/**
 * The fallback for replies sent to the plain support address: a reply to a Message-ID we sent to
 * this very sender. Quoting our mail to someone else, or a ticket's thread id alone (which anyone
 * can guess), is held for review instead of threading or opening a ticket.
 */
async function byThreadingHeaders(
  ctx: Ctx,
  reply: MailItem,
  sender: Awaited<ReturnType<typeof findUserByEmail>>,
): Promise<Outcome | null> {
  const refs = ticketRefs(reply.mail);
  if (refs.length === 0) return null;
  if (sender?.active === 1) {
    const sent = await findOutbound(ctx.db, 'email', refs, sender.id);
    const number = sent ? await ticketNumberOf(ctx.db, sent.ticket_id) : null;
    if (number) return replyAs(ctx, sender, number, reply);
  }
  const ours = `@${mailDomain(ctx.config).toLowerCase()}>`;
  const thread = refs.find((r) => /^<ticket-\d+@/i.test(r) && r.toLowerCase().endsWith(ours));
  if (thread || (await findOutbound(ctx.db, 'email', refs)))
    return {
      state: 'quarantined',
      detail: `${reply.from} replied to ${thread ?? 'a mail of ours'} that was not sent to them`,
    };
  return null;
}

/** PostgreSQL text cannot hold NUL; mail may carry one anywhere. */
const noNul = (s: string) => s.split('\u0000').join('');
