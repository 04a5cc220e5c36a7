import { type RawBuilder, sql } from 'kysely';
import type { SlaGrouping } from '../../../common/reports.js';
import type { SlaMetric } from '../../../common/sla.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { visibleTickets } from '../ticket-data/tickets.repository.js';

// The service-level clocks a report counts: those stopped within the range, and those still open
// whose due time fell within it and has passed (breaches still waiting). Only tickets the caller
// may see; grouped in SQL by what the report groups on.

export type SlaScope = {
  from: string;
  to: string;
  /** Open clocks count once they are past due at this instant. */
  now: string;
  departmentId?: string;
};

/**
 * What each grouping groups on (the period's day is folded into weeks or months by the service),
 * and the name read beside it; none for a constant, which PostgreSQL refuses in GROUP BY.
 */
type Grouped = { key: RawBuilder<unknown> | null; label: RawBuilder<unknown> | null };
const KEYS: Record<SlaGrouping, Grouped> = {
  metric: { key: null, label: null },
  department: { key: sql<string>`tickets.department_id`, label: sql<string>`departments.name` },
  agent: { key: sql<string | null>`tickets.assignee_id`, label: sql<string | null>`assignee.name` },
  priority: { key: sql<number>`tickets.priority`, label: null },
  period: { key: sql<string>`substr(coalesce(c.stopped_at, c.due_at), 1, 10)`, label: null },
};

const NONE = sql<null>`null`;

function scoped(db: Executor, actor: Actor, scope: SlaScope) {
  // Open clocks due before the range's end and before now: min(to, now) as one bound.
  const openUntil = scope.to < scope.now ? scope.to : scope.now;
  let q = visibleTickets(db, actor)
    .innerJoin('ticket_sla_clocks as c', 'c.ticket_id', 'tickets.id')
    .innerJoin('departments', 'departments.id', 'tickets.department_id')
    .leftJoin('users as assignee', 'assignee.id', 'tickets.assignee_id')
    .where((eb) =>
      eb.or([
        eb.and([eb('c.stopped_at', '>=', scope.from), eb('c.stopped_at', '<', scope.to)]),
        eb.and([
          eb('c.stopped_at', 'is', null),
          eb('c.due_at', '>=', scope.from),
          eb('c.due_at', '<', openUntil),
        ]),
      ]),
    );
  if (scope.departmentId) q = q.where('tickets.department_id', '=', scope.departmentId);
  return q;
}

export type SlaCountRow = {
  key: string | null;
  label: string | null;
  metric: SlaMetric;
  clocks: number;
  met: number;
  stoppedBreached: number;
  openBreached: number;
  business: number;
};

/** Clocks counted per group and metric: met, breached when stopped, open and overdue. */
export async function slaCounts(
  db: Executor,
  actor: Actor,
  scope: SlaScope,
  groupBy: SlaGrouping,
): Promise<SlaCountRow[]> {
  const { key, label } = KEYS[groupBy];
  const rows = await scoped(db, actor, scope)
    .select([
      (key ?? NONE).as('key'),
      (label ?? NONE).as('label'),
      'c.metric',
      (eb) => eb.fn.countAll().as('clocks'),
      sql<number>`sum(case when c.stopped_at is not null and c.breached = 0 then 1 else 0 end)`.as('met'),
      sql<number>`sum(case when c.stopped_at is not null and c.breached = 1 then 1 else 0 end)`.as(
        'stopped_breached',
      ),
      sql<number>`sum(case when c.stopped_at is null then 1 else 0 end)`.as('open_breached'),
      sql<number>`sum(case when c.business = 1 then 1 else 0 end)`.as('business'),
    ])
    .groupBy([...(key ? [key] : []), ...(label ? [label] : []), 'c.metric'])
    .execute();
  return rows.map((r) => ({
    key: r.key === null ? null : String(r.key),
    label: r.label === null ? null : String(r.label),
    metric: r.metric,
    clocks: Number(r.clocks),
    met: Number(r.met),
    stoppedBreached: Number(r.stopped_breached),
    openBreached: Number(r.open_breached),
    business: Number(r.business),
  }));
}

/** Elapsed minutes of the newest `limit` clocks stopped within the range, with their group. */
export async function slaElapsed(
  db: Executor,
  actor: Actor,
  scope: SlaScope,
  groupBy: SlaGrouping,
  limit: number,
) {
  const rows = await scoped(db, actor, scope)
    .where('c.stopped_at', 'is not', null)
    .where('c.elapsed_minutes', 'is not', null)
    .select([(KEYS[groupBy].key ?? NONE).as('key'), 'c.metric', 'c.elapsed_minutes'])
    .orderBy('c.stopped_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    key: r.key === null ? null : String(r.key),
    metric: r.metric,
    minutes: Number(r.elapsed_minutes),
  }));
}
