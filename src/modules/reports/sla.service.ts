import {
  DAY_MS,
  MAX_REPORT_DAYS,
  type SlaFigures,
  type SlaInterval,
  type SlaReport,
  type SlaReportGroup,
  type SlaReportQuery,
} from '../../../common/reports.js';
import { SLA_METRIC_LABELS, SLA_METRICS, type SlaMetric } from '../../../common/sla.js';
import type { ActorCtx } from '../../context.js';
import { invalid } from '../../errors.js';
import { authorize } from '../../policies/policy.js';
import { SHARED_REFUSALS as SHARED } from '../reference-data/refusals.js';
import { PRIORITY_RANK, priorityName } from '../tickets/tickets.present.js';
import { percentile } from './reports.service.js';
import { slaCounts, slaElapsed } from './sla.repository.js';

/** Percentiles are taken over at most this many stopped clocks, the newest of the range. */
export const SLA_ELAPSED_CAP = 100_000;

export const SLA_UNIT_NOTE =
  'Minutes as each clock counts them: business minutes for targets in business hours, calendar minutes otherwise; a row marked mixed holds both.';

const dayOf = (iso: string) => iso.slice(0, 10);
const mondayOf = (day: string) =>
  new Date(
    Date.parse(`${day}T00:00:00.000Z`) - ((new Date(`${day}T00:00:00.000Z`).getUTCDay() + 6) % 7) * DAY_MS,
  )
    .toISOString()
    .slice(0, 10);
const BUCKET = {
  day: (day: string) => day,
  week: mondayOf,
  month: (day: string) => `${day.slice(0, 7)}-01`,
} satisfies Record<SlaInterval, (day: string) => string>;

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

type Tally = { clocks: number; met: number; stoppedBreached: number; openBreached: number; business: number };
const emptyTally = (): Tally => ({ clocks: 0, met: 0, stoppedBreached: 0, openBreached: 0, business: 0 });

function figures(metric: SlaMetric, t: Tally, minutes: number[]): SlaFigures {
  const sorted = [...minutes].sort((a, b) => a - b);
  const breached = t.stoppedBreached + t.openBreached;
  return {
    metric,
    clocks: t.clocks,
    met: t.met,
    breached,
    openBreached: t.openBreached,
    metPercent: t.clocks ? Math.round((t.met / t.clocks) * 1000) / 10 : null,
    stopped: t.met + t.stoppedBreached,
    medianMinutes: round1(percentile(sorted, 0.5)),
    p90Minutes: round1(percentile(sorted, 0.9)),
    unit:
      t.clocks === 0 ? null : t.business === 0 ? 'calendar' : t.business === t.clocks ? 'business' : 'mixed',
  };
}

/**
 * How often each service-level target was met, per group: clocks stopped within the range, and
 * clocks still open that fell due within it and are past due now (breached, still waiting).
 * Without `from` the range starts the longest span before its end that a report allows.
 */
export async function slaReport(ctx: ActorCtx, query: SlaReportQuery): Promise<SlaReport> {
  authorize(ctx.actor, 'reports.read');
  const now = ctx.clock().toISOString();
  const to = query.to ?? now;
  const from = query.from ?? new Date(Date.parse(to) - MAX_REPORT_DAYS * DAY_MS).toISOString();
  // One bound alone can still span millennia; the schema only checks a pair.
  if (Date.parse(to) - Date.parse(from) > MAX_REPORT_DAYS * DAY_MS)
    throw invalid('querystring.from', SHARED.rangeTooLong, { days: String(MAX_REPORT_DAYS) });
  const scope = { from, to, now, departmentId: query.departmentId };
  const [counts, elapsed] = await Promise.all([
    slaCounts(ctx.db, ctx.actor, scope, query.groupBy),
    slaElapsed(ctx.db, ctx.actor, scope, query.groupBy, SLA_ELAPSED_CAP + 1),
  ]);
  const sampled = elapsed.length > SLA_ELAPSED_CAP;

  const groupOf = (key: string | null): string | null => {
    if (key === null) return null;
    if (query.groupBy === 'period') return BUCKET[query.interval](dayOf(key));
    if (query.groupBy === 'priority') return priorityName(Number(key));
    return key;
  };
  // group → metric → tally and minutes; `metric` grouping keys each metric as its own group.
  type Cell = { tally: Tally; minutes: number[] };
  const groups = new Map<string, { key: string | null; label: string | null; cells: Map<SlaMetric, Cell> }>();
  const cellOf = (rawKey: string | null, metric: SlaMetric, label: string | null = null) => {
    const key = query.groupBy === 'metric' ? metric : groupOf(rawKey);
    const id = key ?? '';
    const g = groups.get(id) ?? { key, label, cells: new Map<SlaMetric, Cell>() };
    groups.set(id, g);
    if (label !== null) g.label = label;
    const cell = g.cells.get(metric) ?? { tally: emptyTally(), minutes: [] };
    g.cells.set(metric, cell);
    return cell;
  };
  if (query.groupBy === 'metric') for (const m of SLA_METRICS) cellOf(null, m);
  for (const r of counts) {
    const t = cellOf(r.key, r.metric, r.label).tally;
    t.clocks += r.clocks;
    t.met += r.met;
    t.stoppedBreached += r.stoppedBreached;
    t.openBreached += r.openBreached;
    t.business += r.business;
  }
  for (const r of elapsed.slice(0, SLA_ELAPSED_CAP)) cellOf(r.key, r.metric).minutes.push(r.minutes);

  const out: SlaReportGroup[] = [...groups.values()].map((g) => ({
    key: g.key,
    label: labelOf(query.groupBy, g.key, g.label),
    metrics: SLA_METRICS.filter((m) => g.cells.has(m)).map((m) => {
      const cell = g.cells.get(m) as Cell;
      return figures(m, cell.tally, cell.minutes);
    }),
  }));
  out.sort(orderOf(query.groupBy));
  return {
    from,
    to,
    now,
    groupBy: query.groupBy,
    interval: query.interval,
    groups: out,
    sampled,
    unitNote: SLA_UNIT_NOTE,
  };
}

function labelOf(groupBy: SlaReportQuery['groupBy'], key: string | null, name: string | null): string {
  switch (groupBy) {
    case 'metric':
      return SLA_METRIC_LABELS[key as SlaMetric];
    case 'department':
      return name ?? 'Unknown department';
    case 'agent':
      return key === null ? 'Unassigned' : (name ?? 'Unknown agent');
    case 'priority':
      return key ? key.charAt(0).toUpperCase() + key.slice(1) : '';
    case 'period':
      return key ?? '';
  }
}

type Sorter = (a: SlaReportGroup, b: SlaReportGroup) => number;
function orderOf(groupBy: SlaReportQuery['groupBy']): Sorter {
  const metricRank = (k: string | null) => SLA_METRICS.indexOf(k as SlaMetric);
  const rank = (k: string | null) => PRIORITY_RANK[k as keyof typeof PRIORITY_RANK] ?? 0;
  switch (groupBy) {
    case 'metric':
      return (a, b) => metricRank(a.key) - metricRank(b.key);
    case 'priority':
      // The most urgent first.
      return (a, b) => rank(b.key) - rank(a.key);
    case 'period':
      return (a, b) => (a.key ?? '').localeCompare(b.key ?? '');
    case 'department':
    case 'agent':
      // By name; the unassigned last.
      return (a, b) => Number(a.key === null) - Number(b.key === null) || a.label.localeCompare(b.label);
  }
}
