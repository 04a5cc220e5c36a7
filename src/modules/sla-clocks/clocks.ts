import type { SlaMetric, SlaPauseOn, SlaWarning } from '../../../common/sla.js';
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
} from '../../lib/business-time.js';

// A ticket's service-level clocks, computed from its history: pure, so the same history and
// policy always give the same clocks, and re-evaluating under another policy (a raised priority)
// keeps every minute already spent and paused, because those come from the history, not from the
// clock as it was.
//
//  - First reply runs from the first public customer message to the first public staff reply after it.
//  - Next reply runs again from each customer message that follows a staff reply (the oldest one
//    unanswered) to the next public staff reply; each such cycle is a clock of its own.
//  - Resolution runs from the ticket's creation until it is solved or closed.
// A clock stands still while the ticket is in a status category its policy pauses it in, and every
// clock stands still while the ticket is solved or closed (nobody owes an answer then); one still
// open when the ticket is solved or closed stops there. A reopened ticket's clocks go on with the
// time they had left. Deadlines move by exactly the time paused, counted as the clock counts.

export type Category = string;
export type History = {
  createdAt: number;
  /** Public messages, oldest first. */
  messages: readonly { at: number; by: 'customer' | 'staff' }[];
  /** The status category the ticket entered at each instant, oldest first; the first at creation. */
  categories: readonly { at: number; category: Category }[];
};
export type TargetSpec = { minutes: number; businessHours: boolean };
export type PolicySpec = {
  targets: Partial<Record<SlaMetric, TargetSpec>>;
  pauseOn: SlaPauseOn;
  warning: SlaWarning | null;
  calendar: BusinessCalendar;
};
export type Span = readonly [from: number, to: number];
export type ComputedClock = {
  metric: SlaMetric;
  cycle: number;
  targetMinutes: number;
  businessHours: boolean;
  startedAt: number;
  stoppedAt: number | null;
  /** Ended spans the clock stood still, within [start, stop or now]. */
  pauses: Span[];
  pausedSince: number | null;
  /** Null while paused before it fell due: the deadline moves with the pause. */
  dueAt: number | null;
  warnAt: number | null;
  /** Minutes of the clock's own time from start to stop, or to now while open. */
  elapsedMinutes: number;
  breached: boolean;
};

const MINUTE = 60_000;
const RESOLVED = new Set(['solved', 'closed']);

/** Counting and adding in one clock's time: business minutes on the calendar, or plain minutes. */
export type Time = {
  between: (from: number, to: number) => number;
  add: (from: number, minutes: number) => number;
};
export const timeOf = (calendar: BusinessCalendar, business: boolean): Time =>
  business
    ? {
        between: (a, b) => businessMinutesBetween(calendar, a, b),
        add: (a, m) => addBusinessMinutes(calendar, a, m),
      }
    : { between: (a, b) => (b - a) / MINUTE, add: (a, m) => a + m * MINUTE };

/** When `target` minutes of the clock's time have run since `start`, given the pauses so far. */
export function dueAfter(time: Time, start: number, target: number, pauses: readonly Span[]): number {
  let due = time.add(start, target);
  for (const [from, to] of pauses) {
    if (from >= due) break;
    due = time.add(due, time.between(from, to));
  }
  return due;
}

/** The minutes of the warning's target, or null when it would come at or before the start. */
export function warnMinutes(target: number, warning: SlaWarning | null): number | null {
  if (!warning) return null;
  const m =
    'percent' in warning ? Math.floor((target * warning.percent) / 100) : target - warning.minutesBefore;
  return m > 0 ? m : null;
}

/** The spans in [start, end) the ticket sat in one of `categories`, clipped; the last may be open (to = end). */
function spansIn(
  history: History,
  categories: ReadonlySet<Category>,
  start: number,
  end: number,
): { closed: Span[]; openFrom: number | null } {
  const closed: Span[] = [];
  let openFrom: number | null = null;
  const cats = history.categories;
  for (let i = 0; i < cats.length; i++) {
    const c = cats[i];
    if (!c || !categories.has(c.category)) continue;
    const from = Math.max(c.at, start);
    const nextAt = cats[i + 1]?.at;
    if (nextAt === undefined) {
      // Still in it; a pause that begins this very instant counts already.
      if (from <= end) openFrom = from;
      continue;
    }
    const to = Math.min(nextAt, end);
    if (to > from) closed.push([from, to]);
  }
  return { closed, openFrom };
}

