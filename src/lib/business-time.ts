import { tzOffset } from '@date-fns/tz';

// Business-time arithmetic on a calendar: opening hours per weekday (several intervals a day, for
// split shifts and lunch breaks) in an IANA time zone, minus holidays. Everything here is pure: it
// takes instants (milliseconds since the epoch) and answers instants or minutes.
//
// Wall times become instants through the time-zone database (@date-fns/tz's tzOffset reads it via
// Intl), never by adding hours. A boundary "HH:MM on day D" is the first instant whose wall time in
// the zone is at or after it: on a spring-forward night 02:30 (which does not exist) is the moment
// the clocks jump, and on a fall-back night 02:30 is its first occurrence. So an interval 01:00–04:00
// lasts two real hours on the spring night and four on the autumn night, as a clock on the wall says.

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "HH:MM" to "HH:MM" on one day; end may be "24:00" (midnight at the end of the day). */
export type Interval = { readonly start: string; readonly end: string };
export type WeekHours = { readonly [day in Weekday]: readonly Interval[] };

export type Holiday = {
  /** YYYY-MM-DD; for a yearly holiday only the month and day count. */
  readonly date: string;
  readonly yearly: boolean;
};

export type BusinessCalendar = {
  readonly timeZone: string;
  readonly hours: WeekHours;
  readonly holidays: readonly Holiday[];
};

const ALL_DAY: readonly Interval[] = [{ start: '00:00', end: '24:00' }];
/** Every minute of every day, in UTC: calendar time as business time. */
export const ALWAYS: BusinessCalendar = {
  timeZone: 'UTC',
  hours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
  holidays: [],
};

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far the arithmetic looks for opening hours before it gives up (a calendar that never opens). */
const HORIZON_DAYS = 366 * 5;

/** The calendar has no business hours within five years of the instant asked about. */
export class NeverOpen extends Error {
  constructor() {
    super('the calendar has no business hours within five years');
  }
}

