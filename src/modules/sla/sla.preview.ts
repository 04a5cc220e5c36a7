import type { SlaClock, SlaPolicy } from '../../../common/sla.js';
import type { Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { BusinessCalendar } from '../../lib/business-time.js';
import { type ComputedClock, computeClocks, timeOf } from '../sla-clocks/clocks.js';
import { slaSubjectRow } from '../sla-clocks/clocks.repository.js';
import { businessCalendar, iso, policySpec, subjectOf, ticketHistory } from '../sla-clocks/clocks.service.js';
import { firstMatch } from '../sla-clocks/policy-row.js';
import { loadWorkflow } from '../workflow/workflow.service.js';

/** A computed clock as the API shows it, as of `now`. */
function presentComputed(c: ComputedClock, calendar: BusinessCalendar, now: number): SlaClock {
  const time = timeOf(calendar, c.businessHours);
  let state: SlaClock['state'] = 'running';
  let remaining: number | null = null;
  if (c.stoppedAt !== null) state = c.breached ? 'breached' : 'met';
  else if (c.dueAt === null) {
    state = 'paused';
    remaining = c.targetMinutes - c.elapsedMinutes;
  } else {
    if (now >= c.dueAt) state = 'breached';
    remaining = c.dueAt >= now ? time.between(now, c.dueAt) : -time.between(c.dueAt, now);
  }
  return {
    metric: c.metric,
    state,
    targetMinutes: c.targetMinutes,
    businessHours: c.businessHours,
    startedAt: iso(c.startedAt) ?? '',
    stoppedAt: iso(c.stoppedAt),
    dueAt: iso(c.dueAt),
    remainingMinutes: remaining === null ? null : Math.round(remaining),
  };
}

/**
 * What a policy, saved or not, would give a ticket: whether its conditions match the ticket and
 * the clocks it would have had under it from the start.
 */
export async function previewClocks(
  ctx: Pick<Ctx, 'config' | 'clock'>,
  db: Executor,
  ticketId: string,
  policy: SlaPolicy,
): Promise<{ matches: boolean; clocks: SlaClock[] } | undefined> {
  const subject = await slaSubjectRow(db, ticketId);
  const calendar = await businessCalendar(db, policy.calendarId);
  if (!subject || !calendar) return undefined;
  const now = ctx.clock().getTime();
  const computed = computeClocks(
    await ticketHistory(db, await loadWorkflow(ctx, db), subject),
    policySpec(policy, subjectOf(subject).priority, calendar),
    now,
  );
  return {
    matches: firstMatch([{ ...policy, enabled: true }], subjectOf(subject)) !== undefined,
    clocks: computed.map((c) => presentComputed(c, calendar, now)),
  };
}
