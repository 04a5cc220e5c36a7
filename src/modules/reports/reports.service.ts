import {
  type BacklogReport,
  DAY_MS,
  type DurationStats,
  MAX_REPORT_DAYS,
  type ReportRange,
  type ResponseTimesReport,
  type VolumeQuery,
  type VolumeRow,
} from '../../../common/reports.js';
import type { ActorCtx } from '../../context.js';
import { invalid } from '../../errors.js';
import { authorize } from '../../policies/policy.js';
import { SHARED_REFUSALS as SHARED } from '../reference-data/refusals.js';
import {
  backlogByDepartment,
  backlogByStatus,
  createdPerDay,
  firstCreatedAt,
  ratingCounts,
  resolvedPerDay,
  surveysSent,
  ticketTimes,
} from './reports.repository.js';

export type CsatReport = {
  sent: number;
  responses: number;
  average: number | null;
  /** Share of answers rated 4 or 5, in percent. */
  satisfiedPercent: number | null;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
};

/** Customer satisfaction over the tickets the caller may see. */
export async function csatReport(ctx: ActorCtx, range: { from?: string; to?: string }): Promise<CsatReport> {
  authorize(ctx.actor, 'reports.read');
  const [counts, sent] = await Promise.all([
    ratingCounts(ctx.db, ctx.actor, range),
    surveysSent(ctx.db, ctx.actor, range),
  ]);
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let responses = 0;
  let sum = 0;
  let satisfied = 0;
  for (const { rating, n } of counts) {
    const key = String(rating) as keyof typeof distribution;
    if (!(key in distribution)) continue;
    distribution[key] += n;
    responses += n;
    sum += rating * n;
    if (rating >= 4) satisfied += n;
  }
  return {
    sent,
    responses,
    average: responses ? Math.round((sum / responses) * 100) / 100 : null,
    satisfiedPercent: responses ? Math.round((satisfied / responses) * 1000) / 10 : null,
    distribution,
  };
}

/** Response times are measured on at most this many tickets, the newest of the range. */
export const RESPONSE_TIMES_CAP = 50_000;

const dayOf = (iso: string) => iso.slice(0, 10);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** The Monday (UTC) of the ISO week holding `day`. */
const mondayOf = (day: string) => addDays(day, -((new Date(`${day}T00:00:00.000Z`).getUTCDay() + 6) % 7));

function assertStaff(ctx: ActorCtx) {
  authorize(ctx.actor, 'reports.read');
}

/**
 * Tickets created and resolved per day or week, every period of the range listed (zeros too).
 * Without `to` the range ends now; without `from` it starts at the first visible ticket.
 */
export async function volumeReport(ctx: ActorCtx, query: VolumeQuery): Promise<VolumeRow[]> {
  assertStaff(ctx);
  const to = query.to ?? ctx.clock().toISOString();
  let from = query.from;
  if (!from) {
    const first = await firstCreatedAt(ctx.db, ctx.actor);
    const earliest = new Date(Date.parse(to) - MAX_REPORT_DAYS * DAY_MS).toISOString();
    from = first && first > earliest ? first : first ? earliest : to;
  }
  if (from >= to) return [];
  // One bound alone can still span millennia; the schema only checks a pair.
  if (Date.parse(to) - Date.parse(from) > MAX_REPORT_DAYS * DAY_MS)
    throw invalid('querystring.from', SHARED.rangeTooLong, { days: String(MAX_REPORT_DAYS) });
  const range = { from, to };
  const [created, resolved] = await Promise.all([
    createdPerDay(ctx.db, ctx.actor, range),
    resolvedPerDay(ctx.db, ctx.actor, range),
  ]);
  const periodOf = query.interval === 'week' ? mondayOf : (day: string) => day;
  const rows = new Map<string, VolumeRow>();
  // Counted in time, not by comparing day strings: past the year 9999 the ISO form changes shape
  // ('+010000-01-01') and would never compare as later than the last day.
  const last = Date.parse(`${dayOf(new Date(Date.parse(to) - 1).toISOString())}T00:00:00.000Z`);
  for (let t = Date.parse(`${dayOf(from)}T00:00:00.000Z`); t <= last; t += DAY_MS) {
    const period = periodOf(new Date(t).toISOString().slice(0, 10));
    if (!rows.has(period)) rows.set(period, { period, created: 0, resolved: 0 });
  }
  for (const { day, n } of created) {
    const row = rows.get(periodOf(day));
    if (row) row.created += n;
  }
  for (const { day, n } of resolved) {
    const row = rows.get(periodOf(day));
    if (row) row.resolved += n;
  }
  return [...rows.values()];
}

/** Tickets still to be worked on (not solved or closed), by status and by department. */
export async function backlogReport(ctx: ActorCtx): Promise<BacklogReport> {
  assertStaff(ctx);
  const [byStatus, byDepartment] = await Promise.all([
    backlogByStatus(ctx.db, ctx.actor),
    backlogByDepartment(ctx.db, ctx.actor),
  ]);
  byStatus.sort((a, b) => b.count - a.count || a.status.localeCompare(b.status));
  byDepartment.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  return { byStatus, byDepartment };
}

/** The p-th percentile (0…1) of sorted values, interpolating between neighbours. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

function stats(minutes: number[]): DurationStats {
  const sorted = [...minutes].sort((a, b) => a - b);
  return {
    count: sorted.length,
    medianMinutes: round1(percentile(sorted, 0.5)),
    p90Minutes: round1(percentile(sorted, 0.9)),
  };
}

/** Minutes to the first staff reply and to resolution, over tickets created within the range. */
export async function responseTimesReport(ctx: ActorCtx, range: ReportRange): Promise<ResponseTimesReport> {
  assertStaff(ctx);
  const rows = await ticketTimes(ctx.db, ctx.actor, range, RESPONSE_TIMES_CAP + 1);
  const sampled = rows.length > RESPONSE_TIMES_CAP;
  const firstResponse: number[] = [];
  const resolution: number[] = [];
  for (const row of rows.slice(0, RESPONSE_TIMES_CAP)) {
    const created = Date.parse(row.created_at);
    if (row.first_response_at) firstResponse.push((Date.parse(row.first_response_at) - created) / 60_000);
    if (row.resolved_at) resolution.push((Date.parse(row.resolved_at) - created) / 60_000);
  }
  return { firstResponse: stats(firstResponse), resolution: stats(resolution), sampled };
}
