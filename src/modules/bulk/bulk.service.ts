import type { Channel, TicketListQuery } from '../../../common/api.js';
import type { BulkAction, BulkBody, BulkJob } from '../../../common/bulk.js';
import { type ActorCtx, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid, refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { enqueue } from '../../jobs/outbox.js';
import { newId } from '../../lib/crypto.js';
import { authorize } from '../../policies/policy.js';
import { findStatus } from '../../workflow/engine.js';
import { findCanned } from '../canned/canned.repository.js';
import { usableCanned } from '../canned/canned.service.js';
import { findDepartment } from '../departments/departments.repository.js';
import { SHARED_REFUSALS as SHARED } from '../reference-data/refusals.js';
import { findVisibleTicket } from '../ticket-data/tickets.repository.js';
import { countTicketRows } from '../tickets/tickets.list.js';
import { ticketFilterOf } from '../tickets/tickets.service.js';
import { findUserById } from '../users/users.repository.js';
import { loadWorkflow } from '../workflow/workflow.service.js';
import { type BulkJobRow, findBulkJob, insertBulkJob, listSkips } from './bulk.repository.js';

/** What a job works through: ticket numbers (sorted, once each) or a list filter. */
export type Selection = { numbers: number[] } | { filter: TicketListQuery };

/** The action as asked, with the channel a message it adds is written by. */
export type StoredAction = BulkAction & { channel: Channel };

const REFUSED = defineMessages({
  noMatch: { id: 'error.bulk.no_match', defaultMessage: 'no ticket matches this filter' },
  noTicket: { id: 'error.bulk.no_ticket', defaultMessage: 'no ticket #{number}' },
  noJob: { id: 'error.bulk.no_job', defaultMessage: 'No such bulk job' },
});

/** How many skipped tickets a job's progress lists; the count covers them all. */
const LISTED_SKIPS = 1000;

/**
 * Starts a bulk change: checks the action as a whole (who may do it; a status, department,
 * assignee or merge target that does not exist is refused before any ticket is touched), counts
 * the selection, and queues the job's first batch. Each ticket is then changed by the job, as
 * the single edit would change it, or skipped with the reason.
 */
export async function startBulkJob(ctx: ActorCtx, body: BulkBody, channel: Channel): Promise<BulkJob> {
  authorize(ctx.actor, 'ticket.bulk');
  const selection: Selection = body.numbers
    ? { numbers: [...new Set(body.numbers)].sort((a, b) => a - b) }
    : { filter: body.filter! };
  const row = await ctx.db.transaction().execute(async (trx) => {
    await checkAction(ctx, trx, body.action);
    const total =
      'numbers' in selection
        ? selection.numbers.length
        : await countTicketRows(trx, ctx.dialect, ctx.actor, ticketFilterOf(ctx, selection.filter));
    if (total === 0) throw invalid('filter', REFUSED.noMatch);
    const now = nowIso(ctx);
    const job: BulkJobRow = {
      id: newId(),
      actor_id: ctx.actor.id,
      selection: JSON.stringify(selection),
      action: JSON.stringify({ ...body.action, channel } satisfies StoredAction),
      status: 'queued',
      total,
      done: 0,
      changed: 0,
      skipped: 0,
      cursor: 0,
      created_at: now,
      updated_at: now,
      finished_at: null,
    };
    await insertBulkJob(trx, job);
    await enqueue(
      trx,
      { topic: 'bulk.step', payload: { jobId: job.id, after: 0 }, dedupeKey: `bulk:${job.id}:0`, runAt: now },
      now,
    );
    return job;
  });
  return presentBulkJob(row, []);
}

/** Who may do the action at all, and whether what it points at exists. */
async function checkAction(ctx: ActorCtx, trx: Executor, action: BulkAction) {
  switch (action.kind) {
    case 'update': {
      authorize(ctx.actor, 'ticket.update');
      const { status, departmentId, assigneeId } = action.changes;
      if (status !== undefined && !findStatus(await loadWorkflow(ctx, trx), status))
        throw invalid('action.changes.status', SHARED.noStatus);
      if (departmentId !== undefined && !(await findDepartment(trx, departmentId)))
        throw invalid('action.changes.departmentId', SHARED.noDepartment);
      if (assigneeId) {
        const user = await findUserById(trx, assigneeId);
        if (user?.active !== 1 || user.role === 'customer')
          throw invalid('action.changes.assigneeId', SHARED.noStaff);
      }
      return;
    }
    case 'message':
      authorize(ctx.actor, 'ticket.reply');
      if (action.internal) authorize(ctx.actor, 'ticket.addInternalNote');
      return;
    case 'merge':
      authorize(ctx.actor, 'ticket.merge');
      if (!(await findVisibleTicket(trx, ctx.actor, action.into)))
        throw invalid('action.into', REFUSED.noTicket, { number: String(action.into) });
      return;
    case 'delete':
      authorize(ctx.actor, 'ticket.delete');
      return;
    case 'macro': {
      authorize(ctx.actor, 'ticket.update');
      authorize(ctx.actor, 'canned.use');
      const macro = await findCanned(trx, action.macroId);
      if (!macro || !usableCanned(ctx, macro)) throw invalid('action.macroId', SHARED.noMacro);
      return;
    }
  }
}

/** How many tickets a list filter matches for the caller, on every page: what "select all" selects. */
export async function countTickets(ctx: ActorCtx, q: TicketListQuery): Promise<{ count: number }> {
  authorize(ctx.actor, 'ticket.bulk');
  return { count: await countTicketRows(ctx.db, ctx.dialect, ctx.actor, ticketFilterOf(ctx, q)) };
}

/** A job's progress, for whoever started it or an administrator; anyone else is told it does not exist. */
export async function getBulkJob(ctx: ActorCtx, id: string): Promise<BulkJob> {
  authorize(ctx.actor, 'ticket.bulk');
  const row = await findBulkJob(ctx.db, id);
  if (!row || (row.actor_id !== ctx.actor.id && ctx.actor.role !== 'admin'))
    throw refusal('not_found', REFUSED.noJob);
  return presentBulkJob(row, await listSkips(ctx.db, id, LISTED_SKIPS));
}

function presentBulkJob(row: BulkJobRow, skips: { number: number; reason: string }[]): BulkJob {
  return {
    id: row.id,
    status: row.status,
    action: (JSON.parse(row.action) as BulkAction).kind,
    // Tickets matching a filter after the job was counted are done too.
    total: Math.max(Number(row.total), Number(row.done)),
    done: Number(row.done),
    changed: Number(row.changed),
    skipped: Number(row.skipped),
    skippedTickets: skips.map((s) => ({ number: Number(s.number), reason: s.reason })),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}
