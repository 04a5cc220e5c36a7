// The mixed workload's driver: tokens for the seeded staff and customers, then steps of N agents
// (the load itself is mixed-load.ts, in the loader child process) until one does not hold.

import type { Actor, Ctx } from '../src/context.js';
import { createToken } from '../src/modules/auth/auth.service.js';
import type { Child } from './common.js';
import { MIXED_P99_LIMIT_MS, type MixedJob, type MixedResult } from './mixed-load.js';

export type MixedSetup = Omit<MixedJob, 'kind' | 'id' | 'url' | 'agents' | 'duration'>;

/** Tokens for the seeded staff and customers, and the tickets each may open or answer. */
export async function mixedSetup(ctx: Ctx, admin: Actor, mailTo: string): Promise<MixedSetup> {
  const { db } = ctx;
  const staffRows = await db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where('role', '=', 'agent')
    .orderBy('id')
    .limit(20)
    .execute();
  const staff: MixedSetup['staff'] = [];
  for (const s of staffRows) {
    const departmentIds = (
      await db.selectFrom('user_departments').select('department_id').where('user_id', '=', s.id).execute()
    ).map((d) => d.department_id);
    if (departmentIds.length === 0) continue;
    const tickets = await db
      .selectFrom('tickets')
      .select('number')
      .where('department_id', 'in', departmentIds)
      .orderBy('number', 'desc')
      .limit(200)
      .execute();
    const actor: Actor = { ...s, role: 'agent', organisationId: null, departmentIds };
    const { token } = await createToken({ ...ctx, actor }, 'mixed workload');
    staff.push({ token, tickets: tickets.map((t) => t.number) });
  }
  const customerRows = await db
    .selectFrom('users')
    .innerJoin('tickets', 'tickets.requester_id', 'users.id')
    .select(['users.id', 'users.email', 'users.name', 'users.organisation_id'])
    .select((eb) => eb.fn.max('tickets.number').as('latest'))
    .where('users.role', '=', 'customer')
    .groupBy(['users.id', 'users.email', 'users.name', 'users.organisation_id'])
    .orderBy('users.id')
    .limit(100)
    .execute();
  const customers: MixedSetup['customers'] = [];
  for (const c of customerRows) {
    const actor: Actor = {
      id: c.id,
      email: c.email,
      name: c.name,
      role: 'customer',
      organisationId: c.organisation_id,
      departmentIds: [],
    };
    const { token } = await createToken({ ...ctx, actor }, 'mixed workload');
    customers.push({ token, tickets: [Number(c.latest)] });
  }
  const departments = (await db.selectFrom('departments').select('id').execute()).map((d) => d.id);
  const { token } = await createToken({ ...ctx, actor: admin }, 'mixed workload mail');
  return {
    staff,
    customers,
    departments,
    mail: { token, to: mailTo, from: customerRows.map((c) => c.email) },
  };
}

const passes = (r: MixedResult) =>
  Object.values(r.types).every((t) => t.failed === 0 && (t.p99 ?? 0) <= MIXED_P99_LIMIT_MS) &&
  r.streams.failed === 0;

/**
 * Raises the number of agents (doubling, then halving the step between the last that held and
 * the first that did not) and returns every step run, and the largest N that held.
 */
export async function benchMixed(
  loader: Child,
  url: string,
  setup: MixedSetup,
  opts: { duration: number; start: number; max: number; log: (line: string) => void },
): Promise<{ steps: MixedResult[]; best: MixedResult | null }> {
  const steps: MixedResult[] = [];
  let id = 1000;
  const run = async (agents: number) => {
    const result = await loader.ask<MixedResult>({
      kind: 'mixed',
      id: ++id,
      url,
      agents,
      duration: opts.duration,
      ...setup,
    } satisfies MixedJob);
    steps.push(result);
    const worst = Object.entries(result.types).sort((a, b) => (b[1].p99 ?? 0) - (a[1].p99 ?? 0))[0]!;
    opts.log(
      `  ${agents} agents: ${passes(result) ? 'held' : 'did not hold'}; slowest ${worst[0]} p99 ${worst[1].p99?.toFixed(1) ?? '-'} ms` +
        `${Object.values(result.types).some((t) => t.failed) ? ', with failures' : ''}`,
    );
    return result;
  };
  let best: MixedResult | null = null;
  let low = 0;
  let high = 0;
  for (let n = opts.start; n <= opts.max; n *= 2) {
    const result = await run(n);
    if (!passes(result)) {
      high = n;
      break;
    }
    best = result;
    low = n;
  }
  // Two halvings between the last that held and the first that did not.
  for (let i = 0; i < 2 && high > 0 && high - low > 1; i++) {
    const n = Math.floor((low + high) / 2);
    const result = await run(n);
    if (passes(result)) {
      best = result;
      low = n;
    } else high = n;
  }
  return { steps, best };
}

export function mixedLines(
  engine: string,
  outcome: { steps: MixedResult[]; best: MixedResult | null },
): string[] {
  const b = outcome.best;
  if (!b)
    return [
      `mixed workload (${engine}): no step held p99 <= ${MIXED_P99_LIMIT_MS} ms for every request type`,
    ];
  const parts = Object.entries(b.types).map(([t, v]) => `${t} ${v.p99?.toFixed(1) ?? '-'} ms (n ${v.n})`);
  return [
    `mixed workload (${engine}): ${b.agents} agents held every request type at p99 <= ${MIXED_P99_LIMIT_MS} ms ` +
      `(${b.streams.opened} live streams open); p99 at ${b.agents}: ${parts.join(', ')}`,
  ];
}
