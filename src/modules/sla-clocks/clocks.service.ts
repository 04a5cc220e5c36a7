import type { Priority } from '../../../common/api.js';
import { PRIORITIES } from '../../../common/priorities.js';
import type { SlaClock, SlaPolicy, TicketSla } from '../../../common/sla.js';
import { NO_DUE, SLA_METRIC_LABELS, type SlaMetric } from '../../../common/sla.js';
import type { Ctx } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { ALWAYS, type BusinessCalendar, NeverOpen, nextBusinessStart } from '../../lib/business-time.js';
import { newId } from '../../lib/crypto.js';
import { findStatus } from '../../workflow/engine.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import { businessCalendarOf, loadCalendar } from '../calendars/calendars.service.js';
import {
  type ComputedClock,
  computeClocks,
  type History,
  type PolicySpec,
  type Time,
  timeOf,
} from './clocks.js';
import {
  type ClockRow,
  clocksOf,
  deleteClocks,
  deleteOpenClocks,
  enabledPolicyRows,
  insertClock,
  publicMessageAuthors,
  setTicketDue,
  slaSubjectRow,
  statusChanges,
  updateClock,
} from './clocks.repository.js';
import { firstMatch, type PolicySubject, policyOf } from './policy-row.js';

// A ticket's service-level clocks are recomputed from its history whenever it changes (every change
// to a ticket goes through commitChange, which calls syncTicketSla in the same transaction), and
// stored: the queue sorts on tickets.sla_due_at and the sweep finds what to announce by check_at.
// A clock already stopped (met or missed) stays as it was: a later change of policy or priority
// does not rewrite history.

/** Priorities are stored as their rank, 1 (low) to 4 (urgent). */
const priorityName = (rank: number): Priority => PRIORITIES[rank - 1] ?? 'normal';

// ------------------------------------------------------------------ calendars, kept warm

const calendars = new Map<string, { signature: string; calendar: BusinessCalendar }>();

/**
 * The calendar as the arithmetic takes it. The same object is handed out while the calendar is
 * unchanged, so its memo of opening windows (business-time.ts) serves every ticket on it.
 */
export async function businessCalendar(db: Executor, id: string): Promise<BusinessCalendar | undefined> {
  const c = await loadCalendar(db, id);
  if (!c) return undefined;
  const signature = JSON.stringify([c.timeZone, c.hours, c.holidays.map((h) => [h.date, h.yearly])]);
  const cached = calendars.get(id);
  if (cached?.signature === signature) return cached.calendar;
  const calendar = businessCalendarOf(c);
  calendars.set(id, { signature, calendar });
  return calendar;
}

// ------------------------------------------------------------------ history

/** What the clocks are computed from: the ticket's public messages and its status categories over time. */
export async function ticketHistory(
  db: Executor,
  wf: WorkflowDocument,
  ticket: { id: string; status: string; created_at: string },
): Promise<History> {
  const categoryOf = (status: string) => findStatus(wf, status)?.category ?? 'open';
  const [messages, changes] = await Promise.all([
    publicMessageAuthors(db, ticket.id),
    statusChanges(db, ticket.id),
  ]);
  const created = Date.parse(ticket.created_at);
  const first = changes[0]?.from_value ?? ticket.status;
  return {
    createdAt: created,
    messages: messages.map((m) => ({
      at: Date.parse(m.created_at),
      by: m.role === 'customer' ? ('customer' as const) : ('staff' as const),
    })),
    categories: [
      { at: created, category: categoryOf(first) },
      ...changes.map((c) => ({ at: Date.parse(c.created_at), category: categoryOf(c.to_value ?? '') })),
    ],
  };
}

