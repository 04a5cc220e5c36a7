import ICAL from 'ical.js';
import { defineMessages, type Message, translate } from '../../i18n/index.js';
import { isDate } from '../../lib/business-time.js';

// Holidays from an iCalendar feed or file (a public-holiday calendar, a company's closing days).
// ical.js (Mozilla's parser, no dependencies, RFC 5545 recurrence rules) reads it; node-ical was
// the other candidate, but it brings its own fetching and more dependencies, and every outbound
// request here must go through the guarded fetch instead.
//
// Only all-day events count: an event of a day or several days gives one holiday per day; a
// yearly rule on a fixed date (FREQ=YEARLY and nothing that moves it) gives one yearly holiday;
// any other rule (Easter-like dates come as lists, "fourth Thursday of November" as BYDAY) is
// expanded into one-off dates for the years around `now`.

export type ImportedHoliday = { date: string; yearly: boolean; name: string };

/** Why a file is refused, as a message of the catalogue (an admin reads it); English in `message`. */
export class IcalError extends Error {
  constructor(
    readonly said: Message,
    readonly values: Record<string, string> = {},
  ) {
    super(translate(undefined, said, values));
  }
}

const REFUSED = defineMessages({
  unreadable: { id: 'error.calendars.ical_unreadable', defaultMessage: 'not an iCalendar file: {reason}' },
  noCalendar: {
    id: 'error.calendars.ical_no_vcalendar',
    defaultMessage: 'not an iCalendar file: no VCALENDAR',
  },
  tooManyDates: {
    id: 'error.calendars.ical_too_many_dates',
    defaultMessage: 'more than {max} dates in one file',
  },
  tooManyHolidays: {
    id: 'error.calendars.ical_too_many_holidays',
    defaultMessage: 'more than {max} holidays in one file',
  },
});

const MAX_DAYS_PER_EVENT = 60;
const MAX_HOLIDAYS = 2000;
const MAX_OCCURRENCES = 500;
/** Dates looked at in one file, repeats included: bounds the work a hostile file can ask for. */
const MAX_DATES = 50_000;
const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (t: ICAL.Time) => `${String(t.year).padStart(4, '0')}-${pad(t.month)}-${pad(t.day)}`;

function parse(text: string): ICAL.Component {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (err) {
    throw new IcalError(REFUSED.unreadable, { reason: (err as Error).message });
  }
  if (root.name !== 'vcalendar') throw new IcalError(REFUSED.noCalendar);
  return root;
}

/** The dates an occurrence starting on `first` covers (DTEND is exclusive). */
function datesOf(event: ICAL.Event, first: ICAL.Time): string[] {
  const length = event.endDate ? event.endDate.subtractDate(event.startDate).toSeconds() / 86400 : 1;
  const days = Math.max(1, Math.min(MAX_DAYS_PER_EVENT, Math.floor(length)));
  return Array.from({ length: days }, (_, i) => {
    const t = first.clone();
    t.adjust(i, 0, 0, 0);
    return ymd(t);
  });
}

/**
 * FREQ=YEARLY on the event's own month and day, every year, without end or exceptions: a BYMONTH
 * or BYMONTHDAY may only name the start's own month and day (another one moves the date).
 */
function isFixedYearly(component: ICAL.Component, start: ICAL.Time): boolean {
  const rule = component.getFirstPropertyValue('rrule') as ICAL.Recur | null;
  if (rule?.freq !== 'YEARLY' || (rule.interval ?? 1) !== 1 || rule.count || rule.until) return false;
  const only = (part: 'BYMONTH' | 'BYMONTHDAY', value: number) => {
    const values = rule.parts[part];
    return values === undefined || (values.length === 1 && values[0] === value);
  };
  const moving = Object.keys(rule.parts).filter((p) => p !== 'BYMONTH' && p !== 'BYMONTHDAY');
  return (
    moving.length === 0 &&
    only('BYMONTH', start.month) &&
    only('BYMONTHDAY', start.day) &&
    component.getAllProperties('rdate').length === 0 &&
    component.getAllProperties('exdate').length === 0
  );
}

/** Each holiday an all-day event gives, recurring ones for the years `from` to `until`. */
function holidaysOf(event: ICAL.Event, from: number, until: number): { date: string; yearly: boolean }[] {
  if (!event.isRecurring()) return datesOf(event, event.startDate).map((date) => ({ date, yearly: false }));
  if (isFixedYearly(event.component, event.startDate))
    return datesOf(event, event.startDate).map((date) => ({ date, yearly: true }));
  const out: { date: string; yearly: boolean }[] = [];
  const it = event.iterator();
  for (
    let next = it.next(), n = 0;
    next && next.year <= until && n < MAX_OCCURRENCES;
    next = it.next(), n++
  ) {
    if (next.year >= from) out.push(...datesOf(event, next).map((date) => ({ date, yearly: false })));
  }
  return out;
}

/**
 * The holidays one event gives, or null for an event that gives none: a timed one, an exception
 * to a rule, or one whose dates or rule are malformed (ical.js reads them when asked, and throws).
 */
function eventHolidays(component: ICAL.Component, year: number): ImportedHoliday[] | null {
  let found: { date: string; yearly: boolean }[];
  try {
    const event = new ICAL.Event(component);
    if (!event.startDate?.isDate || event.isRecurrenceException()) return null;
    found = holidaysOf(event, year - 1, year + 3);
  } catch {
    return null;
  }
  if (found.some((h) => !isDate(h.date))) return null;
  const summary = component.getFirstPropertyValue('summary');
  const name = (typeof summary === 'string' && summary.trim() ? summary : 'Holiday').trim().slice(0, 200);
  return found.map((h) => ({ ...h, name }));
}

export function holidaysFromIcal(text: string, now: Date): { holidays: ImportedHoliday[]; skipped: number } {
  const root = parse(text);
  const year = now.getUTCFullYear();
  const out = new Map<string, ImportedHoliday>();
  let skipped = 0;
  let looked = 0;
  for (const component of root.getAllSubcomponents('vevent')) {
    const found = eventHolidays(component, year);
    if (!found) {
      skipped++;
      continue;
    }
    looked += found.length;
    if (looked > MAX_DATES) throw new IcalError(REFUSED.tooManyDates, { max: String(MAX_DATES) });
    for (const h of found) {
      const key = h.yearly ? `yearly:${h.date.slice(5)}` : h.date;
      if (!out.has(key)) out.set(key, h);
      if (out.size > MAX_HOLIDAYS)
        throw new IcalError(REFUSED.tooManyHolidays, { max: String(MAX_HOLIDAYS) });
    }
  }
  return { holidays: [...out.values()].sort((a, b) => a.date.localeCompare(b.date)), skipped };
}