/** One clock from its start (and the reply that stops it, if any), as of `now`. */
function clockOf(
  history: History,
  policy: PolicySpec,
  metric: SlaMetric,
  cycle: number,
  start: number,
  replyAt: number | null,
  now: number,
): ComputedClock | null {
  const target = policy.targets[metric];
  if (!target) return null;
  const time = timeOf(policy.calendar, target.businessHours);
  // Solved or closed now, unanswered: the clock stops where that began.
  const last = history.categories[history.categories.length - 1];
  const resolvedAt = last && RESOLVED.has(last.category) ? Math.max(last.at, start) : null;
  const stoppedAt = replyAt ?? resolvedAt;
  const end = stoppedAt ?? now;
  const still = new Set<Category>([...policy.pauseOn[metric], ...RESOLVED]);
  const { closed, openFrom } = spansIn(history, still, start, end);
  // The span that stops the clock is not a pause of it.
  const pausedSince = stoppedAt === null ? openFrom : null;
  const pauses = closed;
  const pausedMinutes = pauses.reduce((sum, [a, b]) => sum + time.between(a, b), 0);
  const elapsedMinutes = Math.max(0, time.between(start, pausedSince ?? end) - pausedMinutes);
  let dueAt: number | null = dueAfter(time, start, target.minutes, pauses);
  const warnTarget = warnMinutes(target.minutes, policy.warning);
  let warnAt = warnTarget === null ? null : dueAfter(time, start, warnTarget, pauses);
  let breached: boolean;
  if (stoppedAt !== null) breached = stoppedAt > dueAt;
  else if (pausedSince !== null && pausedSince < dueAt) {
    // Paused before it fell due: no deadline until it runs again.
    breached = false;
    dueAt = null;
    if (warnAt !== null && pausedSince < warnAt) warnAt = null;
  } else breached = now >= dueAt;
  return {
    metric,
    cycle,
    targetMinutes: target.minutes,
    businessHours: target.businessHours,
    startedAt: start,
    stoppedAt,
    pauses,
    pausedSince,
    dueAt,
    warnAt,
    elapsedMinutes,
    breached,
  };
}

/** Where a public message of `by` comes after index `i`, or -1. */
function nextBy(msgs: History['messages'], i: number, by: 'customer' | 'staff'): number {
  for (let j = i + 1; j < msgs.length; j++) if (msgs[j]?.by === by) return j;
  return -1;
}

/** First reply, then a next-reply cycle for each customer message that follows a staff reply. */
function replyClocks(history: History, policy: PolicySpec, now: number): ComputedClock[] {
  const out: ComputedClock[] = [];
  const msgs = history.messages;
  const at = (i: number) => (i >= 0 ? (msgs[i]?.at ?? null) : null);
  let asked = nextBy(msgs, -1, 'customer');
  for (let cycle = 0; asked >= 0; cycle++) {
    const reply = nextBy(msgs, asked, 'staff');
    const metric = cycle === 0 ? 'firstReply' : 'nextReply';
    const clock = clockOf(history, policy, metric, cycle, at(asked) ?? history.createdAt, at(reply), now);
    if (clock) out.push(clock);
    if (reply < 0) break;
    asked = nextBy(msgs, reply, 'customer');
  }
  return out;
}

/** Every clock the policy gives a ticket with this history, as of `now`. */
export function computeClocks(history: History, policy: PolicySpec, now: number): ComputedClock[] {
  const out = replyClocks(history, policy, now);
  const resolution = clockOf(history, policy, 'resolution', 0, history.createdAt, null, now);
  if (resolution) out.push(resolution);
  return out;
}
