import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideCustomerMove,
  decideManualMove,
  decideReply,
  dueTimers,
  nextTimerAt,
  noticesForMove,
  type TicketState,
} from './engine.js';
import { PRESETS, type PresetName } from './presets/index.js';
import type { WorkflowDocument } from './types.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** What SPEC section 3 says each preset does on a customer reply, per status: the new status, null to keep, or 'blocked'. */
const ON_CUSTOMER_REPLY: Record<PresetName, Record<string, string | null>> = {
  portal: { open: null, in_progress: null, waiting_on_you: 'open', resolved: 'blocked', closed: 'blocked' },
  classic: {
    open: 'customer_reply',
    answered: 'customer_reply',
    customer_reply: null,
    in_progress: 'customer_reply',
    on_hold: 'customer_reply',
    closed: 'customer_reply',
  },
  escalation: {
    submitted: 'with_support',
    with_support: null,
    awaiting_customer: 'with_support',
    with_configuration: 'with_support',
    with_rnd: 'with_support',
    with_product: 'with_support',
    with_devops: 'with_support',
    with_csm: 'with_support',
    resolved: 'with_support',
    closed: 'with_support',
  },
  subscription: {
    open: 'reopened',
    answered: 'reopened',
    reopened: null,
    on_hold: 'reopened',
    closed: 'reopened',
  },
};

/** On a public staff reply: classic moves to Answered, the others keep the status. */
const staffReplyTarget = (preset: PresetName, status: string) =>
  preset === 'classic' && status !== 'answered' ? 'answered' : null;

/** Timed behaviour per preset and status: [days after entering (or of inactivity), action, target]. */
const TIMERS: Record<PresetName, Record<string, [number, 'remind' | 'transition', string?][]>> = {
  portal: { resolved: [[7, 'transition', 'closed']] },
  classic: { answered: [[7, 'transition', 'closed']] },
  escalation: {
    awaiting_customer: [
      [2, 'remind'],
      [5, 'remind'],
      [7, 'transition', 'closed'],
    ],
    resolved: [[2, 'transition', 'closed']],
  },
  subscription: {},
};

const cases = (Object.keys(PRESETS) as PresetName[]).flatMap((preset) =>
  PRESETS[preset].statuses.map((s) => ({ preset, status: s.key, manual: s.manual })),
);
const state = (status: string, at = T0): TicketState => ({
  number: 1042,
  status,
  statusChangedAt: iso(at),
  lastActivityAt: iso(at),
});

/** Where a customer's own close and reopen take a ticket in each status; null: refused. */
const CUSTOMER_MOVES: Record<PresetName, Record<string, [string | null, string | null]>> = {
  portal: {
    open: ['closed', null],
    in_progress: ['closed', null],
    waiting_on_you: ['closed', null],
    resolved: ['closed', 'open'],
    closed: [null, null],
  },
  classic: {
    open: ['closed', null],
    answered: ['closed', null],
    customer_reply: ['closed', null],
    in_progress: ['closed', null],
    on_hold: ['closed', null],
    closed: [null, 'customer_reply'],
  },
  escalation: {
    submitted: ['closed', null],
    with_support: ['closed', null],
    awaiting_customer: ['closed', null],
    with_configuration: ['closed', null],
    with_rnd: ['closed', null],
    with_product: ['closed', null],
    with_devops: ['closed', null],
    with_csm: ['closed', null],
    resolved: ['closed', 'with_support'],
    closed: [null, 'with_support'],
  },
  subscription: {
    open: ['closed', null],
    answered: ['closed', null],
    reopened: ['closed', null],
    on_hold: ['closed', null],
    closed: [null, 'reopened'],
  },
};

describe('presets', () => {
  it('cover exactly the statuses of SPEC section 3', () => {
    for (const preset of Object.keys(PRESETS) as PresetName[]) {
      expect(PRESETS[preset].statuses.map((s) => s.key).sort()).toEqual(
        Object.keys(ON_CUSTOMER_REPLY[preset]).sort(),
      );
    }
    expect(PRESETS.escalation.surveyOnClose).toBe(true);
    expect(PRESETS.portal.statuses.find((s) => s.key === 'waiting_on_you')).toMatchObject({
      staffLabel: 'Awaiting customer',
      customerLabel: 'Waiting on You',
      category: 'pending',
    });
  });
});

