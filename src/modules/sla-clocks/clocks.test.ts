import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAUSE_ON } from '../../../common/sla.js';
import type { BusinessCalendar, WeekHours } from '../../lib/business-time.js';
import { holidaysFromIcal } from '../calendars/ical.js';
import { type ComputedClock, computeClocks, type History, type PolicySpec } from './clocks.js';

// The clocks as a function of a ticket's history, on a fixed calendar and a clock given as an
// argument: Mon–Fri 09:00–12:00 and 13:30–17:00 in Berlin, with a holiday.

const at = (iso: string) => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(iso);
  return t;
};
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const office = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:00' },
];
const hours: WeekHours = {
  mon: office,
  tue: office,
  wed: office,
  thu: office,
  fri: office,
  sat: [],
  sun: [],
};
const berlin: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  hours,
  holidays: [{ date: '2026-12-25', yearly: true }],
};
const policy = (targets: PolicySpec['targets'], over: Partial<PolicySpec> = {}): PolicySpec => ({
  targets,
  pauseOn: DEFAULT_PAUSE_ON,
  warning: { percent: 80 },
  calendar: berlin,
  ...over,
});
const business = (minutes: number) => ({ minutes, businessHours: true });
const clock = (clocks: ComputedClock[], metric: ComputedClock['metric'], cycle = 0) => {
  const c = clocks.find((x) => x.metric === metric && x.cycle === cycle);
  if (!c) throw new Error(`no ${metric} clock ${cycle}`);
  return c;
};

// Friday 16:00 in Berlin (winter: UTC+1).
const friday = at('2026-11-27T16:00:00+01:00');
const opened = (createdAt = friday): History => ({
  createdAt,
  messages: [{ at: createdAt, by: 'customer' }],
  categories: [{ at: createdAt, category: 'new' }],
});

describe('first reply, on business hours with a lunch break', () => {
  it('created Friday 16:00 with 4 business hours: due Monday 12:00, warned at 80 % (Monday 11:12)', () => {
    const c = clock(computeClocks(opened(), policy({ firstReply: business(240) }), friday), 'firstReply');
    expect(iso(c.dueAt)).toBe('2026-11-30T11:00:00.000Z');
    expect(iso(c.warnAt)).toBe('2026-11-30T10:12:00.000Z');
    expect(c.breached).toBe(false);
  });

  it('two business hours spent pending move the deadline by exactly two business hours', () => {
    const h = opened();
    // Pending from Monday 09:00 to 11:00 (two business hours), then open again.
    const paused: History = {
      ...h,
      categories: [
        ...h.categories,
        { at: at('2026-11-30T09:00:00+01:00'), category: 'pending' },
        { at: at('2026-11-30T11:00:00+01:00'), category: 'open' },
      ],
    };
    const now = at('2026-11-30T11:30:00+01:00');
    const c = clock(computeClocks(paused, policy({ firstReply: business(240) }), now), 'firstReply');
    // Monday 12:00 plus two business hours: 13:30–15:30.
    expect(iso(c.dueAt)).toBe('2026-11-30T14:30:00.000Z');
    expect(c.pauses).toEqual([[at('2026-11-30T09:00:00+01:00'), at('2026-11-30T11:00:00+01:00')]]);
    // Friday 16–17 and Monday 11:00–11:30: 90 minutes counted.
    expect(c.elapsedMinutes).toBe(90);
  });

  it('while pending there is no deadline, and the time left is kept', () => {
    const h = opened();
    const pendingSince = at('2026-11-30T10:00:00+01:00');
    const paused: History = {
      ...h,
      categories: [...h.categories, { at: pendingSince, category: 'pending' }],
    };
    const c = clock(
      computeClocks(paused, policy({ firstReply: business(240) }), at('2026-12-03T10:00:00+01:00')),
      'firstReply',
    );
    expect(c.dueAt).toBeNull();
    expect(c.pausedSince).toBe(pendingSince);
    expect(c.elapsedMinutes).toBe(120);
    expect(c.breached).toBe(false);
  });

  it('a staff reply stops it: met before the deadline, missed after', () => {
    const h = opened();
    const early = {
      ...h,
      messages: [...h.messages, { at: at('2026-11-30T10:00:00+01:00'), by: 'staff' as const }],
    };
    const late = {
      ...h,
      messages: [...h.messages, { at: at('2026-11-30T14:00:00+01:00'), by: 'staff' as const }],
    };
    const now = at('2026-12-01T09:00:00+01:00');
    const met = clock(computeClocks(early, policy({ firstReply: business(240) }), now), 'firstReply');
    expect(iso(met.stoppedAt)).toBe('2026-11-30T09:00:00.000Z');
    expect(met.breached).toBe(false);
    expect(met.elapsedMinutes).toBe(120);
    const missed = clock(computeClocks(late, policy({ firstReply: business(240) }), now), 'firstReply');
    expect(missed.breached).toBe(true);
    expect(missed.elapsedMinutes).toBe(240 + 30);
  });

  it('a holiday from an iCal file is skipped', () => {
    const ics = readFileSync(new URL('../../../test/fixtures/holidays.ics', import.meta.url), 'utf8');
    const { holidays } = holidaysFromIcal(ics, new Date('2026-06-01T00:00:00Z'));
    const withIcal: BusinessCalendar = {
      ...berlin,
      holidays: holidays.map((x) => ({ date: x.date, yearly: x.yearly })),
    };
    // Thursday 24 December 16:00: the 25th (Friday) is a holiday in the file, so four hours run
    // Thursday 16–17 and Monday 28th 09:00–12:00.
    const start = at('2026-12-24T16:00:00+01:00');
    const c = clock(
      computeClocks(opened(start), policy({ firstReply: business(240) }, { calendar: withIcal }), start),
      'firstReply',
    );
    expect(iso(c.dueAt)).toBe('2026-12-28T11:00:00.000Z');
  });
});

