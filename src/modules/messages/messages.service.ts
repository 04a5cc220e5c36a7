import type { z } from 'zod';
import type { Channel, createMessageBody, Message, pageQuery } from '../../../common/api.js';
import { type Actor, type ActorCtx, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid, notFound, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { newId } from '../../lib/crypto.js';
import { decodeKeyCursor, toPage } from '../../lib/cursor.js';
import type { MessageFormat } from '../../lib/format.js';
import { renderHtml } from '../../lib/format.js';
import { authorize, can } from '../../policies/policy.js';
import { decideReply, type ReplyDecision } from '../../workflow/engine.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import {
  type Attachment,
  attachmentsByMessage,
  linkAttachments,
} from '../attachments/attachments.service.js';
import { deleteDrafts } from '../drafts/drafts.repository.js';
import { noticeMentions } from '../inbox/mentions.js';
import { announceTicketChange } from '../live/live.js';
import { findCcTicket } from '../participants/participants.repository.js';
import { indexMessage } from '../search/search.repository.js';
import { replyGate } from '../subscriptions/entitlements.js';
import { insertEvents } from '../ticket-data/events.repository.js';
import {
  findMessageWithAuthor,
  insertMessage,
  listMessageRows,
  type MessageRow,
} from '../ticket-data/messages.repository.js';
import { type Change, commitChange, eventRow, moveChange } from '../ticket-data/status.js';
import { findVisibleTicket, type TicketView } from '../ticket-data/tickets.repository.js';
import { queueTriggers } from '../ticket-data/trigger-queue.js';
import { liveTicketOf } from '../tickets/merge.service.js';
import { requireVisibleTicket } from '../tickets/tickets.service.js';
import { queueWebhookEvent } from '../webhook-events/queue.js';
import { refusedByWorkflow } from '../workflow/refusals.js';
import { loadWorkflow } from '../workflow/workflow.service.js';
import { publicMessagesAfter } from './messages.repository.js';

const SAID = defineMessages({
  notOfTicket: { id: 'error.messages.not_of_ticket', defaultMessage: 'is not a message of this ticket' },
  newer: {
    id: 'error.messages.arrived_meanwhile',
    defaultMessage:
      '{count, plural, one {A new message} other {# new messages}} arrived since you started writing',
  },
  noSuchMessage: { id: 'error.messages.not_found', defaultMessage: 'No such message' },
});

type MessageView = MessageRow & {
  author_name: string | null;
  author_role: 'customer' | 'agent' | 'admin' | null;
};

/** A reply or note as a caller writes it; `format` is plain text unless said. */
export type NewMessage = Omit<z.infer<typeof createMessageBody>, 'format'> & { format?: MessageFormat };

function presentMessage(m: MessageView, attachments: Attachment[] = []): Message {
  const format = m.format ?? 'text';
  return {
    id: m.id,
    body: m.body,
    format,
    html: renderHtml(m.body, format, { images: attachments.map((a) => a.id) }),
    internal: m.internal === 1,
    channel: m.channel,
    author:
      m.author_id && m.author_role
        ? { id: m.author_id, name: m.author_name ?? '', role: m.author_role }
        : null,
    createdAt: m.created_at,
    attachments,
  };
}

export async function listMessages(ctx: ActorCtx, number: number, q: z.infer<typeof pageQuery>) {
  const ticket = await requireVisibleTicket(ctx, ctx.db, number);
  const rows = await listMessageRows(ctx.db, ticket.id, {
    includeInternal: can(ctx.actor, 'ticket.readInternal'),
    after: decodeKeyCursor(q.cursor),
    limit: q.limit,
  });
  const files = await attachmentsByMessage(
    ctx.db,
    rows.map((r) => r.id),
  );
  return toPage(
    rows,
    q.limit,
    (r) => presentMessage(r, files.get(r.id)),
    (r) => [r.created_at, r.id],
  );
}

/**
 * The ticket a reply to `number` lands on. A reply to a merged ticket, by any channel, goes where
 * its conversation went, so someone sees it; the caller must be able to see that ticket too.
 */
