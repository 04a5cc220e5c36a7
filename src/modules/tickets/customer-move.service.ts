import type { Ticket } from '../../../common/api.js';
import { type ActorCtx, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { newId } from '../../lib/crypto.js';
import { authorize } from '../../policies/policy.js';
import { type CustomerMove, decideCustomerMove } from '../../workflow/engine.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import { readerWorkflow } from '../languages/variants.js';
import { announceTicketChange } from '../live/live.js';
import { indexMessage } from '../search/search.repository.js';
import { replyGate } from '../subscriptions/entitlements.js';
import { insertMessage } from '../ticket-data/messages.repository.js';
import { commitChange, moveChange } from '../ticket-data/status.js';
import { findTicketById, type TicketView } from '../ticket-data/tickets.repository.js';
import { refusedByWorkflow } from '../workflow/refusals.js';
import { loadWorkflow } from '../workflow/workflow.service.js';
import { presentTicket } from './tickets.present.js';
import { requireVisibleTicket } from './tickets.service.js';

const SAID = defineMessages({
  changed: {
    id: 'error.tickets.changed_meanwhile',
    defaultMessage: '#{number} changed meanwhile; look again and retry',
  },
  merged: { id: 'error.tickets.merged_into', defaultMessage: '#{number} was merged into #{into}' },
});

/**
 * A customer closes their ticket, or reopens a solved or closed one, from the portal: where the
 * workflow has a rule for the ticket's status. An optional comment is posted as their message
 * first; it is part of the move, so the reply rules do not also move the ticket.
 */
export async function customerMove(
  ctx: ActorCtx,
  number: number,
  move: CustomerMove,
  input: { comment?: string | undefined },
): Promise<Ticket> {
  authorize(ctx.actor, move === 'close' ? 'ticket.customerClose' : 'ticket.customerReopen');
  const result = await ctx.db.transaction().execute(async (trx) => {
    const ticket = await requireVisibleTicket(ctx, trx, number, true);
    const wf = await loadWorkflow(ctx, trx);
    const to = await allowedMove(ctx, trx, wf, ticket, move);
    const now = nowIso(ctx);
    const change = moveChange(wf, ticket, to.status, { kind: 'user', actor: ctx.actor }, now, to);
    Object.assign(change.patch, { updated_at: now, last_activity_at: now });
    change.actorId = ctx.actor.id;
    if (input.comment) change.messageId = await postComment(ctx, trx, ticket, input.comment, now);
    if (!(await commitChange(ctx, trx, wf, ticket, change)))
      throw refusal('conflict', SAID.changed, { number: String(number) });
    return { row: (await findTicketById(trx, ticket.id))!, wf };
  });
  await announceTicketChange(ctx, { ticketId: result.row.id, number: result.row.number });
  return presentTicket(result.row, ctx.actor, await readerWorkflow(ctx.db, ctx.actor, result.wf));
}

/** Where the move takes the ticket, or a refusal the customer can read. */
async function allowedMove(
  ctx: ActorCtx,
  trx: Executor,
  wf: WorkflowDocument,
  ticket: TicketView,
  move: CustomerMove,
) {
  if (ticket.merged_into_number != null)
    throw refusal('invalid_transition', SAID.merged, {
      number: String(ticket.number),
      into: String(ticket.merged_into_number),
    });
  const decision = decideCustomerMove(wf, ticket, move);
  if (!decision.allowed) throw refusedByWorkflow('invalid_transition', decision.refusal);
  // Reopening asks for more help, which a lapsed plan no longer gives (as a reply would not).
  const blocked = move === 'reopen' && (await replyGate(ctx, trx, ctx.actor))(ticket.service_id);
  if (blocked) throw refusal('invalid_transition', blocked.message, blocked.values);
  return { status: decision.to!, reason: decision.reason, notices: decision.notices };
}

async function postComment(ctx: ActorCtx, trx: Executor, ticket: TicketView, body: string, now: string) {
  const id = newId();
  await insertMessage(trx, {
    id,
    ticket_id: ticket.id,
    author_id: ctx.actor.id,
    body,
    internal: 0,
    channel: 'portal',
    created_at: now,
    inbound_id: null,
  });
  await indexMessage(trx, ctx.dialect, ticket, false, body);
  return id;
}
