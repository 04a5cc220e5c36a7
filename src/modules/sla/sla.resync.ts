import type { Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { enqueue } from '../../jobs/outbox.js';
import type { JobHandler } from '../../jobs/worker.js';
import { newId } from '../../lib/crypto.js';
import { unresolvedTicketsAfter } from '../sla-clocks/clocks.repository.js';
import { enabledPolicies, syncTicketSla } from '../sla-clocks/clocks.service.js';
import { lockTicket } from '../workflow/workflow.repository.js';
import { loadWorkflow } from '../workflow/workflow.service.js';

// When the policies change, every unresolved ticket's clocks are recomputed under them, in the
// background, a batch at a time (the job carries the last ticket number done, so a crash resumes
// where it stopped). Solved and closed tickets keep the clocks they finished with.

const BATCH = 200;

const step = (run: string, after: number, now: string) =>
  ({
    topic: 'sla.resync',
    payload: { run, after },
    dedupeKey: `sla.resync:${run}:${after}`,
    runAt: now,
  }) as const;

/** Queues the recomputation, in the transaction that changed the policies. */
export const queueSlaResync = (trx: Executor, now: string) => enqueue(trx, step(newId(), 0, now), now);

/** A tag renamed or removed everywhere changes which policy a ticket matches, if a policy names tags. */
export async function resyncIfTagsMatter(ctx: Pick<Ctx, 'clock'>, trx: Executor): Promise<void> {
  const policies = await enabledPolicies(trx);
  if (policies.some((p) => p.conditions.tags?.length)) await queueSlaResync(trx, ctx.clock().toISOString());
}

export const runSlaResync: JobHandler<'sla.resync'> = async (ctx: Ctx, job) => {
  const { run, after } = job.data;
  const tickets = await unresolvedTicketsAfter(ctx.db, after, BATCH);
  const wf = await loadWorkflow(ctx, ctx.db);
  for (const t of tickets) {
    await ctx.db.transaction().execute(async (trx) => {
      await lockTicket(trx, t.id);
      await syncTicketSla(ctx, trx, t.id, wf);
    });
  }
  const last = tickets.at(-1);
  if (last && tickets.length === BATCH) {
    const now = ctx.clock().toISOString();
    await enqueue(ctx.db, step(run, last.number, now), now);
  }
};
