import type { Ctx } from '../context.js';
import { nowIso } from '../context.js';
import { newId } from '../lib/crypto.js';
import { announceTicketChange } from '../modules/live/live.js';
import { insertEvents } from '../modules/tickets/events.repository.js';
import type { InboundOutcome } from './inbound.js';

// A customer's edit or deletion of a chat message they sent us (WhatsApp, Telegram), recorded as
// an event on the ticket's timeline. The message itself is left as it was received: it is what
// staff read and answered, and what the notifications quoted, so rewriting it would make their
// answers refer to words that are gone. The timeline shows the new text (or that the sender
// deleted it) next to the original, and a deletion never hides what staff already saw.

export type MessageChange = { kind: 'edited'; text: string } | { kind: 'deleted' };

/** The ticket message made from inbound message `inboundId` (a reply, or a new ticket's first), if there is one. */
function messageOf(ctx: Ctx, inboundId: string) {
  return ctx.db
    .selectFrom('messages')
    .innerJoin('tickets', 'tickets.id', 'messages.ticket_id')
    .select([
      'messages.id',
      'messages.body',
      'messages.internal',
      'messages.author_id',
      'messages.ticket_id',
      'tickets.number',
    ])
    .where('messages.inbound_id', '=', inboundId)
    .executeTakeFirst();
}

/**
 * Records `change` of the message made from the inbound message `originalInboundId` as a
 * `message_edited` (from: the text as received, to: the new text) or `message_deleted` event by
 * the message's author. Nothing is ever answered to the sender; an original that never became a
 * ticket message (refused, ignored) is noted on the inbound row only.
 */
export async function recordMessageChange(
  ctx: Ctx,
  originalInboundId: string | undefined,
  change: MessageChange,
): Promise<InboundOutcome> {
  const message = originalInboundId ? await messageOf(ctx, originalInboundId) : undefined;
  if (!message) return { state: 'ignored', detail: `${change.kind} a message that is on no ticket` };
  const now = nowIso(ctx);
  await insertEvents(ctx.db, [
    {
      id: newId(),
      ticket_id: message.ticket_id,
      actor_id: message.author_id,
      actor_kind: 'user',
      type: change.kind === 'edited' ? 'message_edited' : 'message_deleted',
      field: 'message',
      from_value: message.body,
      to_value: change.kind === 'edited' ? change.text : null,
      public: message.internal ? 0 : 1,
      reason: null,
      created_at: now,
    },
  ]);
  await announceTicketChange(ctx, {
    ticketId: message.ticket_id,
    number: message.number,
    staffOnly: message.internal === 1,
  });
  return {
    state: 'processed',
    detail: `${change.kind === 'edited' ? 'edit' : 'deletion'} of a message on #${message.number}`,
    ticketId: message.ticket_id,
  };
}
