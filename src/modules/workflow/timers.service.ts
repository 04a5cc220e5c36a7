import type { Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { sweepDue } from '../../jobs/sweep.js';
import { durationParts } from '../../workflow/duration.js';
import {
  dueTimers,
  nextTimerAt,
  type ScheduledTimer,
  type TicketState,
  type TimerDecision,
} from '../../workflow/engine.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import { announceTicketChange } from '../live/live.js';
import type { Change } from '../ticket-data/status.js';
import { commitChange, eventRow, moveChange } from '../ticket-data/status.js';
import { findTicketById, type TicketView, ticketNumberOf } from '../ticket-data/tickets.repository.js';
import {
  dueTicketIds,
  firedTimerKeys,
  lockTicket,
  recordTimerRun,
  setNextTimer,
} from './workflow.repository.js';
import { loadWorkflow } from './workflow.service.js';

export type SweepResult = { examined: number; moved: number; reminded: number };
const automation = { kind: 'automation' } as const;

/** What a timer reads of a ticket. */
function ticketState(ticket: TicketView): TicketState {
  return {
    number: ticket.number,
    status: ticket.status,
    statusChangedAt: ticket.status_changed_at,
    lastActivityAt: ticket.last_activity_at,
  };
}

/** A reminder changes nothing on the ticket: one timeline event and the notice. */
function reminderChange(ticketId: string, r: ScheduledTimer, nowText: string): Change {
  return {
    patch: {},
    events: [
      eventRow(ticketId, automation, nowText, {
        type: 'reminder',
        reason: { code: 'reminder', values: durationParts(r.timer.after) },
      }),
    ],
    notices: ['ticket.reminder'],
    noticeKey: `timer:${r.key}`,
  };
}

/** One ticket's due work inside its transaction; `fired` grows with every firing recorded. */
type DueRun = {
  ctx: Ctx;
  trx: Executor;
  wf: WorkflowDocument;
  ticket: TicketView;
  fired: Set<string>;
  nowText: string;
};

async function applyTransition(run: DueRun, t: NonNullable<TimerDecision['transition']>) {
  const { ctx, trx, wf, ticket, fired, nowText } = run;
  if (!(await recordTimerRun(trx, ticket.id, t.key, `moved to ${t.to}`, nowText))) return 'none';
  fired.add(t.key);
  const change = moveChange(wf, ticket, t.to, automation, nowText, {
    reason: t.reason,
    notices: t.notices,
  });
  change.noticeKey = `timer:${t.key}`;
  return (await commitChange(ctx, trx, wf, ticket, change, { timerFired: fired })) ? 'moved' : 'none';
}

/** Sends each reminder not yet recorded; true when at least one went out. */
async function sendReminders(run: DueRun, remind: ScheduledTimer[]): Promise<boolean> {
  const { ctx, trx, wf, ticket, fired, nowText } = run;
  let reminded = false;
  for (const r of remind) {
    if (!(await recordTimerRun(trx, ticket.id, r.key, 'reminded', nowText))) continue;
    fired.add(r.key);
    await commitChange(ctx, trx, wf, ticket, reminderChange(ticket.id, r, nowText));
    reminded = true;
  }
  return reminded;
}

/**
 * Applies what is due on one ticket, in one transaction, through the same change path a person's
 * action takes. The ticket is re-read under lock, so a reply that landed since the sweep chose
 * this ticket wins: its new activity or status makes the timer no longer due.
 */
export async function applyDueTimers(ctx: Ctx, ticketId: string): Promise<'moved' | 'reminded' | 'none'> {
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    await lockTicket(trx, ticketId);
    const ticket = await findTicketById(trx, ticketId);
    if (!ticket) return 'none';
    const wf = await loadWorkflow(ctx, trx);
    const now = ctx.clock();
    const nowText = now.toISOString();
    const fired = await firedTimerKeys(trx, ticketId);
    const state = ticketState(ticket);
    const decision = dueTimers(wf, state, now.getTime(), fired);

    for (const s of decision.skip) {
      if (await recordTimerRun(trx, ticketId, s.key, 'skipped', nowText)) fired.add(s.key);
    }

    const run: DueRun = { ctx, trx, wf, ticket, fired, nowText };
    if (decision.transition) return applyTransition(run, decision.transition);

    const reminded = await sendReminders(run, decision.remind);
    // Whatever happened, point the ticket at its next pending timer.
    await setNextTimer(trx, ticketId, nextTimerAt(wf, state, fired));
    return reminded ? 'reminded' : 'none';
  });
  if (outcome !== 'none') {
    const number = await ticketNumberOf(ctx.db, ticketId);
    if (number !== null) await announceTicketChange(ctx, { ticketId, number });
  }
  return outcome;
}

/** One pass over every ticket with a due timer; safe to run on several nodes at once. */
export async function runTimerSweep(ctx: Ctx, batch = 200): Promise<SweepResult> {
  const result: SweepResult = { examined: 0, moved: 0, reminded: 0 };
  await sweepDue(
    ctx,
    'timer',
    (limit) => dueTicketIds(ctx.db, nowIso(ctx), limit),
    async (id) => {
      result.examined++;
      const outcome = await applyDueTimers(ctx, id);
      if (outcome === 'moved') result.moved++;
      if (outcome === 'reminded') result.reminded++;
    },
    undefined,
    batch,
  );
  return result;
}
