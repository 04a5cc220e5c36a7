import type { z } from 'zod';
import type { Presence, presenceBody } from '../../../common/drafts.js';
import type { ActorCtx } from '../../context.js';
import { authorize } from '../../policies/policy.js';
import { announcePresence } from '../live/live.js';
import { viewersOf } from '../live/presence.js';
import { requireVisibleTicket } from '../tickets/tickets.service.js';

/**
 * A staff member's page on a ticket says it is open (and whether they write a reply or a note), or
 * that it closed; the answer is who else is on the ticket now. Streams hear of changes.
 */
export async function heartbeat(
  ctx: ActorCtx,
  number: number,
  input: z.infer<typeof presenceBody>,
): Promise<Presence> {
  authorize(ctx.actor, 'ticket.presence');
  const ticket = await requireVisibleTicket(ctx, ctx.db, number);
  await announcePresence(ctx, {
    type: 'presence',
    ticketId: ticket.id,
    number: ticket.number,
    userId: ctx.actor.id,
    name: ctx.actor.name,
    clientId: input.clientId,
    state: input.state,
    drafting: input.state === 'left' ? null : input.drafting,
  });
  return { number: ticket.number, viewers: viewersOf(ticket.id, ctx.actor.id) };
}
