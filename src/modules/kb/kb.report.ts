import type { z } from 'zod';
import { KB_METRICS, type KbMetric, type kbReportQuery, type kbReportSchema } from '../../../common/kb.js';
import type { ActorCtx } from '../../context.js';
import { invalid } from '../../errors.js';
import { authorize } from '../../policies/policy.js';
import { SHARED_REFUSALS as SHARED } from '../reference-data/refusals.js';
import { KB_REFUSALS as REFUSED } from './kb.refusals.js';
import { sumsByArticle, sumsByDay, sumsByMetric } from './kb.report.repository.js';

// How the knowledge base is used, for staff: suggestions shown, opened and that solved the
// problem, views, votes and uses on tickets; over a range of days, per day and per article.

type Report = z.output<typeof kbReportSchema>;
type Counts = Record<KbMetric, number>;

/** The longest range one report covers: a year and a day, so a leap year fits. */
export const KB_REPORT_MAX_DAYS = 366;
const DAY = 86_400_000;

const zero = (): Counts => Object.fromEntries(KB_METRICS.map((m) => [m, 0])) as Counts;
const total = (c: Counts) => KB_METRICS.reduce((s, m) => s + c[m], 0);

/** Every day from `from` to `to`, both included. */
function daysBetween(from: string, to: string): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== from)
    throw invalid('from', REFUSED.notADate);
  if (Number.isNaN(end) || new Date(end).toISOString().slice(0, 10) !== to)
    throw invalid('to', REFUSED.notADate);
  if (start > end) throw invalid('from', REFUSED.fromAfterTo);
  const n = (end - start) / DAY + 1;
  if (n > KB_REPORT_MAX_DAYS) throw invalid('to', SHARED.rangeTooLong, { days: String(KB_REPORT_MAX_DAYS) });
  return Array.from({ length: n }, (_, i) => new Date(start + i * DAY).toISOString().slice(0, 10));
}

export async function kbReport(ctx: ActorCtx, q: z.output<typeof kbReportQuery>): Promise<Report> {
  authorize(ctx.actor, 'kb.report');
  const days = daysBetween(q.from, q.to);
  const [metrics, perDay, perArticle] = await Promise.all([
    sumsByMetric(ctx.db, q.from, q.to),
    sumsByDay(ctx.db, q.from, q.to),
    sumsByArticle(ctx.db, q.from, q.to),
  ]);
  const totals = zero();
  for (const r of metrics) totals[r.metric] = Number(r.n ?? 0);
  const byDay = new Map(days.map((d) => [d, zero()]));
  for (const r of perDay) {
    const c = byDay.get(r.day);
    if (c) c[r.metric] = Number(r.n ?? 0);
  }
  const byArticle = new Map<string, { id: string; title: string; counts: Counts }>();
  for (const r of perArticle) {
    const a = byArticle.get(r.id) ?? { id: r.id, title: r.title, counts: zero() };
    a.counts[r.metric] = Number(r.n ?? 0);
    byArticle.set(r.id, a);
  }
  return {
    totals,
    days: [...byDay].map(([day, counts]) => ({ day, counts })),
    // The busiest first; a tie by title, so the table does not reshuffle between loads.
    articles: [...byArticle.values()].sort(
      (a, b) =>
        total(b.counts) - total(a.counts) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id),
    ),
  };
}
