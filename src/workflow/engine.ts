import type { Reason } from '../../common/timeline.js';
import type { WorkflowRefusal } from '../../common/workflow-refusals.js';
import { durationParts, parseDuration } from './duration.js';
import type { Timer, WorkflowDocument, WorkflowStatus } from './types.js';

// Pure: given a workflow document, a ticket's state and an event, decide what happens. No I/O.

export type Audience = 'customer' | 'staff';

/** What a notification is about; who receives it is the notification service's business. */
export const NOTICES = [
  'ticket.created',
  'ticket.customer_reply',
  'ticket.staff_reply',
  'ticket.waiting_on_customer',
  'ticket.reminder',
  'ticket.resolved',
  'ticket.closed',
  'ticket.reopened',
  'ticket.survey',
  'ticket.assigned',
  'ticket.urgent',
  'ticket.merged',
] as const;
export type Notice = (typeof NOTICES)[number];

export type TicketState = { number: number; status: string; statusChangedAt: string; lastActivityAt: string };

export function findStatus(doc: WorkflowDocument, key: string): WorkflowStatus | undefined {
  return doc.statuses.find((s) => s.key === key);
}

export function statusLabel(status: WorkflowStatus, audience: Audience): string {
  return audience === 'customer' ? status.customerLabel : status.staffLabel;
}

const categoryOf = (doc: WorkflowDocument, key: string) => findStatus(doc, key)?.category;

/** Notices that follow from entering a status, whoever or whatever moved the ticket. */
export function noticesForMove(doc: WorkflowDocument, from: string, to: string): Notice[] {
  if (from === to) return [];
  const before = categoryOf(doc, from);
  switch (categoryOf(doc, to)) {
    case 'pending':
      return ['ticket.waiting_on_customer'];
    case 'solved':
      return ['ticket.resolved'];
    case 'closed':
      return doc.surveyOnClose ? ['ticket.closed', 'ticket.survey'] : ['ticket.closed'];
    default:
      return before === 'closed' || before === 'solved' ? ['ticket.reopened'] : [];
  }
}

export type ReplyDecision =
  | { allowed: true; to: string | null; notices: Notice[]; reason: Reason }
  | { allowed: false; refusal: WorkflowRefusal };

function matchRule(rules: WorkflowDocument['onStaffReply'], from: string): string | null {
  const rule = rules.find((r) => r.from.includes(from) || r.from.includes('*'));
  return rule && rule.to !== from ? rule.to : null;
}

/** Whether a reply may be added in the ticket's current status, where it moves the ticket, and who hears of it. */
export function decideReply(
  doc: WorkflowDocument,
  ticket: Pick<TicketState, 'number' | 'status'>,
  author: Audience,
  internal: boolean,
): ReplyDecision {
  if (author === 'staff') {
    if (internal) return { allowed: true, to: null, notices: [], reason: { code: 'internal_note' } };
    const to = matchRule(doc.onStaffReply, ticket.status);
    const moved = to
      ? noticesForMove(doc, ticket.status, to).filter((n) => n !== 'ticket.waiting_on_customer')
      : [];
    return {
      allowed: true,
      to,
      notices: ['ticket.staff_reply', ...moved],
      reason: { code: 'staff_replied' },
    };
  }
  const current = findStatus(doc, ticket.status);
  if (!current)
    return {
      allowed: true,
      to: null,
      notices: ['ticket.customer_reply'],
      reason: { code: 'customer_replied' },
    };
  const closedForGood = current.category === 'closed' && !doc.reopenClosedOnReply;
  if (!current.customerCanReply || closedForGood) {
    return {
      allowed: false,
      refusal: {
        code: 'reply_closed',
        values: { status: current.customerLabel.toLowerCase(), number: String(ticket.number) },
      },
    };
  }
  let to = matchRule(doc.onCustomerReply, ticket.status);
  // A reply to a closed ticket that may be reopened goes back to the start when no rule says where.
  if (!to && current.category === 'closed') to = doc.initialStatus;
  return { allowed: true, to, notices: ['ticket.customer_reply'], reason: { code: 'customer_replied' } };
}

/** What a customer may do to a ticket's status themselves, when the workflow has a rule for it. */
export type CustomerMove = 'close' | 'reopen';

/**
 * A customer closing their ticket, or reopening a solved or closed one: allowed where a rule of
 * the workflow names the ticket's status (`*`: any status the move makes sense from).
 */
