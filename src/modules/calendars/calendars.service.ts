import type { z } from 'zod';
import type {
  calendarBody,
  calendarImportSchema,
  calendarPatch,
  calendarPreviewQuery,
  calendarPreviewSchema,
  calendarSchema,
  holidayBody,
} from '../../../common/calendars.js';
import type { ActorCtx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { invalid, refusal, validation } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import {
  addBusinessMinutes,
  type BusinessCalendar,
  calendarProblem,
  isBusinessTime,
  isDate,
  NeverOpen,
  nextBusinessStart,
  type WeekHours,
} from '../../lib/business-time.js';
import { newId } from '../../lib/crypto.js';
import { networkReason, safeFetch } from '../../lib/network.js';
import { authorize } from '../../policies/policy.js';
import { audit, byActor } from '../audit/audit.service.js';
import { changedFields } from '../audit/setting-change.js';
import { SHARED_REFUSALS as SHARED } from '../reference-data/refusals.js';
import {
  type CalendarRow,
  calendarNamed,
  deleteCalendarRow,
  deleteHolidays,
  findCalendar,
  type HolidayRow,
  holidaysOf,
  insertCalendar,
  insertHolidays,
  listCalendarRows,
  policiesOnCalendar,
  rulesOnCalendar,
  updateCalendarRow,
} from './calendars.repository.js';
import { holidaysFromIcal, IcalError, type ImportedHoliday } from './ical.js';

// Business-hours calendars: administrators define them, staff read them, and the service-level
// clocks count business time on them (src/lib/business-time.ts). The built-in 24×7 calendar can
// be read and used, never changed or deleted. Every change is on the audit trail.

type Calendar = z.infer<typeof calendarSchema>;
type HolidayInput = z.output<typeof holidayBody>;

const MAX_ICAL_BYTES = 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;

function present(row: CalendarRow, holidays: HolidayRow[]): Calendar {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    hours: JSON.parse(row.hours) as Calendar['hours'],
    builtin: row.builtin === 1,
    holidays: holidays.map((h) => ({
      id: h.id,
      date: h.date,
      yearly: h.yearly === 1,
      name: h.name,
      source: h.source,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A calendar as the arithmetic takes it. */
export const businessCalendarOf = (
  c: Pick<Calendar, 'timeZone' | 'hours' | 'holidays'>,
): BusinessCalendar => ({
  timeZone: c.timeZone,
  hours: c.hours,
  holidays: c.holidays.map((h) => ({ date: h.date, yearly: h.yearly })),
});

/** The calendar `id` with its holidays, for the clocks that count on it; undefined if there is none. */
export async function loadCalendar(db: Executor, id: string): Promise<Calendar | undefined> {
  const row = await findCalendar(db, id);
  if (!row) return undefined;
  return present(row, (await holidaysOf(db, [id])).get(id) ?? []);
}

const REFUSED = defineMessages({
  builtin: {
    id: 'error.calendars.builtin',
    defaultMessage: 'The built-in 24×7 calendar cannot be changed or deleted; create a calendar of your own',
  },
  notADate: { id: 'error.calendars.not_a_date', defaultMessage: '{date} is not a date (YYYY-MM-DD)' },
  holidayTwice: { id: 'error.calendars.holiday_twice', defaultMessage: '{date} is a holiday twice' },
  nameTaken: { id: 'error.calendars.name_taken', defaultMessage: 'A calendar with this name exists' },
  usedByPolicies: {
    id: 'error.calendars.used_by_policies',
    defaultMessage:
      'Service-level policies count on this calendar ({names}); give them another calendar first',
  },
  usedByRules: {
    id: 'error.calendars.used_by_rules',
    defaultMessage: "Triggers or automations test this calendar's hours ({names}); change them first",
  },
  feedUnreachable: {
    id: 'error.calendars.feed_unreachable',
    defaultMessage: 'the feed could not be fetched: {reason}',
  },
  feedAnswered: { id: 'error.calendars.feed_answered', defaultMessage: 'the feed answered {status}' },
  feedUnreadable: {
    id: 'error.calendars.feed_unreadable',
    defaultMessage: 'the feed could not be read: {reason}',
  },
  feedTooLarge: { id: 'error.calendars.feed_too_large', defaultMessage: 'the feed is larger than 1 MB' },
  neverOpens: { id: 'error.calendars.never_opens', defaultMessage: 'This calendar never opens: {reason}' },
});

const quoted = (names: readonly string[]) => names.map((n) => `“${n}”`).join(', ');

async function calendarOr404(db: Executor, id: string): Promise<Calendar> {
  const c = await loadCalendar(db, id);
  if (!c) throw refusal('not_found', SHARED.calendarNotFound);
  return c;
}

const builtinRefused = () => refusal('conflict', REFUSED.builtin);

const holidayKey = (h: { date: string; yearly: boolean }) =>
  h.yearly ? `yearly ${h.date.slice(5)}` : h.date;

/** A 400 naming the first problem: zone, intervals, no hours at all, a holiday's date, a holiday twice. */
function check(c: { timeZone: string; hours: WeekHours; holidays: readonly HolidayInput[] }) {
  const why = calendarProblem({ ...c, holidays: [] });
  if (why)
    throw validation(why.startsWith('the calendar') || /^\w{3}: /.test(why) ? 'hours' : 'timeZone', why);
  const seen = new Set<string>();
  c.holidays.forEach((h, i) => {
    if (!isDate(h.date)) throw invalid(`holidays.${i}.date`, REFUSED.notADate, { date: h.date });
    const key = holidayKey(h);
    if (seen.has(key)) throw invalid(`holidays.${i}`, REFUSED.holidayTwice, { date: h.date });
    seen.add(key);
  });
}

const holidayRows = (
  calendarId: string,
  list: readonly (HolidayInput | ImportedHoliday)[],
  source: 'manual' | 'ical',
) =>
  list.map(
    (h) =>
      ({
        id: newId(),
        calendar_id: calendarId,
        date: h.date,
        yearly: h.yearly ? 1 : 0,
        name: h.name,
        source,
      }) as const,
  );

/** Keeps each holiday's source when a PATCH sends the list back as it was. */
function keepSources(
  calendarId: string,
  old: Calendar['holidays'],
  next: readonly HolidayInput[],
): HolidayRow[] {
  const before = new Map(old.map((h) => [holidayKey(h), h]));
  return next.map((h) => {
    const was = before.get(holidayKey(h));
    return {
      id: newId(),
      calendar_id: calendarId,
      date: h.date,
      yearly: h.yearly ? 1 : 0,
      name: h.name,
      source: was && was.name === h.name ? was.source : 'manual',
    };
  });
}

const recordChange = (ctx: ActorCtx, db: Executor, details: Record<string, unknown>) =>
  audit(ctx, db, { ...byActor(ctx), action: 'settings_changed', details: { area: 'calendar', ...details } });

async function nameFree(db: Executor, name: string, except?: string) {
  const other = await calendarNamed(db, name);
  if (other && other.id !== except) throw refusal('conflict', REFUSED.nameTaken);
}

export async function listCalendars(ctx: ActorCtx): Promise<Calendar[]> {
  authorize(ctx.actor, 'calendar.read');
  const rows = await listCalendarRows(ctx.db);
  const holidays = await holidaysOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, holidays.get(r.id) ?? []));
}

export async function getCalendar(ctx: ActorCtx, id: string): Promise<Calendar> {
  authorize(ctx.actor, 'calendar.read');
  return calendarOr404(ctx.db, id);
}

export async function createCalendar(ctx: ActorCtx, body: z.output<typeof calendarBody>): Promise<Calendar> {
  authorize(ctx.actor, 'calendar.manage');
  const holidays = body.holidays ?? [];
  check({ ...body, holidays });
  const id = newId();
  const now = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await nameFree(trx, body.name);
    await insertCalendar(trx, {
      id,
      name: body.name,
      time_zone: body.timeZone,
      hours: JSON.stringify(body.hours),
      builtin: 0,
      created_at: now,
      updated_at: now,
    });
    await insertHolidays(trx, holidayRows(id, holidays, 'manual'));
    await recordChange(ctx, trx, {
      created: body.name,
      timeZone: body.timeZone,
      hours: body.hours,
      holidays: holidays.length,
    });
  });
  return calendarOr404(ctx.db, id);
}

export async function updateCalendar(
  ctx: ActorCtx,
  id: string,
  patch: z.output<typeof calendarPatch>,
): Promise<Calendar> {
  authorize(ctx.actor, 'calendar.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const old = await calendarOr404(trx, id);
    if (old.builtin) throw builtinRefused();
    const next = {
      name: patch.name ?? old.name,
      timeZone: patch.timeZone ?? old.timeZone,
      hours: patch.hours ?? old.hours,
      holidays: patch.holidays ?? old.holidays,
    };
    check(next);
    if (patch.name !== undefined) await nameFree(trx, next.name, id);
    await updateCalendarRow(trx, id, {
      name: next.name,
      time_zone: next.timeZone,
      hours: JSON.stringify(next.hours),
      updated_at: nowIso(ctx),
    });
    if (patch.holidays) {
      await deleteHolidays(trx, id);
      await insertHolidays(trx, keepSources(id, old.holidays, patch.holidays));
    }
    const summary = (c: typeof next) => ({
      name: c.name,
      timeZone: c.timeZone,
      hours: c.hours,
      holidays: c.holidays.map((h) => `${holidayKey(h)} ${h.name}`.trim()),
    });
    const changes = changedFields(summary(old), summary(next));
    if (Object.keys(changes).length > 0) await recordChange(ctx, trx, { changed: old.name, changes });
    return calendarOr404(trx, id);
  });
}