async function replyTarget(ctx: ActorCtx, trx: Executor, number: number, source: MessageSource) {
  const addressed = await replyableTicket(ctx, trx, number, source);
  const live = addressed.merged_into_id ? await liveTicketOf(trx, addressed) : addressed;
  const ticket = live === addressed ? addressed : await replyableTicket(ctx, trx, live.number, source);
  return { addressed, ticket };
}

/** A ticket the caller sees; for a reply by mail (`asCc`) also one whose CC list has them. */
async function replyableTicket(ctx: ActorCtx, trx: Executor, number: number, source: MessageSource) {
  if (source.asCc && ctx.actor.role === 'customer') {
    const ticket =
      (await findVisibleTicket(trx, ctx.actor, number, true)) ??
      (await findCcTicket(trx, ctx.actor.id, number, true));
    if (ticket) return ticket;
  }
  return requireVisibleTicket(ctx, trx, number, true);
}

/**
 * Where a message comes from besides its channel: the inbound message it was made of; `asCc`
 * lets a CC of the ticket answer by mail; `within` runs in the message's transaction once it is
 * written (a mail's CC list is kept with its message).
 */
export type MessageSource = {
  inboundId?: string;
  asCc?: boolean;
  within?: (trx: Executor, posted: { ticket: TicketView; messageId: string }) => Promise<void>;
};

/** The live ticket's timeline says a reply or note sent to a merged ticket was moved to it. */
function replyMovedEvent(
  actor: Actor,
  now: string,
  addressed: TicketView,
  ticket: TicketView,
  internal: boolean,
) {
  return eventRow(ticket.id, { kind: 'user', actor }, now, {
    type: 'reply_moved',
    field: 'ticket',
    from: String(addressed.number),
    to: String(ticket.number),
    public: !internal,
    reason: {
      code: 'redirected',
      values: { kind: internal ? 'note' : 'reply', from: addressed.number, into: ticket.number },
    },
  });
}

/** A public reply's change: the workflow's move (if any), activity times, the first response for staff. */
function replyChange(
  wf: WorkflowDocument,
  ticket: TicketView,
  decision: Extract<ReplyDecision, { allowed: true }>,
  row: MessageRow,
  staff: boolean,
): Change {
  const now = row.created_at;
  // The rule's move is the workflow's doing, on the replier's behalf: recorded as automation.
  const change: Change = decision.to
    ? moveChange(wf, ticket, decision.to, { kind: 'automation' }, now, {
        reason: decision.reason,
        notices: decision.notices,
      })
    : { patch: {}, events: [], notices: decision.notices, noticeKey: '' };
  change.noticeKey = `message:${row.id}`;
  change.actorId = row.author_id;
  change.messageId = row.id;
  Object.assign(change.patch, { updated_at: now, last_activity_at: now });
  if (staff && !ticket.first_response_at) change.patch.first_response_at = now;
  return change;
}

/**
 * A public reply written without having seen the newest public messages (`seenUpTo` is older) is
 * refused with their ids, so the writer reads them first; `confirm` sends it anyway. No lock: two
 * people may still answer, but neither without knowing.
 */
async function checkSeenUpTo(
  ctx: ActorCtx,
  trx: Executor,
  on: { addressed: TicketView; ticket: TicketView },
  input: NewMessage,
) {
  if (input.internal || input.seenUpTo === undefined || input.confirm) return;
  const seen = await findMessageWithAuthor(trx, input.seenUpTo);
  const onTicket = seen && (seen.ticket_id === on.ticket.id || seen.ticket_id === on.addressed.id);
  if (!seen || !onTicket || (seen.internal === 1 && !can(ctx.actor, 'ticket.readInternal')))
    throw invalid('seenUpTo', SAID.notOfTicket);
  const newer = await publicMessagesAfter(trx, on.ticket.id, seen, ctx.actor.id);
  if (newer.length === 0) return;
  throw refusal(
    'conflict',
    SAID.newer,
    { count: String(newer.length) },
    {
      extra: { messages: newer.map((m) => m.id) },
    },
  );
}