/** The policy's targets for one priority, with its pauses, warning and calendar. */
export function policySpec(policy: SlaPolicy, priority: string, calendar: BusinessCalendar): PolicySpec {
  const targets: PolicySpec['targets'] = {};
  for (const t of policy.targets)
    if (t.priority === priority) targets[t.metric] = { minutes: t.minutes, businessHours: t.businessHours };
  return { targets, pauseOn: policy.pauseOn, warning: policy.warning, calendar };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const keyOf = (c: { metric: string; cycle: number }) => `${c.metric}:${c.cycle}`;

/**
 * When the sweep must next look at a clock: its warning, then its deadline, each until announced;
 * outside business hours, unless the policy says otherwise, at the next business hour.
 */
function checkAt(
  c: ComputedClock,
  announced: Pick<ClockRow, 'warned_at' | 'breach_noticed_at'> | undefined,
  policy: SlaPolicy,
  calendar: BusinessCalendar,
): number | null {
  if (c.stoppedAt !== null || c.dueAt === null) return null;
  let at: number | null = null;
  if (!announced?.breach_noticed_at) at = c.dueAt;
  if (c.warnAt !== null && !announced?.warned_at && !announced?.breach_noticed_at && c.warnAt < c.dueAt)
    at = c.warnAt;
  if (at === null || policy.notifyOutsideHours) return at;
  try {
    return nextBusinessStart(calendar, at);
  } catch (err) {
    if (err instanceof NeverOpen) return at;
    throw err;
  }
}

function clockColumns(c: ComputedClock, policy: SlaPolicy, check: number | null, now: string) {
  return {
    policy_id: policy.id,
    calendar_id: policy.calendarId,
    business: c.businessHours ? (1 as const) : (0 as const),
    target_minutes: c.targetMinutes,
    started_at: iso(c.startedAt) ?? now,
    stopped_at: iso(c.stoppedAt),
    paused_since: iso(c.pausedSince),
    pauses: JSON.stringify(c.pauses),
    due_at: iso(c.dueAt),
    warn_at: iso(c.warnAt),
    elapsed_minutes: Math.round(c.elapsedMinutes),
    breached: c.breached && c.stoppedAt !== null ? (1 as const) : (0 as const),
    check_at: iso(check),
    updated_at: now,
  };
}

/** The enabled policies, in order; read once per sync (a handful of rows). */
export const enabledPolicies = async (db: Executor) => (await enabledPolicyRows(db)).map(policyOf);

export const subjectOf = (row: NonNullable<Awaited<ReturnType<typeof slaSubjectRow>>>): PolicySubject => ({
  priority: priorityName(row.priority),
  departmentId: row.department_id,
  type: row.type,
  organisationId: row.organisation_id,
  serviceId: row.service_id,
  channel: row.channel,
  tags: row.tags,
});

/** Whether the stored clock already has these columns (its update time aside). */
const unchanged = (row: ClockRow, columns: ReturnType<typeof clockColumns>) =>
  (Object.keys(columns) as (keyof typeof columns)[]).every(
    (k) => k === 'updated_at' || row[k] === columns[k],
  );

/** Clocks that should no longer run go; those that ran their course stay for the reports. */
const dropOpen = (db: Executor, rows: Iterable<ClockRow>) =>
  deleteClocks(
    db,
    [...rows].filter((r) => r.stopped_at === null).map((r) => r.id),
  );

/** Writes the computed clocks over the stored ones; answers the earliest due time of a running one. */
async function writeClocks(
  db: Executor,
  ticketId: string,
  computed: ComputedClock[],
  existing: ClockRow[],
  policy: SlaPolicy,
  calendar: BusinessCalendar,
  nowText: string,
): Promise<number | null> {
  const stored = new Map(existing.map((r) => [keyOf(r), r]));
  let due: number | null = null;
  for (const c of computed) {
    const row = stored.get(keyOf(c));
    stored.delete(keyOf(c));
    if (c.stoppedAt === null && c.dueAt !== null) due = Math.min(due ?? c.dueAt, c.dueAt);
    // Met or missed already, and still so: left as it was decided.
    if (row?.stopped_at && row.stopped_at === iso(c.stoppedAt)) continue;
    const columns = clockColumns(c, policy, checkAt(c, row, policy, calendar), nowText);
    if (row && unchanged(row, columns)) continue;
    if (row) await updateClock(db, row.id, columns);
    else
      await insertClock(db, {
        id: newId(),
        ticket_id: ticketId,
        metric: c.metric,
        cycle: c.cycle,
        ...columns,
        warned_at: null,
        breach_noticed_at: null,
      });
  }
  await dropOpen(db, stored.values());
  return due;
}

/**
 * Recomputes the ticket's clocks under the first policy that matches it now, in the caller's
 * transaction, and its earliest due time. Without a matching policy its open clocks go (the
 * stopped ones stay, for the reports).
 */
export async function syncTicketSla(
  ctx: Pick<Ctx, 'clock'>,
  db: Executor,
  ticketId: string,
  wf: WorkflowDocument,
): Promise<void> {
  const policies = await enabledPolicies(db);
  // No policy at all (the default): only what an earlier policy left running goes.
  if (policies.length === 0) {
    if (await deleteOpenClocks(db, ticketId)) await setTicketDue(db, ticketId, null);
    return;
  }
  const subject = await slaSubjectRow(db, ticketId);
  if (!subject) return;
  const existing = await clocksOf(db, ticketId);
  const policy = firstMatch(policies, subjectOf(subject));
  const calendar = policy ? await businessCalendar(db, policy.calendarId) : undefined;
  let due: number | null = null;
  if (!policy || !calendar) await dropOpen(db, existing);
  else {
    const now = ctx.clock();
    const computed = computeClocks(
      await ticketHistory(db, wf, subject),
      policySpec(policy, priorityName(subject.priority), calendar),
      now.getTime(),
    );
    due = await writeClocks(db, ticketId, computed, existing, policy, calendar, now.toISOString());
  }
  const dueText = iso(due) ?? NO_DUE;
  if (dueText !== subject.sla_due_at) await setTicketDue(db, ticketId, iso(due));
}

// ------------------------------------------------------------------ reading

/** What the API shows of a clock, from its times in milliseconds. */
type ClockFacts = Pick<
  ComputedClock,
  | 'metric'
  | 'targetMinutes'
  | 'businessHours'
  | 'startedAt'
  | 'stoppedAt'
  | 'dueAt'
  | 'elapsedMinutes'
  | 'breached'
>;

/** A clock as the API shows it as of `now`: its state, and the time left counted as it counts. */
export function presentClock(c: ClockFacts, time: Time, now: number): SlaClock {
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

const ms = (text: string | null) => (text === null ? null : Date.parse(text));

/** The ticket's clocks as staff see them, with the time left counted as each clock counts. */
export async function ticketSla(
  ctx: Pick<Ctx, 'clock'>,
  db: Executor,
  ticketId: string,
): Promise<TicketSla | null> {
  const rows = await clocksOf(db, ticketId);
  if (rows.length === 0) return null;
  const now = ctx.clock().getTime();
  const policyId = rows.findLast((r) => r.policy_id)?.policy_id ?? null;
  const policy = policyId
    ? await db.selectFrom('sla_policies').select('name').where('id', '=', policyId).executeTakeFirst()
    : undefined;
  const clocks: SlaClock[] = [];
  for (const r of rows) {
    const calendar = await businessCalendar(db, r.calendar_id);
    const facts: ClockFacts = {
      metric: r.metric,
      targetMinutes: r.target_minutes,
      businessHours: r.business === 1,
      startedAt: Date.parse(r.started_at),
      stoppedAt: ms(r.stopped_at),
      dueAt: ms(r.due_at),
      elapsedMinutes: r.elapsed_minutes ?? 0,
      breached: r.breached === 1,
    };
    clocks.push(
      presentClock(facts, calendar ? timeOf(calendar, facts.businessHours) : timeOf(ALWAYS, false), now),
    );
  }
  const running = rows.filter((r) => !r.stopped_at && r.due_at).map((r) => r.due_at as string);
  const dueAt = running.length ? running.reduce((a, b) => (a < b ? a : b)) : null;
  return { policyId, policyName: policy?.name ?? null, dueAt, clocks };
}

/** "First reply, Resolution": the targets named in a warning or breach. */
export const metricNames = (metrics: readonly SlaMetric[]) =>
  metrics.map((m) => SLA_METRIC_LABELS[m]).join(', ');
