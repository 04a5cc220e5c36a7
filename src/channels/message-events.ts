import type { Ctx } from '../context.js';
import { nowIso } from '../context.js';
import { newId } from '../lib/crypto.js';
import { announceTicketChange } from '../modules/live/live.js';
import { insertEvents } from '../modules/ticket-data/events.repository.js';
import type { InboundOutcome } from './inbound.js';
import { claimInbound, messageOfInbound } from './message-events.repository.js';

// A customer's edit or deletion of a chat message they sent us (WhatsApp, Telegram), recorded as
// an event on the ticket's timeline. The message itself is left as it was received: it is what
// staff read and answered, and what the notifications quoted, so rewriting it would make their
// answers refer to words that are gone. The timeline shows the new text (or that the sender
// deleted it) next to the original, and a deletion never hides what staff already saw.

export type MessageChange = { kind: 'edited'; text: string } | { kind: 'deleted' };

/**
 * Records `change` (inbound message `inboundId`) of the message made from the inbound message
 * `originalInboundId` as a
 * `message_edited` (from: the text as received, to: the new text) or `message_deleted` event by
 * the message's author. Nothing is ever answered to the sender; an original that never became a
 * ticket message (refused, ignored) is noted on the inbound row only.
 */
export async function recordMessageChange(
  ctx: Ctx,
  inboundId: string,
  originalInboundId: string | undefined,
  change: MessageChange,
): Promise<InboundOutcome> {
  const message = originalInboundId ? await messageOfInbound(ctx.db, originalInboundId) : undefined;
  if (!message) return { state: 'ignored', detail: `${change.kind} a message that is on no ticket` };
  const now = nowIso(ctx);
  const outcome = {
    state: 'processed',
    detail: `${change.kind === 'edited' ? 'edit' : 'deletion'} of a message on #${message.number}`,
    ticketId: message.ticket_id,
  } as const;
  // The event and the settled change commit together: a run retried after a crash between the
  // two would otherwise show the edit twice.
  const recorded = await ctx.db.transaction().execute(async (trx) => {
    if (!(await claimInbound(trx, inboundId, { ...outcome, at: now }))) return false;
    await insertEvents(trx, [
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
    return true;
  });
  if (recorded)
    await announceTicketChange(ctx, {
      ticketId: message.ticket_id,
      number: message.number,
      staffOnly: message.internal === 1,
    });
  return outcome;
}
