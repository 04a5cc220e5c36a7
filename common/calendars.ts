import { z } from 'zod';
import { say, VALIDATION } from './validation-messages.js';

// Business-hours calendars: opening hours per weekday (several intervals a day, for split shifts
// and lunch breaks) in an IANA time zone, and holidays, one-off or yearly. Service-level targets
// count their business time on one. The built-in 24×7 calendar always exists and never changes.

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const BUILTIN_CALENDAR_ID = '24x7';

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day, HH:MM (24:00 for midnight at the end)');
export const intervalSchema = z.strictObject({ start: hhmm, end: hhmm });
const day = z.array(intervalSchema).max(12);
export const weekHoursSchema = z.strictObject({
  mon: day,
  tue: day,
  wed: day,
  thu: day,
  fri: day,
  sat: day,
  sun: day,
});
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, say(VALIDATION.isoDayShort));

export const holidayBody = z.strictObject({
  date,
  /** Every year on this month and day. */
  yearly: z.boolean().default(false),
  name: z.string().max(200).trim().default(''),
});
export const holidaySchema = z.object({
  id: z.string(),
  date: z.string(),
  yearly: z.boolean(),
  name: z.string(),
  source: z.enum(['manual', 'ical']),
});

export const calendarSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  hours: weekHoursSchema,
  builtin: z.boolean(),
  holidays: z.array(holidaySchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const name = z.string().trim().min(1).max(100);
const timeZone = z.string().min(1).max(64);
/** Holidays given replace the calendar's list (those from iCal included). */
const holidays = z.array(holidayBody).max(2000);
export const calendarBody = z.strictObject({
  name,
  timeZone,
  hours: weekHoursSchema,
  holidays: holidays.optional(),
});
export const calendarPatch = z.strictObject({
  name: name.optional(),
  timeZone: timeZone.optional(),
  hours: weekHoursSchema.optional(),
  holidays: holidays.optional(),
});

/** An iCal feed to import holidays from; a file comes as multipart/form-data in a field "file". */
export const calendarImportBody = z.strictObject({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});
export const calendarImportSchema = z.object({
  /** Holidays new to the calendar. */
  added: z.number(),
  /** Events that are not all-day (meetings, not holidays), and holidays the calendar had already. */
  skipped: z.number(),
  calendar: calendarSchema,
});

export const calendarPreviewQuery = z.strictObject({
  /** The instant the clock starts, e.g. a ticket's creation; now when not given. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Business minutes, a whole number from 0 to a year's worth. */
  minutes: z
    .string()
    .regex(/^\d{1,6}$/, say(VALIDATION.wholeMinutes))
    .transform(Number)
    .pipe(z.number().max(366 * 24 * 60)),
});
export const calendarPreviewSchema = z.object({
  from: z.string(),
  minutes: z.number(),
  /** When that many business minutes have passed. */
  due: z.string(),
  /** Whether `from` is within business hours, and when they next begin (`from` itself if so). */
  open: z.boolean(),
  nextOpen: z.string(),
});