describe('next reply and resolution', () => {
  it('a later customer message starts next reply from the oldest unanswered one', () => {
    const t = (iso: string) => at(`2026-12-01T${iso}:00+01:00`);
    const h: History = {
      createdAt: t('09:00'),
      messages: [
        { at: t('09:00'), by: 'customer' },
        { at: t('09:30'), by: 'staff' },
        { at: t('10:00'), by: 'customer' },
        { at: t('10:15'), by: 'customer' },
        { at: t('11:00'), by: 'staff' },
        { at: t('14:00'), by: 'customer' },
      ],
      categories: [{ at: t('09:00'), category: 'new' }],
    };
    const clocks = computeClocks(
      h,
      policy({ firstReply: business(60), nextReply: business(30) }),
      t('15:00'),
    );
    expect(clocks.map((c) => [c.metric, c.cycle, iso(c.startedAt), iso(c.stoppedAt), c.breached])).toEqual([
      ['firstReply', 0, '2026-12-01T08:00:00.000Z', '2026-12-01T08:30:00.000Z', false],
      ['nextReply', 1, '2026-12-01T09:00:00.000Z', '2026-12-01T10:00:00.000Z', true],
      ['nextReply', 2, '2026-12-01T13:00:00.000Z', null, true],
    ]);
  });

  it('resolution stops when solved, and a reopened ticket goes on with the time it had left', () => {
    const t = (iso: string) => at(`2026-12-01T${iso}:00+01:00`);
    const base: History = {
      createdAt: t('09:00'),
      messages: [{ at: t('09:00'), by: 'customer' }],
      categories: [
        { at: t('09:00'), category: 'new' },
        { at: t('10:00'), category: 'solved' },
      ],
    };
    const target = policy({ resolution: business(120) });
    const solved = clock(computeClocks(base, target, t('15:00')), 'resolution');
    expect(iso(solved.stoppedAt)).toBe('2026-12-01T09:00:00.000Z');
    expect(solved.breached).toBe(false);
    const reopened = { ...base, categories: [...base.categories, { at: t('14:00'), category: 'open' }] };
    const again = clock(computeClocks(reopened, target, t('14:30')), 'resolution');
    expect(again.stoppedAt).toBeNull();
    // One hour used before it was solved; one left from 14:00.
    expect(iso(again.dueAt)).toBe('2026-12-01T14:00:00.000Z');
  });

  it('on hold pauses resolution only when the policy says so', () => {
    const t = (iso: string) => at(`2026-12-01T${iso}:00+01:00`);
    const h: History = {
      createdAt: t('09:00'),
      messages: [],
      categories: [
        { at: t('09:00'), category: 'open' },
        { at: t('10:00'), category: 'on_hold' },
        { at: t('11:00'), category: 'open' },
      ],
    };
    const by = (pauseOn: PolicySpec['pauseOn']) =>
      iso(
        clock(computeClocks(h, policy({ resolution: business(180) }, { pauseOn }), t('11:30')), 'resolution')
          .dueAt,
      );
    expect(by(DEFAULT_PAUSE_ON)).toBe('2026-12-01T11:00:00.000Z');
    expect(by({ ...DEFAULT_PAUSE_ON, resolution: ['pending', 'on_hold'] })).toBe('2026-12-01T13:30:00.000Z');
  });
});