describe.each(cases)('$preset / $status', ({ preset, status, manual }) => {
  const doc = PRESETS[preset];

  it('customer reply', () => {
    const d = decideReply(doc, state(status), 'customer', false);
    const expected = ON_CUSTOMER_REPLY[preset][status];
    if (expected === 'blocked') {
      expect(d.allowed).toBe(false);
      if (!d.allowed) expect(d.refusal).toMatchObject({ code: 'reply_closed', values: { number: '1042' } });
      return;
    }
    expect(d).toMatchObject({ allowed: true, to: expected });
    if (d.allowed) expect(d.notices[0]).toBe('ticket.customer_reply');
  });

  it('public staff reply', () => {
    const d = decideReply(doc, state(status), 'staff', false);
    expect(d).toMatchObject({ allowed: true, to: staffReplyTarget(preset, status) });
    if (d.allowed) expect(d.notices).toContain('ticket.staff_reply');
  });

  it('internal note: never moves, never notifies', () => {
    expect(decideReply(doc, state(status), 'staff', true)).toEqual({
      allowed: true,
      to: null,
      notices: [],
      reason: { code: 'internal_note' },
    });
  });

  it('the customer closes or reopens it themselves', () => {
    const expected = CUSTOMER_MOVES[preset][status];
    (['close', 'reopen'] as const).forEach((move, i) => {
      const d = decideCustomerMove(doc, state(status), move);
      const to = expected?.[i] ?? null;
      expect(d.allowed ? d.to : null).toBe(to);
      if (d.allowed) expect(d.notices).toEqual(noticesForMove(doc, status, to ?? ''));
    });
  });

  it('manual move into this status', () => {
    const from = doc.statuses.find((s) => s.key !== status)?.key ?? status;
    const d = decideManualMove(doc, from, status);
    expect(d.allowed).toBe(manual);
    expect(manual).toBe(!(preset === 'classic' && status === 'answered'));
  });

  it('timers', () => {
    const expected = TIMERS[preset][status] ?? [];
    const fired = new Set<string>();
    for (const [days, action, to] of expected) {
      const before = dueTimers(doc, state(status), T0 + days * DAY - 1000, fired);
      expect(before.transition).toBeNull();
      expect(before.remind).toEqual([]);
      const at = dueTimers(doc, state(status), T0 + days * DAY, fired);
      if (action === 'transition') {
        expect(at.transition?.to).toBe(to);
        expect(at.transition?.notices).toEqual(noticesForMove(doc, status, to ?? ''));
        fired.add(at.transition?.key ?? '');
      } else {
        expect(at.remind).toHaveLength(1);
        fired.add(at.remind[0]?.key ?? '');
      }
    }
    expect(nextTimerAt(doc, state(status), fired)).toBeNull();
  });
});

