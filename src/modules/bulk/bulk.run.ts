import type { ActorCtx, Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { enqueue } from '../../jobs/outbox.js';
import type { JobHandler } from '../../jobs/worker.js';
import { authorize } from '../../policies/policy.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import { toActor } from '../auth/auth.service.js';
import { applyTicketActionsIn } from '../canned/ticket-actions.service.js';
import { announceTicketChanges, type TicketSignal } from '../live/live.js';
import { addMessageIn } from '../messages/messages.service.js';
import { syncTicketSla } from '../sla-clocks/clocks.service.js';
import { flushChanges, newChangeBuffer } from '../ticket-data/change-buffer.js';
import type { TicketView } from '../ticket-data/tickets.repository.js';
import { mergeTicketIn } from '../tickets/merge.service.js';
import { editTicket } from '../tickets/tickets.edit.js';
import { listTicketRows } from '../tickets/tickets.list.js';
import { deleteTicketIn, ticketFilterOf } from '../tickets/tickets.service.js';
import { findUserById } from '../users/users.repository.js';
import { loadWorkflow } from '../workflow/workflow.service.js';
import {
  type BulkJobRow,
  findBulkJob,
  insertSkips,
  lockBulkJob,
  lockVisibleTickets,
  recordBatch,
} from './bulk.repository.js';
import type { Selection, StoredAction } from './bulk.service.js';

/** Tickets per batch: one transaction each, progress recorded with it. */
export const BULK_BATCH = 200;

type Batch = { wf: WorkflowDocument; rows: Map<number, TicketView> };
type Outcome = { changed: boolean; signal?: TicketSignal };

/**
 * One batch of a bulk change, as a job: the next tickets after `after`, each changed through the
 * service code a single change uses, or skipped with the reason; then the progress and the next
 * batch's job (or, at the end, the digest of notices), all in the batch's transaction. A crash
 * rolls the batch back and the job runs it again; a batch already recorded (the job's cursor has
 * moved on) is not done twice.
 */
export const runBulkStep: JobHandler<'bulk.step'> = async (ctx, job) => {
  const { jobId, after } = job.data;
  const bulk = await findBulkJob(ctx.db, jobId);
  if (!bulk || Number(bulk.cursor) !== after || bulk.status === 'done' || bulk.status === 'failed') return;
  const user = await findUserById(ctx.db, bulk.actor_id);
  if (user?.active !== 1) {
    await ctx.db.transaction().execute((trx) => finish(ctx, trx, bulk, 'failed'));
    return;
  }
  const actx: ActorCtx = { ...ctx, actor: await toActor(ctx, user), noticeDigest: jobId };
  const signals = await ctx.db.transaction().execute((trx) => runBatch(actx, trx, jobId, after));
  await announceTicketChanges(ctx, signals ?? []);
};

async function runBatch(ctx: ActorCtx, trx: Executor, jobId: string, after: number) {
  const bulk = await lockBulkJob(trx, jobId);
  if (!bulk || Number(bulk.cursor) !== after) return null;
  const selection = JSON.parse(bulk.selection) as Selection;
  const action = JSON.parse(bulk.action) as StoredAction;
  const numbers = await nextNumbers(ctx, trx, selection, after);
  const wf = await loadWorkflow(ctx, trx);
  // Edits are many of one kind: their rows are read with the batch and their writes gathered.
  const edits = action.kind === 'update';
  const rows = edits ? await lockVisibleTickets(trx, ctx.actor, numbers) : new Map();
  const buffer = edits ? newChangeBuffer() : undefined;
  const bctx: ActorCtx = { ...ctx, changeBuffer: buffer };
  const { changed, skips, signals } = await applyAll(bctx, trx, { wf, rows }, numbers, action);
  if (buffer) {
    const touched = new Set([...buffer.updates.values()].flatMap((g) => g.ids));
    await flushChanges(trx, buffer);
    for (const id of touched) await syncTicketSla(ctx, trx, id, wf);
  }
  const last = numbers.at(-1) ?? after;
  const ended = numbers.length < BULK_BATCH;
  const batch = { cursor: last, done: numbers.length, changed, skipped: skips.length };
  const now = nowIso(ctx);
  // The job row is held and its cursor checked above: a miss here is a bug, and rolls the batch back.
  if (!(await recordBatch(trx, jobId, after, { ...batch, status: ended ? 'done' : 'running', now })))
    throw new Error(`bulk job ${jobId} moved on during its batch`);
  await insertSkips(trx, jobId, skips);
  if (ended) await queueDigest(trx, jobId, now);
  else
    await enqueue(
      trx,
      { topic: 'bulk.step', payload: { jobId, after: last }, dedupeKey: `bulk:${jobId}:${last}`, runAt: now },
      now,
    );
  return signals;
}

/** Each ticket of the batch in turn; a refusal skips it, anything else fails the batch. */
async function applyAll(ctx: ActorCtx, trx: Executor, batch: Batch, numbers: number[], action: StoredAction) {
  const skips: { number: number; reason: string }[] = [];
  const signals: TicketSignal[] = [];
  let changed = 0;
  for (const number of numbers) {
    try {
      const outcome = await applyTo(ctx, trx, batch, number, action);
      if (outcome.changed) changed++;
      if (outcome.signal) signals.push(outcome.signal);
    } catch (err) {
      // A refusal (not visible, the workflow, validation) skips the ticket; anything else retries the batch.
      if (!(err instanceof AppError)) throw err;
      skips.push({ number, reason: reasonOf(number, err) });
    }
  }
  return { changed, skips, signals };
}

/** The next batch's ticket numbers, in order: from the list given, or the filter as the actor sees it. */
async function nextNumbers(ctx: ActorCtx, trx: Executor, selection: Selection, after: number) {
  if ('numbers' in selection) return selection.numbers.filter((n) => n > after).slice(0, BULK_BATCH);
  const filter = ticketFilterOf(ctx, selection.filter);
  const rows = await listTicketRows(trx, ctx.dialect, ctx.actor, {
    ...filter,
    sort: 'number',
    order: 'asc',
    after: [after, after],
    limit: BULK_BATCH,
  });
  return rows.slice(0, BULK_BATCH).map((r) => Number(r.number));
}

/** One ticket: the same code as the single change, in the batch's transaction. */
async function applyTo(
  ctx: ActorCtx,
  trx: Executor,
  batch: Batch,
  number: number,
  action: StoredAction,
): Promise<Outcome> {
  switch (action.kind) {
    case 'update': {
      // Read and held with the batch, as the single edit reads and holds its one ticket.
      const row = batch.rows.get(number);
      if (!row) throw notFound(`No ticket #${number}`);
      authorize(ctx.actor, 'ticket.update');
      const changed = await editTicket(ctx, trx, batch.wf, row, action.changes);
      return { changed, signal: changed ? { ticketId: row.id, number } : undefined };
    }
    case 'message': {
      const input = { body: action.body, internal: action.internal };
      const { ticket } = await addMessageIn(ctx, trx, number, input, action.channel);
      return {
        changed: true,
        signal: { ticketId: ticket.id, number: ticket.number, staffOnly: action.internal },
      };
    }
    case 'merge':
      if (number === action.into) throw new AppError('conflict', 'the ticket the others are merged into');
      await mergeTicketIn(ctx, trx, number, action.into, { reopen: action.reopen });
      return { changed: true };
    case 'delete':
      await deleteTicketIn(ctx, trx, number);
      return { changed: true };
    case 'macro': {
      const ticketId = await applyTicketActionsIn(
        ctx,
        trx,
        number,
        { macroId: action.macroId },
        action.channel,
      );
      return { changed: true, signal: { ticketId, number } };
    }
  }
}

function reasonOf(number: number, err: AppError): string {
  if (err.code === 'not_found') return `#${number} does not exist or is not yours to see`;
  const fields = err.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
  return fields ? `${err.message} (${fields})` : err.message;
}

/** The held notices go out as one digest per recipient once the job is done. */
async function queueDigest(trx: Executor, jobId: string, now: string) {
  await enqueue(
    trx,
    { topic: 'notification.digest', payload: { digestId: jobId }, dedupeKey: `digest:${jobId}`, runAt: now },
    now,
  );
}

async function finish(ctx: Ctx, trx: Executor, bulk: BulkJobRow, status: 'done' | 'failed') {
  const now = nowIso(ctx);
  const zero = { cursor: Number(bulk.cursor), done: 0, changed: 0, skipped: 0 };
  if (await recordBatch(trx, bulk.id, Number(bulk.cursor), { ...zero, status, now }))
    await queueDigest(trx, bulk.id, now);
}