export function decideCustomerMove(
  doc: WorkflowDocument,
  ticket: Pick<TicketState, 'number' | 'status'>,
  move: CustomerMove,
): ReplyDecision {
  const category = categoryOf(doc, ticket.status);
  const finished = category === 'solved' || category === 'closed';
  const applies = move === 'close' ? category !== 'closed' : finished;
  const rules = move === 'close' ? doc.onCustomerClose : doc.onCustomerReopen;
  const to = applies ? matchRule(rules, ticket.status) : null;
  if (!to) {
    const label = findStatus(doc, ticket.status)?.customerLabel.toLowerCase() ?? ticket.status;
    return {
      allowed: false,
      refusal: { code: 'customer_move', values: { status: label, move } },
    };
  }
  return {
    allowed: true,
    to,
    notices: noticesForMove(doc, ticket.status, to),
    reason: { code: move === 'close' ? 'customer_closed' : 'customer_reopened' },
  };
}

export type MoveDecision =
  | { allowed: true; notices: Notice[] }
  | { allowed: false; refusal: WorkflowRefusal };

/** A person moving a ticket by hand: the status must exist and be settable by hand. */
export function decideManualMove(doc: WorkflowDocument, from: string, to: string): MoveDecision {
  const target = findStatus(doc, to);
  if (!target) return { allowed: false, refusal: { code: 'no_status', values: { status: to } } };
  if (!target.manual)
    return { allowed: false, refusal: { code: 'not_manual', values: { status: target.staffLabel } } };
  return { allowed: true, notices: noticesForMove(doc, from, to) };
}

// ---- timers ----

export type ScheduledTimer = {
  timer: Timer;
  /** Unique per timer and per stay (or per quiet period): a firing is recorded under this key. */
  key: string;
  dueAt: number;
};

const appliesTo = (doc: WorkflowDocument, timer: Timer, status: string) =>
  timer.status === '*' ? categoryOf(doc, status) !== 'closed' : timer.status === status;

/** Every timer of the ticket's current status, with the moment it falls due. */
export function timerSchedule(doc: WorkflowDocument, t: TicketState): ScheduledTimer[] {
  const out: ScheduledTimer[] = [];
  doc.timers.forEach((timer, index) => {
    if (!appliesTo(doc, timer, t.status)) return;
    const after = parseDuration(timer.after);
    if (after === null) return;
    const since = timer.since === 'lastActivity' ? t.lastActivityAt : t.statusChangedAt;
    const key = `${index}|${timer.status}|${timer.action}|${timer.after}|${timer.since ?? 'entered'}|${t.status}|${since}`;
    out.push({ timer, key, dueAt: Date.parse(since) + after });
  });
  return out.sort((a, b) => a.dueAt - b.dueAt);
}

/** When the sweep should next look at this ticket, or null when no timer is pending. */
export function nextTimerAt(
  doc: WorkflowDocument,
  t: TicketState,
  fired: ReadonlySet<string> = new Set(),
): string | null {
  const next = timerSchedule(doc, t).find((s) => !fired.has(s.key));
  return next ? new Date(next.dueAt).toISOString() : null;
}

export type TimerDecision = {
  /** Reminders to send now. */
  remind: ScheduledTimer[];
  /** Due firings that are superseded (a stale reminder when a later one or a move is also due). */
  skip: ScheduledTimer[];
  transition: (ScheduledTimer & { to: string; reason: Reason; notices: Notice[] }) | null;
};

/**
 * What is due at `now`. After downtime several firings may be due at once: a due move wins and
 * stale reminders are skipped, so a customer gets one sensible message, never a burst.
 */
export function dueTimers(
  doc: WorkflowDocument,
  t: TicketState,
  now: number,
  fired: ReadonlySet<string>,
): TimerDecision {
  const due = timerSchedule(doc, t).filter((s) => s.dueAt <= now && !fired.has(s.key));
  const move = due.find((s) => s.timer.action === 'transition' && s.timer.to && findStatus(doc, s.timer.to));
  if (move?.timer.to) {
    const duration = durationParts(move.timer.after);
    const reason: Reason =
      move.timer.since === 'lastActivity'
        ? { code: 'timer_idle', values: duration }
        : {
            code: 'timer_in_status',
            values: { ...duration, status: findStatus(doc, t.status)?.staffLabel ?? t.status },
          };
    return {
      remind: [],
      skip: due.filter((s) => s !== move),
      transition: {
        ...move,
        to: move.timer.to,
        reason,
        notices: noticesForMove(doc, t.status, move.timer.to),
      },
    };
  }
  const reminders = due.filter((s) => s.timer.action === 'remind');
  const latest = reminders[reminders.length - 1];
  return { remind: latest ? [latest] : [], skip: reminders.slice(0, -1), transition: null };
}
