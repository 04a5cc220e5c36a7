import { defineMessages } from 'react-intl';
import type { z } from 'zod';
import { type calendarSchema, WEEKDAY_KEYS } from '../../../../../common/calendars';
import { currentIntl, t } from '../../../i18n/t';

export type Calendar = z.infer<typeof calendarSchema>;
export type Weekday = (typeof WEEKDAY_KEYS)[number];
export type Interval = { start: string; end: string };
export type Hours = Record<Weekday, Interval[]>;

export const calendarsKey = ['calendars'] as const;

const m = defineMessages({
  closed: { id: 'calendars.hours.closed', defaultMessage: 'Closed' },
});

/** A weekday's name in the reader's language: 1 January 2024 was a Monday. */
const weekdayName = (day: Weekday, weekday: 'long' | 'short') =>
  new Intl.DateTimeFormat(currentIntl().locale, { weekday, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1 + WEEKDAY_KEYS.indexOf(day))),
  );

/** "Monday", in the reader's language. */
export const dayName = (day: Weekday) => weekdayName(day, 'long');

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
  if (open.length === 0) return t(m.closed);
  return open
    .map(
      (r) =>
        `${weekdayName(r.from, 'short')}${r.to === r.from ? '' : `–${weekdayName(r.to, 'short')}`} ${r.text}`,
    )
    .join('; ');
}

/** Every IANA zone this browser knows, UTC first. */
export const TIME_ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
