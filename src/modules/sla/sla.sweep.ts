import type { SlaMetric } from '../../../common/sla.js';
import type { Reason } from '../../../common/timeline.js';
import type { Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { enqueue } from '../../jobs/outbox.js';
import { sweepDue } from '../../jobs/sweep.js';
import { announceTicketChange } from '../live/live.js';
import {
  type ClockRow,
  clocksOf,
  markAnnounced,
  postponeChecks,
  ticketsToCheck,
} from '../sla-clocks/clocks.repository.js';
import { syncTicketSla } from '../sla-clocks/clocks.service.js';
import { insertEvents } from '../ticket-data/events.repository.js';
import { eventRow } from '../ticket-data/status.js';
import { ticketNumberOf } from '../ticket-data/tickets.repository.js';
import { queueTriggers } from '../ticket-data/trigger-queue.js';
import { queueSlaWebhooks } from '../webhook-events/queue.js';
import { lockTicket } from '../workflow/workflow.repository.js';
import { loadWorkflow } from '../workflow/workflow.service.js';

// Warnings and breaches, announced by the scheduler's sweep: exactly once per clock, also with
// several nodes sweeping (each announcement is a conditional update under the ticket's lock) and
// after downtime (a clock found past due is announced as breached alone, its warning skipped, and
// all of one ticket's breaches in one event and one notice).

export type SlaSweepResult = { examined: number; warned: number; breached: number };

type Announced = { warned: ClockRow[]; breached: ClockRow[] };

/** Claims what is due on the ticket's clocks; only the claims this caller won are returned. */
async function claim(trx: Executor, rows: ClockRow[], now: string): Promise<Announced> {
  const out: Announced = { warned: [], breached: [] };
  for (const r of rows) {
    if (r.check_at === null || r.check_at > now || r.stopped_at) continue;
    if (r.due_at !== null && r.due_at <= now && !r.breach_noticed_at) {
      if (await markAnnounced(trx, r.id, 'breach_noticed_at', now)) out.breached.push(r);
    } else if (r.warn_at !== null && r.warn_at <= now && !r.warned_at && !r.breach_noticed_at) {
      if (await markAnnounced(trx, r.id, 'warned_at', now)) out.warned.push(r);
    }
  }
  return out;
}

/** One timeline event (staff only) and one notice for what was announced of one kind. */
async function announce(
  trx: Executor,
  ticket: { id: string; number: number },
  kind: 'warning' | 'breach',
  rows: ClockRow[],
  now: string,
) {
  if (rows.length === 0) return;
  const metrics = rows.map((r) => r.metric as SlaMetric);
  const first = rows.reduce((a, b) => ((a.due_at ?? '') <= (b.due_at ?? '') ? a : b));
  const reason: Reason = {
    code: 'sla_due',
    values: { kind, metrics: metrics.join(','), dueAt: first.due_at ?? '' },
  };
  await insertEvents(trx, [
    eventRow(ticket.id, { kind: 'automation' }, now, {
      type: 'sla',
      field: kind,
      to: metrics.join(','),
      public: false,
      reason,
    }),
  ]);
  const event = kind === 'breach' ? 'ticket.sla_breach' : 'ticket.sla_warning';
  await enqueue(
    trx,
    {
      topic: 'notification',
      payload: { event, ticketId: ticket.id, ticketNumber: ticket.number, actorId: null, messageId: null },
      dedupeKey: `${event}:${ticket.id}:${rows
        .map((r) => r.id)
        .sort()
        .join(',')}`,
      runAt: now,
    },
    now,
  );
}

/** What the triggers hear of an announcement. */
const slaEvents = (a: Announced) => [
  ...(a.breached.length > 0 ? ['sla.breach'] : []),
  ...(a.warned.length > 0 ? ['sla.warning'] : []),
];

/**
 * Announces what is due on one ticket's clocks, in one transaction under the ticket's lock. The
 * stored clocks are current: every change to the ticket recomputed them, and time alone moves no
 * deadline, so only a warning (whose clock is next checked at its deadline) needs them recomputed.
 */
export async function checkTicketSla(ctx: Ctx, ticketId: string): Promise<Announced> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    await lockTicket(trx, ticketId);
    const now = nowIso(ctx);
    const announced = await claim(trx, await clocksOf(trx, ticketId), now);
    const number = await ticketNumberOf(trx, ticketId);
    if (number === null) return announced;
    const ticket = { id: ticketId, number };
    await announce(trx, ticket, 'breach', announced.breached, now);
    await announce(trx, ticket, 'warning', announced.warned, now);
    await queueTriggers(ctx, trx, ticketId, { events: slaEvents(announced) });
    await queueSlaWebhooks(ctx, trx, ticketId, announced);
    // A warning's clock is next looked at by its deadline; a check that found nothing to claim
    // (another node did) is pointed at its next one the same way.
    if (announced.breached.length === 0)
      await syncTicketSla(ctx, trx, ticketId, await loadWorkflow(ctx, trx));
    return { ...announced, number };
  });
  if ('number' in result && (result.warned.length || result.breached.length))
    await announceTicketChange(ctx, { ticketId, number: result.number });
  return result;
}

const RETRY_MS = 5 * 60_000;

/** One pass over every ticket with a clock to look at; safe to run on several nodes at once. */
export async function runSlaSweep(ctx: Ctx, batch = 200): Promise<SlaSweepResult> {
  const result: SlaSweepResult = { examined: 0, warned: 0, breached: 0 };
  await sweepDue(
    ctx,
    'service-level',
    (limit) => ticketsToCheck(ctx.db, nowIso(ctx), limit),
    async (id) => {
      result.examined++;
      const a = await checkTicketSla(ctx, id);
      result.warned += a.warned.length ? 1 : 0;
      result.breached += a.breached.length ? 1 : 0;
    },
    // A ticket whose check failed is looked at again in a while, not at every pass.
    async (id) => {
      const now = ctx.clock();
      await postponeChecks(ctx.db, id, now.toISOString(), new Date(now.getTime() + RETRY_MS).toISOString());
    },
    batch,
  );
  return result;
}
