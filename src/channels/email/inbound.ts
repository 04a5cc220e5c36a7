import type { AddressObject, ParsedMail } from 'mailparser';
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { enqueue } from '../../jobs/outbox.js';
import { type JobHandler, PermanentJobError } from '../../jobs/worker.js';
import { newId, sha256 } from '../../lib/crypto.js';
import { storeAttachment } from '../../modules/attachments/attachments.service.js';
import { toActor } from '../../modules/auth/auth.service.js';
import { intakeDepartment } from '../../modules/departments/departments.repository.js';
import { addMessage } from '../../modules/messages/messages.service.js';
import { findOutbound } from '../../modules/notifications/delivery.repository.js';
import { findVisibleTicket, ticketIdOf, ticketNumberOf } from '../../modules/tickets/tickets.repository.js';
import { createTicket } from '../../modules/tickets/tickets.service.js';
import {
  findUserByEmail,
  findUserById,
  insertUser,
  type UserRow,
} from '../../modules/users/users.repository.js';
import { type InboundOutcome, processInbound, storeAndQueue } from '../inbound.js';
import { htmlToText, newReplyText } from './body.js';
import { parseMail } from './parse.js';
import { tokenFromAddress, verifyReplyToken } from './reply-token.js';

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
  if (raw.length > ctx.config.mail.maxBytes)
    throw new AppError('payload_too_large', 'The message is too large');
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
      },
      now,
    ),
  );
  return { id, duplicate: id === null };
}

const header = (mail: ParsedMail, name: string) => {
  const v = mail.headers.get(name);
  return typeof v === 'string' ? v.toLowerCase() : v === undefined ? '' : JSON.stringify(v).toLowerCase();
};