export async function deleteCalendar(ctx: ActorCtx, id: string): Promise<void> {
  authorize(ctx.actor, 'calendar.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const old = await calendarOr404(trx, id);
    if (old.builtin) throw builtinRefused();
    const policies = await policiesOnCalendar(trx, id);
    if (policies.length > 0) throw refusal('conflict', REFUSED.usedByPolicies, { names: quoted(policies) });
    const rules = await rulesOnCalendar(trx, id);
    if (rules.length > 0) throw refusal('conflict', REFUSED.usedByRules, { names: quoted(rules) });
    await deleteCalendarRow(trx, id);
    await recordChange(ctx, trx, { deleted: old.name });
  });
}

/** The feed at `url`, through the outbound guard (no loopback or private address unless allowed), at most 1 MB. */
async function fetchFeed(ctx: ActorCtx, url: string): Promise<string> {
  let res: Response;
  try {
    res = await safeFetch(ctx.config.outbound, url, {
      headers: { accept: 'text/calendar, text/plain;q=0.5' },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (err) {
    throw invalid('url', REFUSED.feedUnreachable, { reason: networkReason(err) });
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw invalid('url', REFUSED.feedAnswered, { status: `${res.status} ${res.statusText}`.trim() });
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body ?? []) {
      size += chunk.length;
      if (size > MAX_ICAL_BYTES) break;
      chunks.push(chunk);
    }
  } catch (err) {
    // The time limit, or the connection lost while the body was coming.
    throw invalid('url', REFUSED.feedUnreadable, { reason: networkReason(err) });
  }
  if (size > MAX_ICAL_BYTES) {
    await res.body?.cancel().catch(() => {});
    throw invalid('url', REFUSED.feedTooLarge);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Adds the holidays of an iCal file or feed to the calendar, as source "ical"; those it has
 * already (the same date, or the same month and day for yearly ones) are left as they are.
 */
export async function importHolidays(
  ctx: ActorCtx,
  id: string,
  from: { text: string } | { url: string },
): Promise<z.infer<typeof calendarImportSchema>> {
  authorize(ctx.actor, 'calendar.manage');
  const first = await calendarOr404(ctx.db, id);
  if (first.builtin) throw builtinRefused();
  const text = 'text' in from ? from.text : await fetchFeed(ctx, from.url);
  let parsed: ReturnType<typeof holidaysFromIcal>;
  try {
    parsed = holidaysFromIcal(text, ctx.clock());
  } catch (err) {
    if (err instanceof IcalError) throw invalid('url' in from ? 'url' : 'file', err.said, err.values);
    throw err;
  }
  return ctx.db.transaction().execute(async (trx) => {
    const cal = await calendarOr404(trx, id);
    const have = new Set(cal.holidays.map(holidayKey));
    const fresh = parsed.holidays.filter((h) => !have.has(holidayKey(h)));
    await insertHolidays(trx, holidayRows(id, fresh, 'ical'));
    if (fresh.length > 0) {
      await updateCalendarRow(trx, id, { updated_at: nowIso(ctx) });
      await recordChange(ctx, trx, {
        changed: cal.name,
        imported: 'url' in from ? from.url : 'file',
        holidays: fresh.map((h) => holidayKey(h)),
      });
    }
    return {
      added: fresh.length,
      skipped: parsed.skipped + parsed.holidays.length - fresh.length,
      calendar: await calendarOr404(trx, id),
    };
  });
}

/** When `minutes` business minutes from `from` (now if not given) would have passed on the calendar. */
export async function previewCalendar(
  ctx: ActorCtx,
  id: string,
  q: z.output<typeof calendarPreviewQuery>,
): Promise<z.infer<typeof calendarPreviewSchema>> {
  authorize(ctx.actor, 'calendar.read');
  const cal = businessCalendarOf(await calendarOr404(ctx.db, id));
  const from = q.from ? Date.parse(q.from) : ctx.clock().getTime();
  try {
    return {
      from: new Date(from).toISOString(),
      minutes: q.minutes,
      due: new Date(addBusinessMinutes(cal, from, q.minutes)).toISOString(),
      open: isBusinessTime(cal, from),
      nextOpen: new Date(nextBusinessStart(cal, from)).toISOString(),
    };
  } catch (err) {
    if (err instanceof NeverOpen) throw refusal('conflict', REFUSED.neverOpens, { reason: err.message });
    throw err;
  }
}
