import { type InboundItem, REVIEWABLE_STATES } from '../../../common/inbound.js';
import { autoRepliesOf } from '../../channels/auto-reply.repository.js';
import { parseStoredEmail, readMail } from '../../channels/email/inbound.js';
import { createCustomer, type MailItem, openTicketAs, postOn } from '../../channels/email/posting.js';
import { isOwnAddress } from '../../channels/email/trust.js';
import type { InboundOutcome } from '../../channels/inbound.js';
import {
  findInbound,
  type InboundListRow,
  type InboundRow,
  listInbound,
  settleReviewed,
} from '../../channels/inbound.repository.js';
import type { ActorCtx } from '../../context.js';
import { nowIso } from '../../context.js';
import { AppError, forbidden, PermanentJobError, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { decodeKeyCursor, toPage } from '../../lib/cursor.js';
import { authorize } from '../../policies/policy.js';
import { toActor } from '../auth/auth.service.js';
import { messageFromInbound } from '../ticket-data/messages.repository.js';
import { findVisibleTicket } from '../ticket-data/tickets.repository.js';
import { findUserByEmail, findUserById } from '../users/users.repository.js';

const REFUSED = defineMessages({
  noMessage: { id: 'error.inbound.no_message', defaultMessage: 'No inbound message with this id' },
  settled: { id: 'error.inbound.settled', defaultMessage: 'This message is {state} already' },
  settledWhy: {
    id: 'error.inbound.settled_why',
    defaultMessage: 'This message is {state} already ({detail})',
  },
  onlyEmail: { id: 'error.inbound.only_email', defaultMessage: 'Only email can be released here' },
  released: { id: 'error.inbound.released', defaultMessage: 'This message was released already' },
  noSender: {
    id: 'error.inbound.no_sender',
    defaultMessage: 'This mail has no sender to open a ticket for: attach it to a ticket instead',
  },
  ownAddress: {
    id: 'error.inbound.own_address',
    defaultMessage: 'This mail came from our own address: attach it to a ticket instead',
  },
  deactivated: { id: 'error.inbound.deactivated', defaultMessage: '{email} is deactivated' },
  noTicket: { id: 'error.inbound.no_ticket', defaultMessage: 'There is no ticket #{number}' },
  adminsOnly: { id: 'error.inbound.admins_only', defaultMessage: 'Only administrators review inbound mail' },
});

/** A 409 for a message already settled: its state, and why when that was recorded. */
const settledAlready = (row: { state: string; detail: string | null }) =>
  row.detail
    ? refusal('conflict', REFUSED.settledWhy, { state: row.state, detail: row.detail })
    : refusal('conflict', REFUSED.settled, { state: row.state });

// Admin › Inbound mail: every message that was ignored, quarantined or refused stays listed with its
// reason and raw bytes, and an admin opens a ticket from it, attaches it to one, or discards it.

const present = (r: InboundListRow, notices: Map<string, 'sent' | 'suppressed'>): InboundItem => ({
  id: r.id,
  channel: r.channel,
  state: r.state,
  detail: r.detail,
  sender: r.sender,
  subject: r.subject,
  size: r.size === null ? null : Number(r.size),
  receivedAt: r.received_at,
  processedAt: r.processed_at,
  ticketNumber: r.ticket_number === null ? null : Number(r.ticket_number),
  autoReply: notices.get(r.id) ?? null,
});

export async function listInboundMail(
  ctx: ActorCtx,
  q: {
    state?: InboundRow['state'];
    channel?: string;
    autoReply?: 'sent' | 'suppressed';
    limit: number;
    cursor?: string;
  },
) {
  authorize(ctx.actor, 'inbound.review');
  const rows = await listInbound(ctx.db, { ...q, before: decodeKeyCursor(q.cursor) });
  const notices = await autoRepliesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return toPage(
    rows,
    q.limit,
    (r) => present(r, notices),
    (r) => [r.received_at, r.id],
  );
}

async function getItem(ctx: ActorCtx, id: string): Promise<InboundItem> {
  const rows = await listInbound(ctx.db, { limit: 1, id });
  const row = rows[0];
  if (!row) throw refusal('not_found', REFUSED.noMessage);
  return present(row, await autoRepliesOf(ctx.db, [id]));
}

/** The message exactly as received: RFC 822 for email, the webhook's JSON for the others. */
export async function inboundRaw(ctx: ActorCtx, id: string) {
  authorize(ctx.actor, 'inbound.review');
  const row = await findInbound(ctx.db, id);
  if (!row) throw refusal('not_found', REFUSED.noMessage);
  if (row.channel === 'email') {
    const stored = JSON.parse(row.raw) as { eml: string };
    return {
      contentType: 'message/rfc822',
      filename: `inbound-${row.id}.eml`,
      data: Buffer.from(stored.eml, 'base64'),
    };
  }
  return { contentType: 'application/json', filename: `inbound-${row.id}.json`, data: Buffer.from(row.raw) };
}

/** An email an admin may still act on, parsed; 404 and 409 say why not. */
async function reviewable(ctx: ActorCtx, id: string): Promise<{ row: InboundRow; item: MailItem }> {
  authorize(ctx.actor, 'inbound.review');
  const row = await findInbound(ctx.db, id);
  if (!row) throw refusal('not_found', REFUSED.noMessage);
  if (!(REVIEWABLE_STATES as readonly string[]).includes(row.state)) throw settledAlready(row);
  if (row.channel !== 'email') throw refusal('conflict', REFUSED.onlyEmail);
  const { mail } = await parseStoredEmail(row);
  return { row, item: readMail(mail, row.id) };
}

/**
 * Runs one release, then settles the message; a second release of the same message (two admins at
 * once) fails on the message's unique link to its inbound row and answers 409.
 */
async function release(ctx: ActorCtx, id: string, act: () => Promise<InboundOutcome>): Promise<InboundItem> {
  let outcome: InboundOutcome;
  try {
    outcome = await act();
  } catch (err) {
    if (await messageFromInbound(ctx.db, id)) throw refusal('conflict', REFUSED.released);
    if (err instanceof PermanentJobError) throw new AppError('conflict', err.message);
    throw err;
  }
  await settleReviewed(ctx.db, id, REVIEWABLE_STATES, {
    ...outcome,
    detail: `${outcome.detail}, released by ${ctx.actor.email}`,
    at: nowIso(ctx),
  });
  return getItem(ctx, id);
}

/** Opens a ticket from the mail as its sender (a customer is created for an unknown sender). */
export async function processInboundMail(ctx: ActorCtx, id: string): Promise<InboundItem> {
  const { item } = await reviewable(ctx, id);
  if (!item.from) throw refusal('conflict', REFUSED.noSender);
  if (isOwnAddress(ctx.config, item.from)) throw refusal('conflict', REFUSED.ownAddress);
  const known = await findUserByEmail(ctx.db, item.from);
  if (known && known.active !== 1) throw refusal('conflict', REFUSED.deactivated, { email: item.from });
  if (await messageFromInbound(ctx.db, id)) throw refusal('conflict', REFUSED.released);
  return release(ctx, id, async () => openTicketAs(ctx, known ?? (await createCustomer(ctx, item)), item));
}

/**
 * Adds the mail to ticket #number. A customer who may see the ticket is its author, as if they had
 * replied; anyone else's mail (staff, strangers, no sender) becomes an internal note of the admin
 * that names the sender, so nothing unproven reaches a customer under someone's name.
 */
export async function attachInboundMail(ctx: ActorCtx, id: string, number: number): Promise<InboundItem> {
  const { item } = await reviewable(ctx, id);
  if (!(await findVisibleTicket(ctx.db, ctx.actor, number)))
    throw refusal('not_found', REFUSED.noTicket, { number: String(number) });
  if (await messageFromInbound(ctx.db, id)) throw refusal('conflict', REFUSED.released);
  const sender = item.from ? await findUserByEmail(ctx.db, item.from) : undefined;
  const asSender =
    sender?.active === 1 &&
    sender.role === 'customer' &&
    (await findVisibleTicket(ctx.db, await toActor(ctx, sender), number)) !== undefined;
  if (asSender)
    return release(ctx, id, async () => ({
      state: 'processed',
      detail: `attached to #${number} as a reply of ${item.from}`,
      ...(await postOn(ctx, sender, number, item)),
    }));
  const admin = await findUserById(ctx.db, ctx.actor.id);
  if (!admin) throw forbidden(REFUSED.adminsOnly);
  const subject = item.mail.subject?.trim() || '(no subject)';
  const note = `Mail from ${item.from || 'an unknown sender'}, "${subject}", attached from the inbound mail review:\n\n${item.body}`;
  return release(ctx, id, async () => ({
    state: 'processed',
    detail: `attached to #${number} as an internal note`,
    ...(await postOn(ctx, admin, number, { ...item, body: note }, true)),
  }));
}

/** Marks the message discarded; discarding it again changes nothing. */
export async function discardInboundMail(ctx: ActorCtx, id: string): Promise<InboundItem> {
  authorize(ctx.actor, 'inbound.review');
  const row = await findInbound(ctx.db, id);
  if (!row) throw refusal('not_found', REFUSED.noMessage);
  if (row.state === 'discarded') return getItem(ctx, id);
  if (!(REVIEWABLE_STATES as readonly string[]).includes(row.state)) throw settledAlready(row);
  await settleReviewed(ctx.db, id, REVIEWABLE_STATES, {
    state: 'discarded',
    detail: `discarded by ${ctx.actor.email}; was ${row.state}: ${row.detail ?? ''}`.slice(0, 2000),
    at: nowIso(ctx),
  });
  return getItem(ctx, id);
}
