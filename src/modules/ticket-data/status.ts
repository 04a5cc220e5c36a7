import { SOURCE_LOCALE } from '../../../common/i18n.js';
import type { Reason } from '../../../common/timeline.js';
import type { Actor, Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { enqueue } from '../../jobs/outbox.js';
import { newId } from '../../lib/crypto.js';
import { findStatus, type Notice, nextTimerAt } from '../../workflow/engine.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import { syncTicketSla } from '../sla-clocks/clocks.service.js';
import { createSurveyInvite } from '../surveys/surveys.service.js';
import { queueChangeWebhooks } from '../webhook-events/queue.js';
import { bufferUpdate } from './change-buffer.js';
import { holdNotices } from './digest.repository.js';
import { type EventRow, insertEvents } from './events.repository.js';
import { reasonText } from './reasons.js';
import { type TicketRow, updateTicketRow } from './tickets.repository.js';
import { queueChangeTriggers } from './trigger-queue.js';

/** Who caused a change: a person, the workflow's automation (rules and timers), or a trigger. */
export type Cause =
  | { kind: 'user'; actor: Actor }
  | { kind: 'automation' }
  | { kind: 'rule'; ruleId: string; ruleName: string; time?: boolean };

export function eventRow(
  ticketId: string,
  cause: Cause,
  now: string,
  e: {
    type: string;
    field?: string;
    from?: string | null;
    to?: string | null;
    public?: boolean;
    reason?: Reason;
  },
): EventRow {
  return {
    id: newId(),
    ticket_id: ticketId,
    actor_id: cause.kind === 'user' ? cause.actor.id : null,
    actor_kind: cause.kind === 'user' ? 'user' : 'automation',
    type: e.type,
    field: e.field ?? null,
    from_value: e.from ?? null,
    to_value: e.to ?? null,
    public: e.public === false ? 0 : 1,
    // The sentence for API clients; the code and values for readers of other languages.
    reason: e.reason ? reasonText(SOURCE_LOCALE, e.reason) : null,
    reason_code: e.reason?.code ?? null,
    reason_values: e.reason?.values ? JSON.stringify(e.reason.values) : null,
    ...(cause.kind === 'rule'
      ? { rule_id: cause.ruleId, rule_name: cause.ruleName, ...(cause.time ? { rule_kind: 'time' } : {}) }
      : {}),
    created_at: now,
  };
}

/** The columns a move to `to` changes: category, times of entering solved and closed, reopening. */
export function statusPatch(
  wf: WorkflowDocument,
  ticket: TicketRow,
  to: string,
  now: string,
): Partial<TicketRow> {
  const category = findStatus(wf, to)?.category ?? 'open';
  const patch: Partial<TicketRow> = {
    status: to,
    status_category: category,
    status_changed_at: now,
    updated_at: now,
    last_activity_at: now,
  };
  if (category === 'solved') patch.resolved_at = now;
  if (category === 'closed') {
    patch.closed_at = now;
    patch.resolved_at = ticket.resolved_at ?? now;
  }
  if (category !== 'solved' && category !== 'closed') {
    patch.resolved_at = null;
    patch.closed_at = null;
  }
  return patch;
}

/** A change to one ticket: its columns, its timeline events and the notices it sends. */
export type Change = {
  patch: Partial<TicketRow>;
  events: EventRow[];
  notices: Notice[];
  /** Makes each notice's dedupe key: one notice per event of this change, however often it is retried. */
  noticeKey: string;
  /** Who caused it, so they are not notified of their own doing. */
  actorId?: string | null;
  /** The message the notices are about, if any. */
  messageId?: string | null;
};

export function moveChange(
  wf: WorkflowDocument,
  ticket: TicketRow,
  to: string,
  cause: Cause,
  now: string,
  e: { reason?: Reason; notices: Notice[] },
): Change {
  return {
    patch: statusPatch(wf, ticket, to, now),
    events: [
      eventRow(ticket.id, cause, now, {
        type: 'changed',
        field: 'status',
        from: ticket.status,
        to,
        reason: e.reason,
      }),
    ],
    notices: e.notices,
    noticeKey: `status:${ticket.status}>${to}@${now}`,
  };
}

/**
 * Writes a change in the caller's transaction: the ticket (only if it is still in the status the
 * change was decided on), its events, its notices to the outbox, and the next timer due.
 * Returns false, writing nothing, when someone else moved the ticket first.
 */
export async function commitChange(
  ctx: Ctx,
  trx: Executor,
  wf: WorkflowDocument,
  ticket: TicketRow,
  change: Change,
  opts: { expectStatus?: boolean; timerFired?: ReadonlySet<string> } = {},
): Promise<boolean> {
  const patch = { ...change.patch };
  if (patch.status !== undefined || patch.last_activity_at !== undefined) {
    const next = { ...ticket, ...patch };
    patch.next_timer_at = nextTimerAt(
      wf,
      {
        number: next.number,
        status: next.status,
        statusChangedAt: next.status_changed_at,
        lastActivityAt: next.last_activity_at,
      },
      opts.timerFired,
    );
  }
  if (!(await writeTicket(ctx, trx, ticket, patch, opts.expectStatus))) return false;
  if (ctx.changeBuffer) ctx.changeBuffer.events.push(...change.events);
  else {
    await insertEvents(trx, change.events);
    // The service-level clocks follow every change (a buffered one's caller syncs after its flush).
    await syncTicketSla(ctx, trx, ticket.id, wf);
  }
  await queueChangeWebhooks(ctx, trx, ticket.id, change);
  const now = nowIso(ctx);
  for (const notice of change.notices) {
    if (notice === 'ticket.survey') {
      await createSurveyInvite(ctx, trx, { ...ticket, ...patch });
      continue;
    }
    const key = `${notice}:${ticket.id}:${change.noticeKey}`;
    if (ctx.noticeDigest) {
      const held = {
        digest_id: ctx.noticeDigest,
        key,
        event: notice,
        ticket_id: ticket.id,
        actor_id: change.actorId ?? null,
        message_id: change.messageId ?? null,
      };
      if (ctx.changeBuffer) ctx.changeBuffer.notices.push(held);
      else await holdNotices(trx, [held]);
      continue;
    }
    await enqueue(
      trx,
      {
        topic: 'notification',
        payload: {
          event: notice,
          ticketId: ticket.id,
          ticketNumber: ticket.number,
          actorId: change.actorId ?? null,
          messageId: change.messageId ?? null,
        },
        dedupeKey: key,
        runAt: now,
      },
      now,
    );
  }
  await queueChangeTriggers(ctx, trx, ticket, change);
  return true;
}

/**
 * The ticket's row, only if it is still in the status the change was decided on (unless
 * `expectStatus` is false); gathered instead where the context has a change buffer, whose
 * caller holds the row.
 */
async function writeTicket(
  ctx: Ctx,
  trx: Executor,
  ticket: TicketRow,
  patch: Partial<TicketRow>,
  expectStatus: boolean | undefined,
): Promise<boolean> {
  if (Object.keys(patch).length === 0) return true;
  if (ctx.changeBuffer) {
    bufferUpdate(ctx.changeBuffer, ticket.id, patch);
    return true;
  }
  return updateTicketRow(trx, ticket.id, patch, expectStatus === false ? undefined : ticket.status);
}