// ---------------------------------------------------------------- validation

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Minutes after midnight of "HH:MM" (0..1440), or null when it is not a time of day. */
export function minutesOf(hhmm: string): number | null {
  if (!HHMM.test(hhmm)) return null;
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

let zones: Set<string> | undefined;
/** An IANA zone name the runtime knows (Europe/Berlin, UTC); not an offset or an abbreviation. */
export function isTimeZone(name: string): boolean {
  zones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  if (zones.has(name)) return true;
  // Aliases (Asia/Calcutta, Etc/GMT+1) are valid IANA names that supportedValuesOf leaves out.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A real date YYYY-MM-DD (2026-02-30 is not). */
export function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/**
 * What is wrong with a day's intervals, in words, or null: each HH:MM, start before end, sorted,
 * not overlapping (touching is fine).
 */
export function intervalProblem(intervals: readonly Interval[]): string | null {
  let previousEnd = -1;
  for (const { start, end } of intervals) {
    const s = minutesOf(start);
    const e = minutesOf(end);
    if (s === null || s === 1440) return `${start} is not a start time (HH:MM, 00:00 to 23:59)`;
    if (e === null || e === 0) return `${end} is not an end time (HH:MM, 00:01 to 24:00)`;
    if (s >= e) return `${start}–${end} does not end after it starts`;
    if (s < previousEnd) return `${start}–${end} overlaps or comes before the interval before it`;
    previousEnd = e;
  }
  return null;
}

/** The first problem with a whole calendar, or null. */
export function calendarProblem(calendar: BusinessCalendar): string | null {
  if (!isTimeZone(calendar.timeZone)) return `${calendar.timeZone} is not an IANA time zone`;
  for (const day of WEEKDAYS) {
    const why = intervalProblem(calendar.hours[day] ?? []);
    if (why) return `${day}: ${why}`;
  }
  if (WEEKDAYS.every((day) => (calendar.hours[day] ?? []).length === 0))
    return 'the calendar has no business hours on any day';
  for (const h of calendar.holidays) if (!isDate(h.date)) return `${h.date} is not a date (YYYY-MM-DD)`;
  return null;
}

// ---------------------------------------------------------------- wall time and instants

type Civil = { y: number; m: number; d: number };

/** The civil date of `instant` on the wall in `zone`. */
function civilDateAt(zone: string, instant: number): Civil {
  const wall = new Date(instant + tzOffset(zone, new Date(instant)) * MINUTE);
  return { y: wall.getUTCFullYear(), m: wall.getUTCMonth() + 1, d: wall.getUTCDate() };
}

function addDays(c: Civil, days: number): Civil {
  const t = new Date(Date.UTC(c.y, c.m - 1, c.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The first instant whose wall time in `zone` is at or after `minutes` past midnight of `c`: the
 * wall time itself when it exists once, its first occurrence when clocks go back, and the moment
 * of the jump when clocks go forward over it.
 */
export function wallToInstant(zone: string, c: Civil, minutes: number): number {
  const wall = Date.UTC(c.y, c.m - 1, c.d) + minutes * MINUTE;
  // Offsets a day either side: no zone changes its offset twice within two days.
  const before = tzOffset(zone, new Date(wall - DAY));
  const after = tzOffset(zone, new Date(wall + DAY));
  const fits = [before, after]
    .map((offset) => wall - offset * MINUTE)
    .filter((t) => tzOffset(zone, new Date(t)) * MINUTE === wall - t);
  if (fits.length > 0) return Math.min(...fits);
  // A gap: the wall time is skipped. Find the jump between the two readings, to the second.
  let lo = wall - after * MINUTE; // still on the old offset
  let hi = wall - before * MINUTE; // already on the new one
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (tzOffset(zone, new Date(mid)) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

// ---------------------------------------------------------------- opening windows

/** A stretch of business time, [start, end) in milliseconds since the epoch. */
export type Window = { readonly start: number; readonly end: number };

type Prepared = {
  zone: string;
  days: (readonly [number, number][])[]; // index 0 = Monday, minutes after midnight
  oneOff: Set<string>;
  yearly: Set<string>;
  /** Each civil day's windows once computed: turning wall times into instants is the costly part. */
  dayWindows: Map<string, Window[]>;
};

/** Days of windows kept per calendar (some thirty years); past it the memo starts over. */
const MEMO_DAYS = 10_000;

const prepared = new WeakMap<BusinessCalendar, Prepared>();

function prepare(calendar: BusinessCalendar): Prepared {
  let p = prepared.get(calendar);
  if (!p) {
    p = {
      zone: calendar.timeZone,
      days: WEEKDAYS.map((day) =>
        (calendar.hours[day] ?? []).map(
          ({ start, end }) => [minutesOf(start) ?? 0, minutesOf(end) ?? 0] as const,
        ),
      ),
      oneOff: new Set(calendar.holidays.filter((h) => !h.yearly).map((h) => h.date)),
      yearly: new Set(calendar.holidays.filter((h) => h.yearly).map((h) => h.date.slice(5))),
      dayWindows: new Map(),
    };
    prepared.set(calendar, p);
  }
  return p;
}

/** Whether the civil date `c` is a holiday on the calendar. */
function isHoliday(p: Prepared, c: Civil): boolean {
  const md = `${pad(c.m)}-${pad(c.d)}`;
  return p.oneOff.has(`${c.y}-${md}`) || p.yearly.has(md);
}

function windowsOfDay(p: Prepared, c: Civil): Window[] {
  const key = `${c.y}-${c.m}-${c.d}`;
  let windows = p.dayWindows.get(key);
  if (!windows) {
    if (p.dayWindows.size >= MEMO_DAYS) p.dayWindows.clear();
    windows = computeWindowsOfDay(p, c);
    p.dayWindows.set(key, windows);
  }
  return windows;
}

function computeWindowsOfDay(p: Prepared, c: Civil): Window[] {
  if (isHoliday(p, c)) return [];
  const weekday = (new Date(Date.UTC(c.y, c.m - 1, c.d)).getUTCDay() + 6) % 7;
  const out: Window[] = [];
  for (const [s, e] of p.days[weekday] ?? []) {
    const start = wallToInstant(p.zone, c, s);
    const end = wallToInstant(p.zone, c, e);
    if (end > start) out.push({ start, end });
  }
  return out;
}

/**
 * The calendar's opening windows that end after `from`, in order, the first one clipped to start
 * no earlier than `from`. Windows may touch (Monday until 24:00, Tuesday from 00:00), never overlap.
 * Stops after five years without business hours (NeverOpen).
 */
export function* windowsFrom(calendar: BusinessCalendar, from: number): Generator<Window> {
  const p = prepare(calendar);
  // The day before too: its 24:00 can lie after `from` where the zone's midnight moves.
  let day = addDays(civilDateAt(p.zone, from), -1);
  let idle = 0;
  while (idle <= HORIZON_DAYS) {
    const windows = windowsOfDay(p, day).filter((w) => w.end > from);
    idle = windows.length === 0 ? idle + 1 : 0;
    for (const w of windows) yield { start: Math.max(w.start, from), end: w.end };
    day = addDays(day, 1);
  }
  throw new NeverOpen();
}

// ---------------------------------------------------------------- the arithmetic

/**
 * The instant at which `minutes` business minutes have passed since `from`. Zero minutes is `from`
 * itself; a target reached at the end of a window is that end (Friday 16:00 plus one hour on a
 * calendar closing at 17:00 is Friday 17:00, not Monday morning).
 */
export function addBusinessMinutes(calendar: BusinessCalendar, from: number, minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`cannot add ${minutes} minutes`);
  let left = minutes * MINUTE;
  if (left === 0) return from;
  for (const w of windowsFrom(calendar, from)) {
    const span = w.end - w.start;
    if (left <= span) return w.start + left;
    left -= span;
  }
  throw new NeverOpen(); // not reached: windowsFrom throws first
}

/** Business minutes between two instants (negative when `to` is before `from`). */
export function businessMinutesBetween(calendar: BusinessCalendar, from: number, to: number): number {
  if (to < from) return -businessMinutesBetween(calendar, to, from);
  let ms = 0;
  for (const w of windowsFrom(calendar, from)) {
    if (w.start >= to) break;
    ms += Math.min(w.end, to) - w.start;
    if (w.end >= to) break;
  }
  return ms / MINUTE;
}

/** Whether `instant` lies within business hours (a window's start is in, its end is out). */
export function isBusinessTime(calendar: BusinessCalendar, instant: number): boolean {
  const first = windowsFrom(calendar, instant).next();
  return !first.done && first.value.start === instant;
}

/** The first instant at or after `instant` within business hours: `instant` itself when open. */
export function nextBusinessStart(calendar: BusinessCalendar, instant: number): number {
  const first = windowsFrom(calendar, instant).next();
  if (first.done) throw new NeverOpen();
  return first.value.start;
}
