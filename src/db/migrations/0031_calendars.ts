import type { Kysely } from 'kysely';
import {
  cascadeRef,
  createIndex,
  createTable,
  flag,
  id,
  requiredText,
  timestamps,
  uniqueText,
} from './columns.js';

// Frozen. Business-hours calendars for service levels: a name, an IANA time zone and the opening
// hours per weekday as a JSON document ({"mon": [{"start": "09:00", "end": "12:00"}, …], …});
// holidays one row each, one-off or yearly (only month and day count), typed in or imported from
// iCal. The built-in 24×7 calendar is a row too, so targets can name it like any other.

const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const ALWAYS = {
  mon: ALL_DAY,
  tue: ALL_DAY,
  wed: ALL_DAY,
  thu: ALL_DAY,
  fri: ALL_DAY,
  sat: ALL_DAY,
  sun: ALL_DAY,
};

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'calendars', {
    id,
    name: uniqueText,
    time_zone: requiredText,
    hours: requiredText,
    builtin: flag(0),
    ...timestamps,
  });
  await createTable(db, 'calendar_holidays', {
    id,
    calendar_id: cascadeRef('calendars.id'),
    date: requiredText,
    yearly: flag(0),
    name: requiredText,
    source: requiredText,
  });
  await createIndex(db, 'calendar_holidays_calendar', 'calendar_holidays', ['calendar_id', 'date']);
  const now = new Date().toISOString();
  await db
    .insertInto('calendars')
    .values({
      id: '24x7',
      name: '24×7',
      time_zone: 'UTC',
      hours: JSON.stringify(ALWAYS),
      builtin: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_holidays').execute();
  await db.schema.dropTable('calendars').execute();
}