describe('a ticket nobody on the staff answered', () => {
  const AFTER_A_YEAR = T0 + 365 * DAY;
  const settled = new Set(['solved', 'closed']);

  /** Every status a ticket can reach from its first one with no one on the staff acting: customer replies and timers. */
  function unanswered(doc: WorkflowDocument) {
    const seen = new Set([doc.initialStatus]);
    const moves: [string, string, string][] = [];
    const queue = [doc.initialStatus];
    for (let status = queue.pop(); status !== undefined; status = queue.pop()) {
      const reply = decideReply(doc, state(status), 'customer', false);
      const timer = dueTimers(doc, state(status), AFTER_A_YEAR, new Set()).transition;
      for (const [how, to] of [
        ['customer reply', reply.allowed ? reply.to : null],
        ['timer', timer?.to ?? null],
      ] as const) {
        if (!to) continue;
        moves.push([status, how, to]);
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    return { statuses: [...seen], moves };
  }

  it.each(Object.keys(PRESETS) as PresetName[])('%s: is never resolved or closed by a timer', (preset) => {
    const doc = PRESETS[preset];
    const { statuses, moves } = unanswered(doc);
    const category = (key: string) => doc.statuses.find((s) => s.key === key)?.category ?? '';
    expect(statuses.filter((s) => settled.has(category(s)))).toEqual([]);
    expect(moves.filter(([, how, to]) => how === 'timer' && settled.has(category(to)))).toEqual([]);
  });

  it('classic: a ticket staff answered still closes after a week without the customer', () => {
    expect(dueTimers(PRESETS.classic, state('answered'), T0 + 7 * DAY, new Set()).transition?.to).toBe(
      'closed',
    );
    for (const waitingOnStaff of ['open', 'customer_reply', 'in_progress', 'on_hold'])
      expect(nextTimerAt(PRESETS.classic, state(waitingOnStaff))).toBeNull();
  });
});

describe('timers after downtime', () => {
  it('a server stopped for 10 days closes once and skips the stale reminders', () => {
    const doc = PRESETS.escalation;
    const d = dueTimers(doc, state('awaiting_customer'), T0 + 10 * DAY, new Set());
    expect(d.transition?.to).toBe('closed');
    expect(d.remind).toEqual([]);
    expect(d.skip).toHaveLength(2);
  });

  it('two overdue reminders become one', () => {
    const d = dueTimers(PRESETS.escalation, state('awaiting_customer'), T0 + 6 * DAY, new Set());
    expect(d.remind).toHaveLength(1);
    expect(d.remind[0]?.timer.after).toBe('P5D');
    expect(d.skip).toHaveLength(1);
  });

  it('inactivity counts from the last activity, not from entering the status', () => {
    const doc = PRESETS.classic;
    const t = { ...state('answered'), lastActivityAt: iso(T0 + 5 * DAY) };
    expect(dueTimers(doc, t, T0 + 8 * DAY, new Set()).transition).toBeNull();
    expect(dueTimers(doc, t, T0 + 12 * DAY, new Set()).transition?.to).toBe('closed');
  });
});

describe('notices', () => {
  it('entering waiting-on-customer, resolved and closed notify; closing sends the survey where configured', () => {
    expect(noticesForMove(PRESETS.portal, 'open', 'waiting_on_you')).toEqual(['ticket.waiting_on_customer']);
    expect(noticesForMove(PRESETS.portal, 'open', 'resolved')).toEqual(['ticket.resolved']);
    expect(noticesForMove(PRESETS.portal, 'resolved', 'closed')).toEqual(['ticket.closed']);
    expect(noticesForMove(PRESETS.escalation, 'resolved', 'closed')).toEqual([
      'ticket.closed',
      'ticket.survey',
    ]);
    expect(noticesForMove(PRESETS.escalation, 'closed', 'with_support')).toEqual(['ticket.reopened']);
  });
});

describe('property: no sequence of events leaves a ticket in a status the document does not have', () => {
  const presetArb = fc.constantFrom(...(Object.keys(PRESETS) as PresetName[]));
  const eventArb = fc.oneof(
    fc.constant({ kind: 'customer' as const }),
    fc.constant({ kind: 'staff' as const }),
    fc.constant({ kind: 'note' as const }),
    fc.record({ kind: fc.constant('move' as const), to: fc.string({ maxLength: 20 }) }),
    fc.record({ kind: fc.constant('moveKnown' as const), index: fc.nat(20) }),
    fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 20 * DAY }) }),
  );

  it('holds for every preset', () => {
    fc.assert(
      fc.property(presetArb, fc.array(eventArb, { maxLength: 60 }), (preset, events) => {
        const doc = PRESETS[preset];
        let now = T0;
        let t = state(doc.initialStatus);
        const fired = new Set<string>();
        const move = (to: string | null) => {
          if (to && to !== t.status)
            t = { ...t, status: to, statusChangedAt: iso(now), lastActivityAt: iso(now) };
        };
        for (const e of events) {
          switch (e.kind) {
            case 'customer':
            case 'staff': {
              const d = decideReply(doc, t, e.kind, false);
              if (d.allowed) {
                t = { ...t, lastActivityAt: iso(now) };
                move(d.to);
              }
              break;
            }
            case 'note':
              expect(decideReply(doc, t, 'staff', true)).toMatchObject({ to: null });
              break;
            case 'move':
              if (decideManualMove(doc, t.status, e.to).allowed) move(e.to);
              break;
            case 'moveKnown': {
              const to = doc.statuses[e.index % doc.statuses.length]?.key ?? t.status;
              if (decideManualMove(doc, t.status, to).allowed) move(to);
              break;
            }
            case 'wait': {
              now += e.ms;
              const d = dueTimers(doc, t, now, fired);
              for (const s of [...d.skip, ...d.remind]) fired.add(s.key);
              if (d.transition) {
                fired.add(d.transition.key);
                move(d.transition.to);
              }
              break;
            }
          }
          expect(doc.statuses.map((s) => s.key)).toContain(t.status);
        }
      }),
      { numRuns: 500 },
    );
  });
});
