import type { AutomationCondition, HoursSince } from '../../../common/automations.js';
import type { TriggerCondition, TriggerEvent } from '../../../common/triggers.js';
import type { TicketRow } from '../ticket-data/tickets.repository.js';
import { priorityName } from '../tickets/tickets.present.js';

// Whether a rule runs on an event, and whether its conditions hold for a ticket: pure, given what
// the run loaded (the ticket as earlier rules left it, its tags, the event's message).

/** What happened, as the run resolved it: `reply` became reply.customer or reply.staff. */
export type EventFacts = {
  types: Set<string>;
  fields: string[];
  category?: string;
  channel: string | null;
};

export function runsOn(on: readonly TriggerEvent[], e: EventFacts): boolean {
  return on.some((w) => {
    if (!e.types.has(w.type)) return false;
    switch (w.type) {
      case 'ticket.updated':
        return w.field === undefined || e.fields.includes(w.field);
      case 'status.category':
        return e.category === w.category;
      case 'inbound':
        return e.channel === w.channel;
      default:
        return true;
    }
  });
}

export type TicketFacts = {
  ticket: TicketRow;
  tags: readonly string[];
  message: string | null;
  /** Whether the calendar is open now; null when there is no such calendar. */
  open: (calendarId: string) => boolean | null;
  /** Hours passed since the instant the condition counts from (business hours on its calendar). */
  hours: (c: HoursSince) => number | null;
};

function fieldValue(t: TicketRow, field: Extract<TriggerCondition, { type: 'field' }>['field']) {
  switch (field) {
    case 'status':
      return t.status;
    case 'statusCategory':
      return t.status_category;
    case 'priority':
      return priorityName(t.priority);
    case 'departmentId':
      return t.department_id;
    case 'assigneeId':
      return t.assignee_id;
    case 'requesterId':
      return t.requester_id;
    case 'organisationId':
      return t.organisation_id;
    case 'type':
      return t.type;
    case 'channel':
      return t.channel;
    case 'subject':
      return t.subject;
  }
}

function compare(actual: string | null, op: string, expected: string | null): boolean {
  const has = () => Boolean(expected && actual?.toLowerCase().includes(expected.toLowerCase()));
  switch (op) {
    case 'is':
      return actual === expected;
    case 'isNot':
      return actual !== expected;
    case 'contains':
      return has();
    default:
      return !has();
  }
}

const asText = (v: unknown): string | null =>
  v === undefined || v === null ? null : Array.isArray(v) ? v.join(', ') : String(v);

function hoursHold(c: HoursSince, f: TicketFacts): boolean {
  const h = f.hours(c);
  if (h === null) return false;
  return c.op === 'gte' ? h >= c.hours : h <= c.hours;
}

export function holds(c: AutomationCondition, f: TicketFacts): boolean {
  switch (c.type) {
    case 'field':
      return compare(fieldValue(f.ticket, c.field), c.op, c.value);
    case 'customField': {
      const fields = JSON.parse(f.ticket.fields) as Record<string, unknown>;
      return compare(asText(fields[c.key]), c.op, c.value);
    }
    case 'tag':
      return f.tags.includes(c.tag.toLowerCase()) === (c.op === 'has');
    case 'messageContains':
      return f.message?.toLowerCase().includes(c.text.toLowerCase()) === true;
    case 'businessHours':
      return f.open(c.calendarId) === c.within;
    case 'hoursSince':
      return hoursHold(c, f);
  }
}

export function matches(
  match: 'all' | 'any',
  conditions: readonly AutomationCondition[],
  f: TicketFacts,
): boolean {
  if (conditions.length === 0) return true;
  return match === 'all' ? conditions.every((c) => holds(c, f)) : conditions.some((c) => holds(c, f));
}