/** Auto-replies, bounces and list mail: never a ticket, never an answer (no mail loops). */
function automatedReason(mail: ParsedMail, from: string): string | null {
  const auto = header(mail, 'auto-submitted');
  if (auto && auto !== 'no') return `auto-submitted: ${auto}`;
  if (/^(bulk|junk|list|auto_reply)$/.test(header(mail, 'precedence')))
    return `precedence: ${header(mail, 'precedence')}`;
  // mailparser folds List-* into one structured header; the raw header lines tell them apart.
  const names = new Set(mail.headerLines.map((h) => h.key.toLowerCase()));
  if (names.has('list-id') || names.has('list-unsubscribe') || names.has('list-post')) return 'mailing list';
  if (names.has('x-autoreply') || names.has('x-autorespond') || names.has('x-autoresponder'))
    return 'auto-reply';
  if (names.has('x-tessera-ticket')) return 'our own notification came back';
  if (/^(mailer-daemon|postmaster)@/.test(from) || /^(no-?reply|bounce)/.test(from))
    return `automated sender ${from}`;
  if (header(mail, 'content-type').includes('multipart/report')) return 'delivery report';
  return null;
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

/** The pipeline: loop guard, reply by token, reply by threading headers, else a new ticket. */
export const processInboundEmail: JobHandler = (ctx, job) =>
  processInbound(ctx, String(job.data.inboundId), 'email', async (row) => {
    const stored = JSON.parse(row.raw) as Stored;
    // Only a real text part counts as text; HTML-only mail goes through our own sanitising converter.
    const mail = await parseMail(Buffer.from(stored.eml, 'base64'), { skipHtmlToText: true });
    return route(ctx, mail, stored.rcptTo, row.id);
  });

async function route(ctx: Ctx, mail: ParsedMail, rcptTo: string[], inboundId: string): Promise<Outcome> {
  const from = addresses(mail.from)[0]?.toLowerCase();
  if (!from) return { state: 'ignored', detail: 'no sender address' };
  const automated = automatedReason(mail, from);
  if (automated) return { state: 'ignored', detail: automated };

  const text = noNul(mail.text?.trim() ? mail.text : mail.html ? htmlToText(mail.html) : '');
  const body = newReplyText(text) || '(no text)';
  const subject =
    noNul(mail.subject ?? '')
      .replace(/^\s*((re|fw|fwd|aw|wg|sv)\s*:\s*)+/i, '')
      .replace(/\[#\d+\]\s*/, '')
      .trim() || '(no subject)';
  const reply = { from, mail, body, inboundId };

  const tokens = replyTokens(ctx, mail, rcptTo);
  if (tokens.length > 0) {
    for (const token of tokens) {
      const claim = verifyReplyToken(ctx.config.secret, token);
      if (!claim) continue;
      const user = await findUserById(ctx.db, claim.userId);
      if (user?.active === 1 && user.email === from) return replyAs(ctx, user, claim.ticketNumber, reply);
      if (ctx.config.mail.mismatchedReplies === 'quarantine') {
        return {
          state: 'quarantined',
          detail: `reply token for ticket #${claim.ticketNumber} was sent by ${from}, not its recipient`,
        };
      }
      return newTicketFrom(ctx, reply, subject);
    }
    return { state: 'quarantined', detail: 'forged or altered reply token' };
  }

  // Threading fallback: a reply to one of our mails, by a sender who may see that ticket.
  const refs = ticketRefs(mail);
  const sender = await findUserByEmail(ctx.db, from);
  if (sender?.active === 1 && refs.length > 0) {
    const sent = await findOutbound(ctx.db, 'email', refs);
    const fromThread = refs.map((r) => /^<ticket-(\d+)@/.exec(r)?.[1]).find(Boolean);
    const number = sent
      ? await ticketNumberOf(ctx.db, sent.ticket_id)
      : fromThread
        ? Number(fromThread)
        : null;
    if (number) {
      const actor = await toActor(ctx, sender);
      if (await findVisibleTicket(ctx.db, actor, number)) return replyAs(ctx, sender, number, reply);
    }
  }
  return newTicketFrom(ctx, reply, subject);
}

/** PostgreSQL text cannot hold NUL; mail may carry one anywhere. */
const noNul = (s: string) => s.split('\u0000').join('');

type Reply = { from: string; mail: ParsedMail; body: string; inboundId: string };

async function replyAs(ctx: Ctx, user: UserRow, number: number, r: Reply): Promise<Outcome> {
  const actor = await toActor(ctx, user);
  try {
    const files = await keepAttachments(ctx, user, r);
    const message = await addMessage(
      { ...ctx, actor },
      number,
      { body: files.body, internal: false, attachmentIds: files.ids },
      'email',
      { inboundId: r.inboundId },
    );
    const ticket = await findVisibleTicket(ctx.db, actor, number);
    return { state: 'processed', detail: `reply on #${number}`, ticketId: ticket?.id, messageId: message.id };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === 'not_found')
      return { state: 'quarantined', detail: `${r.from} may not reply on #${number}` };
    await explain(ctx, r, `Your reply to ticket #${number} was not added`, err.message);
    return { state: 'refused', detail: err.message };
  }
}

async function newTicketFrom(ctx: Ctx, r: Reply, subject: string): Promise<Outcome> {
  let user: UserRow | undefined = await findUserByEmail(ctx.db, r.from);
  if (!user) {
    if (ctx.config.mail.unknownSenders === 'reject') {
      await explain(
        ctx,
        r,
        'We could not open a ticket',
        'We only accept support requests from registered customers. Please sign in to the support portal, or ask us to create an account for you.',
      );
      return { state: 'refused', detail: `unknown sender ${r.from}` };
    }
    user = await createCustomer(ctx, r);
  }
  if (user.active !== 1) return { state: 'refused', detail: `${r.from} is deactivated` };
  const department = await intakeDepartment(ctx.db, ctx.config.defaultDepartment);
  if (!department) throw new PermanentJobError('there is no department to file email tickets in');
  const actor = await toActor(ctx, user);
  try {
    const files = await keepAttachments(ctx, user, r);
    const ticket = await createTicket(
      { ...ctx, actor },
      {
        subject: subject.slice(0, 200),
        description: files.body.slice(0, 100_000),
        attachmentIds: files.ids,
        departmentId: department.id,
        priority: 'normal',
      },
      'email',
      { inboundId: r.inboundId },
    );
    return {
      state: 'processed',
      detail: `new ticket #${ticket.number}`,
      ticketId: await ticketIdOf(ctx.db, ticket.number),
    };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    await explain(ctx, r, 'We could not open a ticket', err.message);
    return { state: 'refused', detail: err.message };
  }
}

async function createCustomer(ctx: Ctx, r: Reply): Promise<UserRow> {
  const now = ctx.clock().toISOString();
  const name = (Array.isArray(r.mail.from) ? undefined : r.mail.from?.value[0]?.name)
    ?.replace(/[\r\n\t]/g, ' ')
    .split('\u0000')
    .join('')
    .trim();
  const row: UserRow = {
    id: newId(),
    email: r.from,
    name: name || r.from.split('@')[0] || r.from,
    role: 'customer',
    password_hash: null,
    organisation_id: null,
    phone: null,
    active: 1,
    created_at: now,
    updated_at: now,
  };
  await insertUser(ctx.db, row);
  return row;
}

/** An explanatory answer to a refused message, marked auto-replied so the sender's robots stay quiet. */
async function explain(ctx: Ctx, r: Reply, subject: string, text: string) {
  const now = ctx.clock().toISOString();
  await enqueue(
    ctx.db,
    {
      topic: 'deliver.email-notice',
      payload: { to: r.from, subject, text, inReplyTo: r.mail.messageId ?? null },
      dedupeKey: `email-notice:${r.mail.messageId ?? sha256(r.body)}`,
      runAt: now,
    },
    now,
  );
}

/**
 * The mail's files, stored under the attachment rules as the sender's uploads (so only a message
 * of theirs can claim them). A refused file is named in the message instead of being dropped silently.
 */
async function keepAttachments(ctx: Ctx, user: UserRow, r: Reply): Promise<{ ids: string[]; body: string }> {
  const ids: string[] = [];
  const refused: string[] = [];
  for (const a of r.mail.attachments.slice(0, 20)) {
    if (a.related) continue; // inline images of an HTML body
    const filename = a.filename ?? 'attachment';
    try {
      ids.push((await storeAttachment(ctx, { uploaderId: user.id, filename, data: a.content })).id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refused.push(`${filename}: ${err.message}`);
    }
  }
  const note = refused.length ? `\n\n[Attachments not accepted: ${refused.join('; ')}]` : '';
  return { ids, body: `${r.body}${note}` };
}