describe('re-evaluation and daylight saving', () => {
  it('a priority raised mid-way (8 h → 4 h) keeps the time spent and the time paused', () => {
    const t = (iso: string) => at(`2026-12-01T${iso}:00+01:00`);
    const h: History = {
      createdAt: t('09:00'),
      messages: [{ at: t('09:00'), by: 'customer' }],
      categories: [
        { at: t('09:00'), category: 'new' },
        { at: t('10:00'), category: 'pending' },
        { at: t('11:00'), category: 'open' },
      ],
    };
    const now = t('11:30');
    const normal = clock(computeClocks(h, policy({ firstReply: business(480) }), now), 'firstReply');
    const urgent = clock(computeClocks(h, policy({ firstReply: business(240) }), now), 'firstReply');
    expect(normal.elapsedMinutes).toBe(90);
    expect(urgent.elapsedMinutes).toBe(90);
    expect(urgent.pauses).toEqual(normal.pauses);
    // 4 h from 09:00 plus the hour pending: 09–10, 11–12, 13:30–15:30.
    expect(iso(urgent.dueAt)).toBe('2026-12-01T14:30:00.000Z');
    expect(urgent.startedAt).toBe(normal.startedAt);
  });

  it('spans the spring and the autumn change in calendar time, counting real hours', () => {
    const around = policy({ resolution: { minutes: 48 * 60, businessHours: false } });
    // Saturday before the spring change (29 March 2026, 02:00 → 03:00): 48 real hours later is
    // Monday at 13:00 on the wall clock, an hour later than the wall clock would say without it.
    const spring = at('2026-03-28T12:00:00+01:00');
    const s = clock(computeClocks(opened(spring), around, spring), 'resolution');
    expect(iso(s.dueAt)).toBe('2026-03-30T11:00:00.000Z');
    const autumn = at('2026-10-24T12:00:00+02:00');
    const a = clock(computeClocks(opened(autumn), around, autumn), 'resolution');
    // …and after the autumn change (25 October, 03:00 → 02:00) Monday at 11:00, an hour earlier.
    expect(iso(a.dueAt)).toBe('2026-10-26T10:00:00.000Z');
  });

  it('spans both changes in business time: wall-clock office hours, not shifted by an hour', () => {
    const spring = at('2026-03-27T16:00:00+01:00'); // Friday before the spring change
    const s = clock(
      computeClocks(opened(spring), policy({ firstReply: business(240) }), spring),
      'firstReply',
    );
    expect(iso(s.dueAt)).toBe('2026-03-30T10:00:00.000Z'); // Monday 12:00 CEST
    const autumn = at('2026-10-23T16:00:00+02:00'); // Friday before the autumn change
    const a = clock(
      computeClocks(opened(autumn), policy({ firstReply: business(240) }), autumn),
      'firstReply',
    );
    expect(iso(a.dueAt)).toBe('2026-10-26T11:00:00.000Z'); // Monday 12:00 CET
  });
});

describe('properties', () => {
  // A history: created at some instant of 2026, then up to eight status changes and messages.
  const CATS = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
  const history = fc
    .record({
      created: fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2026-12-01T00:00:00Z') }),
      steps: fc.array(
        fc.record({
          gap: fc.integer({ min: 1, max: 3 * 24 * 60 }),
          what: fc.oneof(fc.constantFrom(...CATS), fc.constantFrom('customer', 'staff')),
        }),
        { maxLength: 8 },
      ),
    })
    .map(({ created, steps }): History & { end: number } => {
      let t = created;
      const messages: History['messages'][number][] = [{ at: created, by: 'customer' }];
      const categories: History['categories'][number][] = [{ at: created, category: 'new' }];
      for (const s of steps) {
        t += s.gap * 60_000;
        if (s.what === 'customer' || s.what === 'staff') messages.push({ at: t, by: s.what });
        else categories.push({ at: t, category: s.what });
      }
      return { createdAt: created, messages, categories, end: t };
    });
  const targets = fc.record({
    minutes: fc.integer({ min: 1, max: 5 * 24 * 60 }),
    businessHours: fc.boolean(),
  });

  it('a deadline is never before the clock started, nor a warning after the deadline', () => {
    fc.assert(
      fc.property(history, targets, (h, target) => {
        const spec = policy({ firstReply: target, nextReply: target, resolution: target });
        for (const c of computeClocks(h, spec, h.end + 60_000)) {
          expect(c.startedAt).toBeGreaterThanOrEqual(h.createdAt);
          if (c.dueAt !== null) expect(c.dueAt).toBeGreaterThan(c.startedAt);
          if (c.dueAt !== null && c.warnAt !== null) expect(c.warnAt).toBeLessThanOrEqual(c.dueAt);
          expect(c.elapsedMinutes).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('pausing never shortens a deadline: the same history with a pause is due no earlier', () => {
    fc.assert(
      fc.property(
        history,
        targets,
        fc.integer({ min: 1, max: 2 * 24 * 60 }),
        fc.integer({ min: 1, max: 24 * 60 }),
        (h, target, pauseAfter, pauseFor) => {
          const spec = policy({ resolution: target });
          const from = h.createdAt + pauseAfter * 60_000;
          const to = from + pauseFor * 60_000;
          // Only histories that stay open until after the pause: the pause is then the only change.
          const plain: History = { ...h, messages: [], categories: [{ at: h.createdAt, category: 'open' }] };
          const paused: History = {
            ...plain,
            categories: [
              ...plain.categories,
              { at: from, category: 'pending' },
              { at: to, category: 'open' },
            ],
          };
          const now = to + 60_000;
          const a = clock(computeClocks(plain, spec, now), 'resolution');
          const b = clock(computeClocks(paused, spec, now), 'resolution');
          if (a.dueAt !== null && b.dueAt !== null) expect(b.dueAt).toBeGreaterThanOrEqual(a.dueAt);
        },
      ),
      { numRuns: 150 },
    );
  });
});
