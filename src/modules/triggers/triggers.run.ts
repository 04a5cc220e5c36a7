import type { AutomationCondition, HoursSince } from '../../../common/automations.js';
import type { Reason } from '../../../common/timeline.js';
import type { TriggerAction, TriggerEvent } from '../../../common/triggers.js';
import { type ActorCtx, type Ctx, nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { JobPayload } from '../../jobs/payloads.js';
import type { JobHandler } from '../../jobs/worker.js';
import { type BusinessCalendar, businessMinutesBetween } from '../../lib/business-time.js';
import { newId } from '../../lib/crypto.js';
import type { WorkflowDocument } from '../../workflow/types.js';
import { businessCalendarOf, loadCalendar } from '../calendars/calendars.service.js';
import { announceTicketChange } from '../live/live.js';
import { tagsOf } from '../tags/tags.repository.js';
import { insertEvents } from '../ticket-data/events.repository.js';
import { eventRow } from '../ticket-data/status.js';
import { findTicketById, type TicketView } from '../ticket-data/tickets.repository.js';
import { queueTriggers } from '../ticket-data/trigger-queue.js';
import { findUserById } from '../users/users.repository.js';
import { lockTicket } from '../workflow/workflow.repository.js';
import { loadWorkflow } from '../workflow/workflow.service.js';
import { isOpenAt } from './business-hours.js';
import { applyAction, type Firing } from './triggers.actions.js';
import { type EventFacts, matches, runsOn, type TicketFacts } from './triggers.match.js';
import {
  claimFiring,
  lastMessagesAt,
  listTriggerRows,
  messageText,
  settleFiring,
  type TriggerRow,
} from './triggers.repository.js';

// A ticket event's pass over the rules: each enabled rule in order that runs on the event and whose
// conditions hold for the ticket as the earlier rules left it fires once (a unique firing row per
// rule, ticket and event, so a retried job fires none twice), all in one transaction. What rules
// with recursion on changed is a new event one level deeper; past MAX_DEPTH the chain is cut, and
// the timeline says so.

export const MAX_DEPTH = 10;

export type Rule = {
  id: string;
  name: string;
  /** A time-based automation (run by the sweep), not a trigger. */
  time: boolean;
  recursive: boolean;
  hourlyLimit: number;
  on: TriggerEvent[];
  match: 'all' | 'any';
  conditions: AutomationCondition[];
  actions: TriggerAction[];
};

export function ruleOf(row: TriggerRow): Rule {
  const d = JSON.parse(row.definition) as Pick<Rule, 'on' | 'match' | 'conditions' | 'actions'>;
  return {
    id: row.id,
    name: row.name,
    time: row.kind === 'time',
    recursive: row.recursive === 1,
    hourlyLimit: row.hourly_limit,
    ...d,
  };
}

/** Who a rule acts as where a function wants a caller: nobody's account, the rule's name. */
export const ruleCtx = (ctx: Ctx, name: string): ActorCtx => ({
  ...ctx,
  actor: { id: '', email: '', name, role: 'admin', organisationId: null, departmentIds: [] },
});

const calendarIdsOf = (conditions: readonly AutomationCondition[]) => [
  ...new Set(
    conditions.flatMap((c) =>
      c.type === 'businessHours' || (c.type === 'hoursSince' && c.calendarId) ? [c.calendarId ?? ''] : [],
    ),
  ),
];

const HOUR = 3_600_000;

/** The instant an hours condition counts from, by the ticket and its latest public messages. */
async function instantsOf(db: Executor, ticket: TicketView, conditions: readonly AutomationCondition[]) {
  const needs = (s: HoursSince['since']) => conditions.some((c) => c.type === 'hoursSince' && c.since === s);
  const last =
    needs('lastCustomerMessage') || needs('lastStaffMessage')
      ? await lastMessagesAt(db, ticket.id)
      : { customer: null, staff: null };
  return {
    created: ticket.created_at,
    updated: ticket.updated_at,
    statusChanged: ticket.status_changed_at,
    lastCustomerMessage: last.customer,
    lastStaffMessage: last.staff,
  } satisfies Record<HoursSince['since'], string | null>;
}

/** Hours between two instants, in business hours when the calendar is given. */
function hoursBetween(calendar: BusinessCalendar | undefined, from: number, to: number): number {
  if (!calendar) return (to - from) / HOUR;
  try {
    return businessMinutesBetween(calendar, from, to) / 60;
  } catch {
    // Never open within the horizon: no business hours pass.
    return 0;
  }
}

/** The facts conditions are checked on: the ticket now, its tags, the event's message, the time. */
export async function ticketFacts(
  ctx: Ctx,
  db: Executor,
  ticket: TicketView,
  message: string | null,
  conditions: readonly AutomationCondition[],
): Promise<TicketFacts> {
  const tags = (await tagsOf(db, [ticket.id])).get(ticket.id) ?? [];
  const now = ctx.clock().getTime();
  const calendars = new Map<string, BusinessCalendar>();
  for (const id of calendarIdsOf(conditions)) {
    const c = await loadCalendar(db, id);
    if (c) calendars.set(id, businessCalendarOf(c));
  }
  const at = await instantsOf(db, ticket, conditions);
  // A calendar deleted since the rule was saved answers neither open nor closed: the condition fails.
  const open = (id: string) => {
    const c = calendars.get(id);
    return c ? isOpenAt(c, now) : null;
  };
  const hours = (c: HoursSince) => {
    const from = at[c.since];
    if (from === null) return null;
    const calendar = c.calendarId ? calendars.get(c.calendarId) : undefined;
    if (c.calendarId && !calendar) return null;
    return hoursBetween(calendar, Date.parse(from), now);
  };
  return { ticket, tags, message, open, hours };
}

/** The event as the rules see it: a public reply is the customer's or staff's by its author. */
async function eventFacts(db: Executor, job: Job, ticket: TicketView) {
  const message = await messageText(db, ticket.id, job.messageId);
  const author = message?.author_id ? await findUserById(db, message.author_id) : undefined;
  const reply = author?.role === 'customer' ? 'reply.customer' : 'reply.staff';
  const facts: EventFacts = {
    types: new Set(job.events.map((e) => (e === 'reply' ? reply : e))),
    fields: job.fields ?? [],
    category: job.category,
    // What came in by a channel: a new ticket, or a customer's reply (staff replies are "portal" or
    // "api" too, but nothing came in).
    channel:
      job.events.includes('inbound') && (job.events.includes('ticket.created') || author?.role === 'customer')
        ? (message?.channel ?? ticket.channel)
        : null,
  };
  return { facts, text: message?.body ?? null };
}

type Job = JobPayload<'triggers.run'>;
type Snapshot = { row: TicketView; tags: string[] };

const snapshot = async (db: Executor, id: string): Promise<Snapshot | undefined> => {
  const row = await findTicketById(db, id);
  return row && { row, tags: (await tagsOf(db, [id])).get(id) ?? [] };
};

const COLUMNS = [
  ['status', 'status'],
  ['priority', 'priority'],
  ['department', 'department_id'],
  ['assignee', 'assignee_id'],
  ['subject', 'subject'],
  ['type', 'type'],
  ['fields', 'fields'],
] as const;

/** The fields a rule changed, by the names `ticket.updated` uses. */
function changedFields(a: Snapshot, b: Snapshot): string[] {
  const out: string[] = COLUMNS.filter(([, c]) => a.row[c] !== b.row[c]).map(([f]) => f);
  if (a.tags.join(',') !== b.tags.join(',')) out.push('tags');
  return out;
}

/** The webhook event a rule's webhook action sends for the event it fired on. */
function webhookEventOf(job: Partial<Pick<Job, 'events' | 'messageId'>>): Firing['event'] {
  const events = job.events ?? [];
  const messageId = job.messageId ?? null;
  if (events.includes('ticket.created')) return { type: 'ticket.created', messageId: null };
  if (events.includes('sla.breach')) return { type: 'ticket.sla_breach', messageId: null };
  if (events.includes('sla.warning')) return { type: 'ticket.sla_warning', messageId: null };
  if (messageId) return { type: 'message.created', messageId };
  return { type: 'ticket.updated', messageId: null };
}

/**
 * One rule on the ticket (locked by the caller): fires once for the event if its conditions hold
 * now. An automation's event is 'armed', unique while it stays so.
 */
export async function fireRule(
  ctx: Ctx,
  trx: Executor,
  wf: WorkflowDocument,
  rule: Rule,
  job: Pick<Job, 'ticketId' | 'eventId' | 'depth'> & Partial<Pick<Job, 'events' | 'messageId'>>,
  text: string | null,
) {
  const before = await snapshot(trx, job.ticketId);
  if (!before || before.row.merged_into_id) return null;
  const facts = await ticketFacts(ctx, trx, before.row, text, rule.conditions);
  if (!matches(rule.match, rule.conditions, facts)) return null;
  const firingId = newId();
  const now = nowIso(ctx);
  const row = { id: firingId, trigger_id: rule.id, ticket_id: job.ticketId, event_id: job.eventId };
  if (!(await claimFiring(trx, { ...row, depth: job.depth, messages: 0, capped: 0, fired_at: now })))
    return null;
  const f: Firing = {
    rule,
    cause: { kind: 'rule', ruleId: rule.id, ruleName: rule.name, time: rule.time },
    messages: 0,
    notes: 0,
    capped: false,
    event: webhookEventOf(job),
  };
  const rctx = ruleCtx(ctx, rule.name);
  const key = rule.time ? `automation:${rule.id}:${firingId}` : `trigger:${rule.id}:${job.eventId}`;
  for (const [i, action] of rule.actions.entries())
    await applyAction(rctx, trx, wf, f, job.ticketId, action, { key: `${key}:${i}`, index: i });
  await settleFiring(trx, firingId, f.messages, f.capped);
  const after = await snapshot(trx, job.ticketId);
  return { fields: after ? changedFields(before, after) : [], notes: f.notes > 0, f };
}

/** What the recursive rules of a pass did, passed on as the next event in the chain. */
async function passOn(
  ctx: Ctx,
  trx: Executor,
  job: Job,
  chain: { fields: Set<string>; notes: boolean; last: Firing; category: string },
) {
  // A status moved into another category is that event too, as when a person moves it.
  const row = chain.fields.has('status') ? await findTicketById(trx, job.ticketId) : undefined;
  const entered = row !== undefined && row.status_category !== chain.category;
  const events = [
    ...(chain.fields.size > 0 ? ['ticket.updated'] : []),
    ...(entered ? ['status.category'] : []),
    ...(chain.notes ? ['note.added'] : []),
  ];
  if (events.length === 0) return;
  if (job.depth + 1 > MAX_DEPTH) {
    const reason: Reason = { code: 'trigger_chain_cut', values: { depth: MAX_DEPTH } };
    await insertEvents(trx, [
      eventRow(job.ticketId, chain.last.cause, nowIso(ctx), {
        type: 'trigger',
        field: 'cut',
        public: false,
        reason,
      }),
    ]);
    return;
  }
  await queueTriggers(
    ctx,
    trx,
    job.ticketId,
    {
      events,
      fields: [...chain.fields],
      category: entered ? row?.status_category : undefined,
    },
    job.depth + 1,
  );
}

/** The pass over the rules in the run's transaction; the ticket's number if any rule fired. */
async function pass(ctx: Ctx, trx: Executor, rules: Rule[], data: Job): Promise<number | null> {
  await lockTicket(trx, data.ticketId);
  const ticket = await findTicketById(trx, data.ticketId);
  if (!ticket || ticket.merged_into_id) return null;
  const { facts, text } = await eventFacts(trx, data, ticket);
  const wf = await loadWorkflow(ctx, trx);
  const chain = { fields: new Set<string>(), notes: false, last: null as Firing | null };
  let fired = false;
  for (const rule of rules) {
    if (!runsOn(rule.on, facts)) continue;
    const done = await fireRule(ctx, trx, wf, rule, data, text);
    if (!done) continue;
    fired = true;
    if (!rule.recursive) continue;
    for (const field of done.fields) chain.fields.add(field);
    chain.notes ||= done.notes;
    chain.last = done.f;
  }
  if (chain.last)
    await passOn(ctx, trx, data, { ...chain, last: chain.last, category: ticket.status_category });
  return fired ? ticket.number : null;
}

/** Runs the enabled rules on one ticket event (the `triggers.run` job). */
export const runTriggers: JobHandler<'triggers.run'> = async (ctx, job) => {
  const rules = (await listTriggerRows(ctx.db, true)).map(ruleOf);
  if (rules.length === 0) return;
  const number = await ctx.db.transaction().execute((trx) => pass(ctx, trx, rules, job.data));
  if (number !== null) await announceTicketChange(ctx, { ticketId: job.data.ticketId, number });
};
