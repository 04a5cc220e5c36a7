import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { CalendarHolidayTable, CalendarTable } from '../../db/schema.js';

export type CalendarRow = Selectable<CalendarTable>;
export type HolidayRow = Selectable<CalendarHolidayTable>;

export const findCalendar = (db: Executor, id: string) =>
  db.selectFrom('calendars').selectAll().where('id', '=', id).executeTakeFirst();

export const calendarNamed = (db: Executor, name: string) =>
  db.selectFrom('calendars').select('id').where('name', '=', name).executeTakeFirst();

/** The built-in calendar first, then the others by name. */
export const listCalendarRows = (db: Executor) =>
  db.selectFrom('calendars').selectAll().orderBy('builtin', 'desc').orderBy('name').orderBy('id').execute();

/** The holidays of each of these calendars, by date. */
export async function holidaysOf(db: Executor, calendarIds: string[]): Promise<Map<string, HolidayRow[]>> {
  const out = new Map<string, HolidayRow[]>();
  if (calendarIds.length === 0) return out;
  const rows = await db
    .selectFrom('calendar_holidays')
    .selectAll()
    .where('calendar_id', 'in', calendarIds)
    .orderBy('calendar_id')
    .orderBy('date')
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.calendar_id, [...(out.get(r.calendar_id) ?? []), r]);
  return out;
}

export const insertCalendar = (db: Executor, row: CalendarRow) =>
  db.insertInto('calendars').values(row).execute();

export const updateCalendarRow = (
  db: Executor,
  id: string,
  patch: Partial<Omit<CalendarRow, 'id' | 'builtin'>>,
) => db.updateTable('calendars').set(patch).where('id', '=', id).where('builtin', '=', 0).execute();

/** Deletes a calendar that is not built in, with its holidays; how many went. */
export async function deleteCalendarRow(db: Executor, id: string): Promise<number> {
  await db.deleteFrom('calendar_holidays').where('calendar_id', '=', id).execute();
  const r = await db.deleteFrom('calendars').where('id', '=', id).where('builtin', '=', 0).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function insertHolidays(db: Executor, rows: HolidayRow[]): Promise<void> {
  // A few hundred rows per statement keeps within both engines' parameter limits.
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('calendar_holidays')
      .values(rows.slice(i, i + 200))
      .execute();
}

export const deleteHolidays = (db: Executor, calendarId: string) =>
  db.deleteFrom('calendar_holidays').where('calendar_id', '=', calendarId).execute();

/** The names of the service-level policies that count on this calendar, in their order. */
export const policiesOnCalendar = (db: Executor, calendarId: string) =>
  db
    .selectFrom('sla_policies')
    .select('name')
    .where('calendar_id', '=', calendarId)
    .orderBy('position')
    .execute()
    .then((rows) => rows.map((r) => r.name));

/** Triggers and automations whose conditions name the calendar (their definition is JSON text). */
export const rulesOnCalendar = (db: Executor, calendarId: string) =>
  db
    .selectFrom('triggers')
    .select('name')
    .where('definition', 'like', `%"calendarId":${JSON.stringify(calendarId)}%`)
    .orderBy('position')
    .execute()
    .then((rows) => rows.map((r) => r.name));
