import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holidaysFromIcal } from '../modules/calendars/ical.js';
import {
  ALWAYS,
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
  calendarProblem,
  type Holiday,
  intervalProblem,
  isBusinessTime,
  isTimeZone,
  NeverOpen,
  nextBusinessStart,
  WEEKDAYS,
  type WeekHours,
  wallToInstant,
} from './business-time.js';

// Every instant is written with its offset, so each expectation says both the wall time and the
// moment; nothing here reads the machine's clock or zone.
const at = (iso: string) => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(iso);
  return t;
};
const iso = (t: number) => new Date(t).toISOString();

const office = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:00' },
];
const weekdays = (intervals: WeekHours['mon']): WeekHours => ({
  mon: intervals,
  tue: intervals,
  wed: intervals,
  thu: intervals,
  fri: intervals,
  sat: [],
  sun: [],
});
const berlin = (holidays: Holiday[] = []): BusinessCalendar => ({
  timeZone: 'Europe/Berlin',
  hours: weekdays(office),
  holidays,
});
const allDay = [{ start: '00:00', end: '24:00' }];
const berlin24x7: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
  holidays: [],
};
/** Open only on Sunday nights 01:00–04:00: the night the clocks change in the EU. */
const sundayNight = (start = '01:00', end = '04:00'): BusinessCalendar => ({
  timeZone: 'Europe/Berlin',
  hours: { ...weekdays([]), sun: [{ start, end }] },
  holidays: [],
});

describe('Mon–Fri 09:00–12:00 and 13:30–17:00, Europe/Berlin', () => {
  const cal = berlin([{ date: '2026-03-10', yearly: false }]);

  it('created Friday 16:00 with a 4-business-hour target: due Monday 12:00', () => {
    const due = addBusinessMinutes(cal, at('2026-03-06T16:00:00+01:00'), 240);
    expect(iso(due)).toBe(iso(at('2026-03-09T12:00:00+01:00')));
    expect(businessMinutesBetween(cal, at('2026-03-06T16:00:00+01:00'), due)).toBe(240);
  });

  it('a target met at a window’s end is that end, not the next opening', () => {
    expect(iso(addBusinessMinutes(cal, at('2026-03-06T16:00:00+01:00'), 60))).toBe(
      iso(at('2026-03-06T17:00:00+01:00')),
    );
    expect(iso(addBusinessMinutes(cal, at('2026-03-06T16:00:00+01:00'), 61))).toBe(
      iso(at('2026-03-09T09:01:00+01:00')),
    );
  });

  it('skips a holiday: Monday 16:00 plus 2 hours is Wednesday 10:00', () => {
    expect(iso(addBusinessMinutes(cal, at('2026-03-09T16:00:00+01:00'), 120))).toBe(
      iso(at('2026-03-11T10:00:00+01:00')),
    );
    expect(isBusinessTime(cal, at('2026-03-10T10:00:00+01:00'))).toBe(false);
    expect(
      businessMinutesBetween(cal, at('2026-03-09T00:00:00+01:00'), at('2026-03-12T00:00:00+01:00')),
    ).toBe(2 * 390);
  });

  it('an instant inside lunch is closed; the clock resumes at 13:30', () => {
    const lunch = at('2026-03-09T12:30:00+01:00');
    expect(isBusinessTime(cal, lunch)).toBe(false);
    expect(iso(nextBusinessStart(cal, lunch))).toBe(iso(at('2026-03-09T13:30:00+01:00')));
    expect(iso(addBusinessMinutes(cal, lunch, 30))).toBe(iso(at('2026-03-09T14:00:00+01:00')));
    expect(
      businessMinutesBetween(cal, at('2026-03-09T12:00:00+01:00'), at('2026-03-09T13:30:00+01:00')),
    ).toBe(0);
    expect(
      businessMinutesBetween(cal, at('2026-03-09T11:00:00+01:00'), at('2026-03-09T14:00:00+01:00')),
    ).toBe(90);
  });

  it('window edges: a start is in, an end is out', () => {
    expect(isBusinessTime(cal, at('2026-03-09T09:00:00+01:00'))).toBe(true);
    expect(isBusinessTime(cal, at('2026-03-09T08:59:59+01:00'))).toBe(false);
    expect(isBusinessTime(cal, at('2026-03-09T11:59:59+01:00'))).toBe(true);
    expect(isBusinessTime(cal, at('2026-03-09T12:00:00+01:00'))).toBe(false);
    expect(isBusinessTime(cal, at('2026-03-07T10:00:00+01:00'))).toBe(false); // Saturday
  });

  it('next business start: itself when open, else the next opening (over the weekend)', () => {
    const open = at('2026-03-09T10:15:00+01:00');
    expect(nextBusinessStart(cal, open)).toBe(open);
    expect(iso(nextBusinessStart(cal, at('2026-03-06T17:00:00+01:00')))).toBe(
      iso(at('2026-03-09T09:00:00+01:00')),
    );
    expect(iso(nextBusinessStart(cal, at('2026-03-09T17:30:00+01:00')))).toBe(
      iso(at('2026-03-11T09:00:00+01:00')),
    );
  });

  it('summer time moves the office hours with the wall clock (09:00 CEST is 07:00 UTC)', () => {
    expect(iso(addBusinessMinutes(cal, at('2026-03-27T16:00:00+01:00'), 240))).toBe(
      '2026-03-30T10:00:00.000Z',
    );
    expect(
      businessMinutesBetween(cal, at('2026-03-27T00:00:00+01:00'), at('2026-03-31T00:00:00+02:00')),
    ).toBe(2 * 390);
  });

  it('between is antisymmetric and zero for an empty span; adding zero is the identity', () => {
    const a = at('2026-03-09T10:00:00+01:00');
    const b = at('2026-03-11T15:00:00+01:00');
    expect(businessMinutesBetween(cal, b, a)).toBe(-businessMinutesBetween(cal, a, b));
    expect(businessMinutesBetween(cal, a, a)).toBe(0);
    expect(addBusinessMinutes(cal, at('2026-03-07T03:00:00+01:00'), 0)).toBe(at('2026-03-07T03:00:00+01:00'));
    expect(() => addBusinessMinutes(cal, a, -1)).toThrow(RangeError);
  });
});

