import type { Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { forEachInBatches } from '../../jobs/sweep.js';
import { announceTicketChange } from '../live/live.js';
import { findTicketById } from '../ticket-data/tickets.repository.js';
import { lockTicket } from '../workflow/workflow.repository.js';
import { loadWorkflow } from '../workflow/workflow.service.js';
import { matches } from './triggers.match.js';
import {
  ARMED,
  armedTickets,
  automationCandidates,
  type CandidateBounds,
  disarm,
  listTriggerRows,
} from './triggers.repository.js';
import { fireRule, type Rule, ruleOf, ticketFacts } from './triggers.run.js';

// Time-based automations, run by the scheduler's sweep: each enabled automation in order fires on
// a ticket once its conditions hold, exactly once (a firing row unique per automation and ticket,
// claimed in the transaction of its actions under the ticket's lock, so two sweeping nodes fire it
// once), and stands armed until its conditions stop holding, when it is re-armed. Whatever came due
// while no node ran fires at the next sweep, once.

const HOUR = 3_600_000;
const COLUMNS = { created: 'created_at', updated: 'updated_at', statusChanged: 'status_changed_at' } as const;

export type AutomationSweepResult = { examined: number; fired: number; rearmed: number };

const REPLIES = { lastCustomerMessage: 'customer', lastStaffMessage: 'staff' } as const;

/**
 * SQL bounds from the hours conditions a ticket must meet (all of them, with match all): at least
 * N hours, in business hours too, means at least N calendar hours; at most N calendar hours.
 */
function boundsOf(rule: Rule, now: number): CandidateBounds {
  if (rule.match !== 'all') return [];
  return rule.conditions.flatMap((c): CandidateBounds => {
    if (c.type !== 'hoursSince' || (c.op === 'lte' && c.calendarId)) return [];
    const at = new Date(now - c.hours * HOUR).toISOString();
    const op = c.op === 'gte' ? ('<=' as const) : ('>=' as const);
    return c.since === 'lastCustomerMessage' || c.since === 'lastStaffMessage'
      ? [{ reply: REPLIES[c.since], op, at }]
      : [{ column: COLUMNS[c.since], op, at }];
  });
}

/** Whether the rule may fire on solved and closed tickets: only when it tests the status. */
const testsStatus = (rule: Rule) =>
  rule.conditions.some((c) => c.type === 'field' && (c.field === 'status' || c.field === 'statusCategory'));

/** Whether the rule's conditions hold for the ticket now. */
async function holdsNow(ctx: Ctx, db: Executor, rule: Rule, ticketId: string) {
  const ticket = await findTicketById(db, ticketId);
  if (!ticket || ticket.merged_into_id) return false;
  return matches(rule.match, rule.conditions, await ticketFacts(ctx, db, ticket, null, rule.conditions));
}

/** Re-arms the rule on the tickets where its conditions no longer hold. */
async function rearm(ctx: Ctx, rule: Rule, out: AutomationSweepResult) {
  await forEachInBatches(
    (after, limit) => armedTickets(ctx.db, rule.id, after, limit),
    (f) => f.ticket_id,
    async (f) => {
      if (await holdsNow(ctx, ctx.db, rule, f.ticket_id)) return;
      await ctx.db.transaction().execute(async (trx) => {
        await lockTicket(trx, f.ticket_id);
        if (await holdsNow(ctx, trx, rule, f.ticket_id)) return;
        await disarm(trx, rule.id, f.ticket_id);
        out.rearmed += 1;
      });
    },
  );
}

/** Fires the rule on one candidate, in one transaction; the ticket's number if it fired. */
async function fireOn(ctx: Ctx, rule: Rule, ticketId: string): Promise<number | null> {
  return ctx.db.transaction().execute(async (trx) => {
    await lockTicket(trx, ticketId);
    const wf = await loadWorkflow(ctx, trx);
    const done = await fireRule(ctx, trx, wf, rule, { ticketId, eventId: ARMED, depth: 0 }, null);
    if (!done) return null;
    // What it changed made its conditions false (the nullifier rule): armed again at once.
    if (!(await holdsNow(ctx, trx, rule, ticketId))) await disarm(trx, rule.id, ticketId);
    return (await findTicketById(trx, ticketId))?.number ?? null;
  });
}

async function fireDue(ctx: Ctx, rule: Rule, out: AutomationSweepResult) {
  const bounds = boundsOf(rule, ctx.clock().getTime());
  const finished = testsStatus(rule);
  await forEachInBatches(
    (after, limit) => automationCandidates(ctx.db, { triggerId: rule.id, after, limit, bounds, finished }),
    (t) => t.id,
    async ({ id }) => {
      out.examined += 1;
      if (!(await holdsNow(ctx, ctx.db, rule, id))) return;
      const number = await fireOn(ctx, rule, id);
      if (number === null) return;
      out.fired += 1;
      await announceTicketChange(ctx, { ticketId: id, number });
    },
  );
}

/** One pass over the enabled automations, in their order. */
export async function runAutomationSweep(ctx: Ctx): Promise<AutomationSweepResult> {
  const out: AutomationSweepResult = { examined: 0, fired: 0, rearmed: 0 };
  const rules = (await listTriggerRows(ctx.db, true, 'time')).map(ruleOf);
  for (const rule of rules) {
    await rearm(ctx, rule, out);
    await fireDue(ctx, rule, out);
  }
  return out;
}
