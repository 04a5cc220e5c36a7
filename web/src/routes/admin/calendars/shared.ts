import type { z } from 'zod';
import { type calendarSchema, WEEKDAY_KEYS } from '../../../../../common/calendars';

export type Calendar = z.infer<typeof calendarSchema>;
export type Weekday = (typeof WEEKDAY_KEYS)[number];
export type Interval = { start: string; end: string };
export type Hours = Record<Weekday, Interval[]>;

export const calendarsKey = ['calendars'] as const;

export const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
const SHORT: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

const dayText = (intervals: Interval[]) => intervals.map((i) => `${i.start}–${i.end}`).join(', ');

/** "Mon–Fri 09:00–12:00, 13:30–17:00": runs of days with the same hours, closed days left out. */
export function hoursSummary(c: Pick<Calendar, 'hours'>): string {
  const runs: { from: Weekday; to: Weekday; text: string }[] = [];
  for (const day of WEEKDAY_KEYS) {
    const text = dayText(c.hours[day]);
    const last = runs.at(-1);
    if (last && last.text === text && WEEKDAY_KEYS.indexOf(last.to) === WEEKDAY_KEYS.indexOf(day) - 1)
      last.to = day;
    else runs.push({ from: day, to: day, text });
  }
  const open = runs.filter((r) => r.text !== '');
  if (open.length === 0) return 'Closed';
  return open.map((r) => `${SHORT[r.from]}${r.to === r.from ? '' : `–${SHORT[r.to]}`} ${r.text}`).join('; ');
}

/** Every IANA zone this browser knows, UTC first. */
export const TIME_ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
