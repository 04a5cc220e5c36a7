import { type ActorCtx, isStaff, nowIso } from '../../context.js';
import { AppError, forbidden } from '../../errors.js';
import { announceTicketChange } from '../live/live.js';
import { loadWorkflow } from '../workflow/workflow.service.js';
import { moveConversation } from './merge.repository.js';
import { type Cause, commitChange, eventRow, moveChange } from './status.js';
import { findTicketById, ticketIdOf } from './tickets.repository.js';
import { getTicket, requireVisibleTicket } from './tickets.service.js';

/**
 * Merges one ticket into another of the same organisation (or requester): every message and
 * file moves with its time; the merged ticket is closed, keeps its number and points to the
 * target; both timelines say so, and the requester is told.
 */
export async function mergeTicket(ctx: ActorCtx, number: number, into: number) {
  if (!isStaff(ctx.actor)) throw forbidden('Only staff merge tickets');
  if (number === into) throw new AppError('validation', 'into: a ticket cannot be merged into itself');
  await ctx.db.transaction().execute(async (trx) => {
    const source = await requireVisibleTicket(ctx, trx, number, true);
    const target = await requireVisibleTicket(ctx, trx, into, true);
    if (source.merged_into_id) throw new AppError('conflict', `#${number} was already merged`);
    if (target.merged_into_id)
      throw new AppError('conflict', `#${into} was merged into another ticket; merge into that one`);
    const sameOwner = source.organisation_id
      ? source.organisation_id === target.organisation_id
      : source.requester_id === target.requester_id;
    if (!sameOwner) throw new AppError('conflict', 'Tickets of different organisations cannot be merged');

    const wf = await loadWorkflow(ctx, trx);
    const closed = wf.statuses.find((s) => s.category === 'closed');
    if (!closed)
      throw new AppError('conflict', 'The workflow has no closed status to put the merged ticket in');
    const now = nowIso(ctx);
    const cause: Cause = { kind: 'user', actor: ctx.actor };

    await moveConversation(trx, ctx.dialect, source, target);
    const close = moveChange(wf, source, closed.key, cause, now, {
      reason: `merged into #${into}`,
      notices: [],
    });
    close.patch.merged_into_id = target.id;
    close.events.push(
      eventRow(source.id, cause, now, {
        type: 'merged',
        field: 'ticket',
        from: String(number),
        to: String(into),
      }),
    );
    close.notices = ['ticket.merged'];
    close.noticeKey = `merged:${target.id}`;
    close.actorId = ctx.actor.id;
    await commitChange(trx, ctx, wf, source, close, { expectStatus: false });

    const fresh = await findTicketById(trx, target.id);
    await commitChange(trx, ctx, wf, fresh ?? target, {
      patch: { last_activity_at: now, updated_at: now },
      events: [
        eventRow(target.id, cause, now, {
          type: 'merged',
          field: 'ticket',
          from: String(number),
          to: String(into),
        }),
      ],
      notices: [],
      noticeKey: `merged-in:${source.id}`,
    });
  });
  for (const n of [number, into]) {
    const id = await ticketIdOf(ctx.db, n);
    if (id) await announceTicketChange(ctx, { ticketId: id, number: n });
  }
  return getTicket(ctx, into);
}