describe('daylight saving time, by the time-zone database', () => {
  it('01:00–04:00 on the spring night (02:00 → 03:00) is two real hours', () => {
    const cal = sundayNight();
    expect(businessMinutesBetween(cal, at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(120);
    expect(iso(addBusinessMinutes(cal, at('2026-03-28T12:00:00+01:00'), 90))).toBe(
      iso(at('2026-03-29T03:30:00+02:00')),
    );
    expect(iso(addBusinessMinutes(cal, at('2026-03-28T12:00:00+01:00'), 120))).toBe(
      iso(at('2026-03-29T04:00:00+02:00')),
    );
    // The week after, a normal night: three hours.
    expect(businessMinutesBetween(cal, at('2026-04-04T00:00:00Z'), at('2026-04-06T00:00:00Z'))).toBe(180);
  });

  it('01:00–04:00 on the autumn night (03:00 → 02:00) is four real hours', () => {
    const cal = sundayNight();
    expect(businessMinutesBetween(cal, at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(240);
    expect(iso(addBusinessMinutes(cal, at('2026-10-24T12:00:00+02:00'), 150))).toBe(
      iso(at('2026-10-25T02:30:00+01:00')), // the second 02:30, in winter time
    );
    expect(iso(addBusinessMinutes(cal, at('2026-10-24T12:00:00+02:00'), 90))).toBe(
      iso(at('2026-10-25T02:30:00+02:00')), // the first 02:30, in summer time
    );
  });

  it('an interval starting in the skipped hour starts when the clocks jump', () => {
    expect(
      businessMinutesBetween(
        sundayNight('02:30', '05:00'),
        at('2026-03-28T00:00:00Z'),
        at('2026-03-30T00:00:00Z'),
      ),
    ).toBe(120);
    expect(
      businessMinutesBetween(
        sundayNight('02:00', '02:30'),
        at('2026-03-28T00:00:00Z'),
        at('2026-03-30T00:00:00Z'),
      ),
    ).toBe(0);
    expect(iso(wallToInstant('Europe/Berlin', { y: 2026, m: 3, d: 29 }, 150))).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    expect(iso(wallToInstant('Europe/Berlin', { y: 2026, m: 10, d: 25 }, 150))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(iso(wallToInstant('America/New_York', { y: 2026, m: 3, d: 8 }, 150))).toBe(
      '2026-03-08T07:00:00.000Z',
    );
  });

  it('24×7 in Berlin: 24 business hours are 24 real hours, whatever the wall clock shows', () => {
    // Spring: 24 hours after Saturday 12:00 CET the wall clock shows Sunday 13:00 CEST.
    expect(iso(addBusinessMinutes(berlin24x7, at('2026-03-28T12:00:00+01:00'), 24 * 60))).toBe(
      iso(at('2026-03-29T13:00:00+02:00')),
    );
    // …and wall-clock noon to noon across it is 23 hours.
    expect(
      businessMinutesBetween(berlin24x7, at('2026-03-28T12:00:00+01:00'), at('2026-03-29T12:00:00+02:00')),
    ).toBe(23 * 60);
    // Autumn: 24 hours after Saturday 12:00 CEST the wall clock shows Sunday 11:00 CET; noon to noon is 25 hours.
    expect(iso(addBusinessMinutes(berlin24x7, at('2026-10-24T12:00:00+02:00'), 24 * 60))).toBe(
      iso(at('2026-10-25T11:00:00+01:00')),
    );
    expect(
      businessMinutesBetween(berlin24x7, at('2026-10-24T12:00:00+02:00'), at('2026-10-25T12:00:00+01:00')),
    ).toBe(25 * 60);
  });

  it('the built-in 24×7 calendar is plain elapsed time', () => {
    const t = at('2026-03-29T00:30:00Z');
    expect(addBusinessMinutes(ALWAYS, t, 10_000)).toBe(t + 10_000 * 60_000);
    expect(isBusinessTime(ALWAYS, t)).toBe(true);
    expect(nextBusinessStart(ALWAYS, t)).toBe(t);
  });
});

describe('holidays', () => {
  it('from an iCal file: all-day events, a yearly rule, a moving rule expanded; timed events skipped', () => {
    const text = readFileSync(new URL('../../test/fixtures/holidays.ics', import.meta.url), 'utf8');
    const { holidays, skipped } = holidaysFromIcal(text, new Date('2026-03-01T00:00:00Z'));
    expect(skipped).toBe(1);
    expect(holidays).toEqual(
      expect.arrayContaining([
        { date: '2020-12-25', yearly: true, name: 'Christmas' },
        { date: '2020-12-26', yearly: true, name: 'Christmas' },
        { date: '2026-03-13', yearly: false, name: 'Company day' },
        { date: '2026-11-26', yearly: false, name: 'Thanksgiving' },
        { date: '2027-11-25', yearly: false, name: 'Thanksgiving' },
      ]),
    );
    const cal = berlin(holidays);
    // Friday 13 March is the company day: Thursday 16:00 plus 2 hours is Monday 10:00.
    expect(iso(addBusinessMinutes(cal, at('2026-03-12T16:00:00+01:00'), 120))).toBe(
      iso(at('2026-03-16T10:00:00+01:00')),
    );
    // Christmas, every year: Thursday 24 December 2026 16:00 plus 2 hours is Monday 28th 10:00.
    expect(iso(addBusinessMinutes(cal, at('2026-12-24T16:00:00+01:00'), 120))).toBe(
      iso(at('2026-12-28T10:00:00+01:00')),
    );
    expect(isBusinessTime(cal, at('2026-11-26T10:00:00+01:00'))).toBe(false);
  });

  it('an iCal file asking for too much work is refused, not ground through', () => {
    const event = (i: number) =>
      `BEGIN:VEVENT\r\nUID:${i}@test\r\nDTSTART;VALUE=DATE:20260101\r\nDTEND;VALUE=DATE:20260301\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:Long\r\nEND:VEVENT\r\n`;
    const text = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${Array.from({ length: 10 }, (_, i) => event(i)).join('')}END:VCALENDAR\r\n`;
    expect(() => holidaysFromIcal(text, new Date('2026-03-01T00:00:00Z'))).toThrow(/more than 50000 dates/);
    expect(() => holidaysFromIcal('hello', new Date())).toThrow(/not an iCalendar file/);
  });

  it('an iCal event with a malformed date or rule, or a year before 1000, is skipped; a yearly rule on another day is expanded', () => {
    const event = (lines: string) =>
      `BEGIN:VEVENT\r\nUID:${Math.random()}@test\r\n${lines}\r\nSUMMARY:Day\r\nEND:VEVENT\r\n`;
    const text = [
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n',
      event('DTSTART;VALUE=DATE:2026AB01'),
      event('DTSTART;VALUE=DATE:20260601\r\nDTEND:garbage'),
      event('DTSTART;VALUE=DATE:20260601\r\nRRULE:FREQ=DAILY;UNTIL=xx'),
      event('DTSTART;VALUE=DATE:00050101'),
      // Every 4 July, though it starts on 1 January: not a yearly 1 January.
      event('DTSTART;VALUE=DATE:20260101\r\nRRULE:FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=4'),
      event('DTSTART;VALUE=DATE:20260501\r\nRRULE:FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=1'),
      'END:VCALENDAR\r\n',
    ].join('');
    const { holidays, skipped } = holidaysFromIcal(text, new Date('2026-03-01T00:00:00Z'));
    expect(skipped).toBe(4);
    expect(holidays.filter((h) => h.yearly)).toEqual([{ date: '2026-05-01', yearly: true, name: 'Day' }]);
    expect(holidays.filter((h) => !h.yearly).map((h) => h.date)).toEqual(
      expect.arrayContaining(['2026-07-04', '2027-07-04']),
    );
    expect(holidays.some((h) => h.date.endsWith('-01-01'))).toBe(false);
  });

  it('a yearly holiday applies every year; 29 February only in leap years', () => {
    const cal = berlin([
      { date: '2000-05-01', yearly: true },
      { date: '2024-02-29', yearly: true },
    ]);
    expect(iso(addBusinessMinutes(cal, at('2026-04-30T16:00:00+02:00'), 120))).toBe(
      iso(at('2026-05-04T10:00:00+02:00')),
    );
    expect(isBusinessTime(cal, at('2027-05-03T10:00:00+02:00'))).toBe(true);
    expect(isBusinessTime(cal, at('2028-05-01T10:00:00+02:00'))).toBe(false);
    expect(isBusinessTime(cal, at('2028-02-29T10:00:00+01:00'))).toBe(false);
    expect(isBusinessTime(cal, at('2027-03-01T10:00:00+01:00'))).toBe(true);
  });

  it('a calendar that never opens says so instead of looping', () => {
    const never: BusinessCalendar = { timeZone: 'UTC', hours: weekdays([]), holidays: [] };
    expect(() => addBusinessMinutes(never, at('2026-01-01T00:00:00Z'), 1)).toThrow(NeverOpen);
    expect(() => nextBusinessStart(never, at('2026-01-01T00:00:00Z'))).toThrow(NeverOpen);
  });
});

describe('validation', () => {
  it('intervals: HH:MM, start before end, sorted, no overlaps', () => {
    expect(intervalProblem(office)).toBeNull();
    expect(intervalProblem(allDay)).toBeNull();
    expect(
      intervalProblem([
        { start: '09:00', end: '12:00' },
        { start: '12:00', end: '13:00' },
      ]),
    ).toBeNull();
    expect(intervalProblem([{ start: '9:00', end: '12:00' }])).toMatch(/not a start time/);
    expect(intervalProblem([{ start: '09:00', end: '24:30' }])).toMatch(/not an end time/);
    expect(intervalProblem([{ start: '24:00', end: '24:00' }])).toMatch(/not a start time/);
    expect(intervalProblem([{ start: '12:00', end: '09:00' }])).toMatch(/does not end after/);
    expect(intervalProblem([{ start: '09:00', end: '09:00' }])).toMatch(/does not end after/);
    expect(
      intervalProblem([
        { start: '09:00', end: '12:00' },
        { start: '11:00', end: '13:00' },
      ]),
    ).toMatch(/overlaps/);
    expect(
      intervalProblem([
        { start: '13:00', end: '14:00' },
        { start: '09:00', end: '10:00' },
      ]),
    ).toMatch(/overlaps/);
  });

  it('zones: IANA names only', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Asia/Calcutta')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('+02:00')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('a whole calendar: zone, intervals, some hours, real holiday dates', () => {
    expect(calendarProblem(berlin())).toBeNull();
    expect(calendarProblem({ ...berlin(), timeZone: 'Nowhere/Else' })).toMatch(/IANA/);
    expect(calendarProblem({ ...berlin(), hours: weekdays([]) })).toMatch(/no business hours/);
    expect(calendarProblem(berlin([{ date: '2026-02-30', yearly: false }]))).toMatch(/not a date/);
    expect(
      calendarProblem({
        ...berlin(),
        hours: { ...weekdays(office), sat: [{ start: '10:00', end: '09:00' }] },
      }),
    ).toMatch(/^sat: /);
  });
});

describe('properties', () => {
  const calendars: [string, BusinessCalendar][] = [
    [
      'office, Berlin, holidays',
      berlin([
        { date: '2026-03-10', yearly: false },
        { date: '2000-12-25', yearly: true },
      ]),
    ],
    ['Sunday nights over the DST changes', sundayNight()],
    ['24×7 Berlin', berlin24x7],
    ['24×7 UTC', ALWAYS],
    ['office, New York', { timeZone: 'America/New_York', hours: weekdays(office), holidays: [] }],
    [
      'split shifts, Sydney',
      {
        timeZone: 'Australia/Sydney',
        hours: weekdays([
          { start: '06:00', end: '10:30' },
          { start: '15:15', end: '23:45' },
        ]),
        holidays: [],
      },
    ],
  ];
  // Instants through 2026, with both DST nights, to the minute.
  const instant = fc
    .integer({ min: Date.UTC(2026, 0, 1) / 60_000, max: Date.UTC(2027, 0, 1) / 60_000 })
    .map((m) => m * 60_000);
  const minutes = fc.integer({ min: 0, max: 20_000 });

  it.each(calendars)('%s: add(T, n) ≥ T, between(T, add(T, n)) = n, monotonic in n', (_name, cal) => {
    fc.assert(
      fc.property(instant, minutes, minutes, (t, a, b) => {
        const [n1, n2] = a <= b ? [a, b] : [b, a];
        const d1 = addBusinessMinutes(cal, t, n1);
        const d2 = addBusinessMinutes(cal, t, n2);
        expect(d1).toBeGreaterThanOrEqual(t);
        expect(d2).toBeGreaterThanOrEqual(d1);
        expect(businessMinutesBetween(cal, t, d1)).toBe(n1);
        expect(businessMinutesBetween(cal, t, d2)).toBe(n2);
        expect(businessMinutesBetween(cal, d1, d2)).toBe(n2 - n1);
      }),
      { numRuns: 150, seed: 17 },
    );
  });

  // An independent reading of "open": the wall time Intl shows in the zone against the week's
  // intervals (the calendars above keep clear of the hours the clocks change in).
  const wallOpen = (cal: BusinessCalendar, t: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: cal.timeZone,
        weekday: 'short',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(new Date(t))
        .map((p) => [p.type, p.value]),
    );
    const day =
      WEEKDAYS[['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday ?? '')] ?? 'mon';
    const date = `${parts.year}-${parts.month}-${parts.day}`;
    if (cal.holidays.some((h) => (h.yearly ? h.date.slice(5) === date.slice(5) : h.date === date)))
      return false;
    const hm = `${parts.hour}:${parts.minute}`;
    return cal.hours[day].some((i) => i.start <= hm && hm < i.end);
  };

  it.each(calendars.filter(([name]) => !name.startsWith('Sunday')))(
    '%s: open exactly when the wall clock says so',
    (_name, cal) => {
      fc.assert(
        fc.property(instant, (t) => {
          expect(isBusinessTime(cal, t)).toBe(wallOpen(cal, t));
          const next = nextBusinessStart(cal, t);
          expect(next).toBeGreaterThanOrEqual(t);
          expect(wallOpen(cal, next)).toBe(true);
          if (next > t) expect(wallOpen(cal, next - 60_000)).toBe(false);
        }),
        { numRuns: 300, seed: 17 },
      );
    },
  );
});