/**
 * A reply or an internal note from any channel. The workflow decides whether it is allowed and
 * where it moves the ticket; the message, the move and its event commit together.
 */
export async function addMessage(
  ctx: ActorCtx,
  number: number,
  input: NewMessage,
  channel: Channel,
  source: MessageSource = {},
): Promise<Message> {
  const result = await ctx.db
    .transaction()
    .execute((trx) => addMessageIn(ctx, trx, number, input, channel, source));
  await announceTicketChange(ctx, {
    ticketId: result.ticket.id,
    number: result.ticket.number,
    staffOnly: input.internal,
  });
  return result.message;
}

/** A reply or note in the caller's transaction (one request's, or one ticket of a bulk change). */
export async function addMessageIn(
  ctx: ActorCtx,
  trx: Executor,
  number: number,
  input: NewMessage,
  channel: Channel,
  source: MessageSource = {},
) {
  const actor = ctx.actor;
  authorize(actor, 'ticket.reply');
  if (input.internal) authorize(actor, 'ticket.addInternalNote');
  const staff = can(actor, 'ticket.readInternal');
  const { addressed, ticket } = await replyTarget(ctx, trx, number, source);
  await checkSeenUpTo(ctx, trx, { addressed, ticket }, input);
  const wf = await loadWorkflow(ctx, trx);
  const decision = decideReply(wf, ticket, staff ? 'staff' : 'customer', input.internal);
  if (!decision.allowed) throw refusedByWorkflow('reply_not_allowed', decision.refusal);
  const blocked = (await replyGate(ctx, trx, actor))(ticket.service_id);
  if (blocked) throw refusal('reply_not_allowed', blocked.message, blocked.values);

  const now = nowIso(ctx);
  const row: MessageRow = {
    id: newId(),
    ticket_id: ticket.id,
    author_id: actor.id,
    body: input.body,
    format: input.format ?? 'text',
    internal: input.internal ? 1 : 0,
    channel,
    created_at: now,
    inbound_id: source.inboundId ?? null,
  };
  await insertMessage(trx, row);
  // What was being written is sent (by any way: the reply box, a macro, a bulk reply): its draft
  // goes with the same commit.
  if (staff) {
    const kind = input.internal ? 'note' : 'reply';
    await deleteDrafts(trx, { userId: actor.id, ticketIds: [addressed.id, ticket.id], kind });
  }
  if (ticket !== addressed) {
    await insertEvents(trx, [replyMovedEvent(actor, now, addressed, ticket, Boolean(input.internal))]);
  }
  await linkAttachments(trx, ctx, input.attachmentIds, { ticketId: ticket.id, messageId: row.id });
  await indexMessage(trx, ctx.dialect, ticket, Boolean(input.internal), input.body);

  if (!input.internal)
    await commitChange(ctx, trx, wf, ticket, replyChange(wf, ticket, decision, row, staff));
  else {
    await noticeMentions(ctx, trx, ticket, row);
    await queueTriggers(ctx, trx, ticket.id, { events: ['note.added'], messageId: row.id });
    await queueWebhookEvent(ctx, trx, {
      type: 'message.created',
      ticketId: ticket.id,
      actorId: actor.id,
      messageId: row.id,
      internal: true,
    });
  }
  await source.within?.(trx, { ticket, messageId: row.id });
  const files = await attachmentsByMessage(trx, [row.id]);
  const message = presentMessage(
    { ...row, author_name: actor.name, author_role: actor.role },
    files.get(row.id),
  );
  return { message, ticket, addressed };
}

/** A message the caller wrote, as its posting answered it: what a retry of that request gets again. */
export async function getOwnMessage(ctx: ActorCtx, id: string): Promise<Message> {
  const m = await findMessageWithAuthor(ctx.db, id);
  if (!m || m.author_id !== ctx.actor.id) throw notFound(SAID.noSuchMessage);
  const files = await attachmentsByMessage(ctx.db, [id]);
  return presentMessage({ ...m, author_role: ctx.actor.role }, files.get(id));
}
