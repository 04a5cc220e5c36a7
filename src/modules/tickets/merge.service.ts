import { type ActorCtx, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { authorize } from '../../policies/policy.js';
import { findStatus } from '../../workflow/engine.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import { announceTicketChange } from '../live/live.js';
import { copyTags } from '../tags/tags.repository.js';
import { type Cause, type Change, commitChange, eventRow, moveChange } from '../ticket-data/status.js';
import { findTicketById, type TicketView, ticketIdOf } from '../ticket-data/tickets.repository.js';
import { loadWorkflow } from '../workflow/workflow.service.js';
import { moveConversation } from './merge.repository.js';
import { getTicket, requireVisibleTicket } from './tickets.service.js';

const SAID = defineMessages({
  mergedAlready: { id: 'error.tickets.merged_already', defaultMessage: '#{number} was already merged' },
  targetMerged: {
    id: 'error.tickets.merge_target_merged',
    defaultMessage: '#{into} was merged into #{live}; merge into that one',
  },
  targetMergedField: { id: 'error.tickets.merge_target_merged_field', defaultMessage: 'merged into #{live}' },
  otherOrganisation: {
    id: 'error.tickets.merge_other_organisation',
    defaultMessage: 'Tickets of different organisations cannot be merged',
  },
  noClosedStatus: {
    id: 'error.tickets.merge_no_closed_status',
    defaultMessage: 'The workflow has no closed status to put the merged ticket in',
  },
  targetClosed: {
    id: 'error.tickets.merge_target_closed',
    defaultMessage:
      '#{into} is closed: reopen it to merge #{number} into it (reopen: true), or choose an open ticket',
  },
  targetClosedField: {
    id: 'error.tickets.merge_target_closed_field',
    defaultMessage: '#{into} is closed; set reopen to merge into it',
  },
  self: { id: 'error.tickets.merge_self', defaultMessage: 'a ticket cannot be merged into itself' },
});

/** Merged tickets point to a live one; a chain (A into B, later B into C) is followed this far. */
const MAX_HOPS = 20;

/** The ticket a merged ticket's conversation now lives in: itself if it was never merged. */
export async function liveTicketOf(db: Executor, ticket: TicketView): Promise<TicketView> {
  let current = ticket;
  for (let hop = 0; current.merged_into_id && hop < MAX_HOPS; hop++) {
    const next = await findTicketById(db, current.merged_into_id);
    if (!next) break;
    current = next;
  }
  return current;
}

/**
 * Where a closed ticket goes when it is reopened to take in another's conversation: where a
 * customer's reply would take it, unless that is itself solved or closed; else the first status.
 */
function reopenedStatus(wf: WorkflowDocument, from: string): string {
  const rule = wf.onCustomerReply.find((r) => r.from.includes(from) || r.from.includes('*'));
  const category = rule ? findStatus(wf, rule.to)?.category : undefined;
  return rule && category !== 'closed' && category !== 'solved' ? rule.to : wf.initialStatus;
}

/** Refuses a merge the two tickets cannot take: source already merged, target merged on, other owner. */
async function assertMergeable(
  trx: Executor,
  source: TicketView,
  target: TicketView,
  number: number,
  into: number,
) {
  if (source.merged_into_id) throw refusal('conflict', SAID.mergedAlready, { number: String(number) });
  if (target.merged_into_id) {
    const live = await liveTicketOf(trx, target);
    const values = { into: String(into), live: String(live.number) };
    throw refusal('conflict', SAID.targetMerged, values, {
      fields: [{ path: 'into', message: SAID.targetMergedField, values }],
      extra: { mergedInto: live.number },
    });
  }
  const sameOwner = source.organisation_id
    ? source.organisation_id === target.organisation_id
    : source.requester_id === target.requester_id;
  if (!sameOwner) throw refusal('conflict', SAID.otherOrganisation);
}

/** The closed status the merged ticket goes to, and whether the target is closed (refused unless `reopen`). */
function mergeStatuses(
  wf: WorkflowDocument,
  target: TicketView,
  number: number,
  into: number,
  reopen?: boolean,
) {
  const closed = wf.statuses.find((s) => s.category === 'closed');
  if (!closed) throw refusal('conflict', SAID.noClosedStatus);
  const targetClosed = findStatus(wf, target.status)?.category === 'closed';
  if (targetClosed && !reopen) {
    const values = { into: String(into), number: String(number) };
    throw refusal('conflict', SAID.targetClosed, values, {
      fields: [{ path: 'reopen', message: SAID.targetClosedField, values }],
      extra: { reopenRequired: true },
    });
  }
  return { closedKey: closed.key, targetClosed };
}

type MergeStep = { wf: WorkflowDocument; cause: Cause; now: string; number: number; into: number };

function mergedEvent(ticketId: string, step: MergeStep) {
  return eventRow(ticketId, step.cause, step.now, {
    type: 'merged',
    field: 'ticket',
    from: String(step.number),
    to: String(step.into),
  });
}

/** The merged ticket's change: closed, pointing to the target, the requester told. */
function closeSourceChange(
  step: MergeStep,
  source: TicketView,
  target: TicketView,
  closedKey: string,
  actorId: string,
) {
  const close = moveChange(step.wf, source, closedKey, step.cause, step.now, {
    reason: { code: 'merged_into', values: { number: step.into } },
    notices: [],
  });
  close.patch.merged_into_id = target.id;
  close.events.push(mergedEvent(source.id, step));
  close.notices = ['ticket.merged'];
  close.noticeKey = `merged:${target.id}`;
  close.actorId = actorId;
  return close;
}

/** The target's change: reopened if it was closed, its activity touched, the merge on its timeline. */
function takeInChange(step: MergeStep, fresh: TicketView, source: TicketView, targetClosed: boolean): Change {
  // Reopening is its own status event, so the timeline says why a closed ticket is open again.
  const change: Change = targetClosed
    ? moveChange(step.wf, fresh, reopenedStatus(step.wf, fresh.status), step.cause, step.now, {
        reason: { code: 'reopened_for_merge', values: { number: step.number } },
        notices: [],
      })
    : { patch: { updated_at: step.now }, events: [], notices: [], noticeKey: '' };
  change.patch.last_activity_at = step.now;
  change.events.push(mergedEvent(fresh.id, step));
  change.noticeKey = `merged-in:${source.id}`;
  return change;
}

/**
 * Merges one ticket into another of the same organisation (or requester): every message and
 * file moves with its time; the merged ticket is closed, keeps its number and points to the
 * target; both timelines say so, and the requester is told. A closed target is refused unless
 * the caller asks to reopen it (`reopen`): a conversation must not go where nobody looks.
 */
export async function mergeTicket(
  ctx: ActorCtx,
  number: number,
  into: number,
  opts: { reopen?: boolean } = {},
) {
  authorize(ctx.actor, 'ticket.merge');
  if (number === into) throw invalid('into', SAID.self);
  await ctx.db.transaction().execute((trx) => mergeTicketIn(ctx, trx, number, into, opts));
  for (const n of [number, into]) {
    const id = await ticketIdOf(ctx.db, n);
    if (id) await announceTicketChange(ctx, { ticketId: id, number: n });
  }
  return getTicket(ctx, into);
}

/** One merge in the caller's transaction (a single merge, or one of a bulk change); checks come first. */
export async function mergeTicketIn(
  ctx: ActorCtx,
  trx: Executor,
  number: number,
  into: number,
  opts: { reopen?: boolean } = {},
): Promise<void> {
  authorize(ctx.actor, 'ticket.merge');
  if (number === into) throw invalid('into', SAID.self);
  const source = await requireVisibleTicket(ctx, trx, number, true);
  const target = await requireVisibleTicket(ctx, trx, into, true);
  await assertMergeable(trx, source, target, number, into);

  const wf = await loadWorkflow(ctx, trx);
  const { closedKey, targetClosed } = mergeStatuses(wf, target, number, into, opts.reopen);
  const step: MergeStep = { wf, cause: { kind: 'user', actor: ctx.actor }, now: nowIso(ctx), number, into };

  await moveConversation(trx, ctx.dialect, source, target);
  await copyTags(trx, source.id, target.id);
  const close = closeSourceChange(step, source, target, closedKey, ctx.actor.id);
  await commitChange(ctx, trx, wf, source, close, { expectStatus: false });

  const fresh = (await findTicketById(trx, target.id)) ?? target;
  await commitChange(ctx, trx, wf, fresh, takeInChange(step, fresh, source, targetClosed), {
    expectStatus: false,
  });
}
