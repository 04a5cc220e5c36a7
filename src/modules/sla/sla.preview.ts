import type { SlaClock, SlaPolicy } from '../../../common/sla.js';
import type { Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { computeClocks, timeOf } from '../sla-clocks/clocks.js';
import { slaSubjectRow } from '../sla-clocks/clocks.repository.js';
import {
  businessCalendar,
  policySpec,
  presentClock,
  subjectOf,
  ticketHistory,
} from '../sla-clocks/clocks.service.js';
import { firstMatch } from '../sla-clocks/policy-row.js';
import { loadWorkflow } from '../workflow/workflow.service.js';

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
    clocks: computed.map((c) => presentClock(c, timeOf(calendar, c.businessHours), now)),
  };
}
