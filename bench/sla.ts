// The service-level sweep, timed with the server idle: one pass when no clock is due (what every
// scheduler tick costs), then one over clocks made due, each ticket re-synced, claimed and announced
// (an event and an outbox notice) as the scheduler would. The sweep runs at the seed's "now", so the
// seeded clocks are due, or not, as the seeder laid them out whenever the benchmark reaches this.

import { sql } from 'kysely';
import type { Ctx } from '../src/context.js';
import { runSlaSweep, type SlaSweepResult } from '../src/modules/sla/sla.sweep.js';

/** Clocks made due at once (fewer when fewer run); the figure is extrapolated to SWEEP_TARGET. */
export const SWEEP_DUE = 10_000;
const SWEEP_TARGET = 100_000;

export type SweepOutcome = {
  runningClocks: number;
  scheduledClocks: number;
  idle: { runs: number; medianMs: number; maxMs: number; examined: number };
  due: { clocks: number; tickets: number; seconds: number; result: SlaSweepResult };
};

export async function benchSlaSweep(appCtx: Ctx, seedNow: number): Promise<SweepOutcome> {
  const now = new Date(seedNow);
  const ctx: Ctx = { ...appCtx, clock: () => now };
  const db = ctx.db;
  const nowText = now.toISOString();
  // Running: not stopped; scheduled: with a warning or deadline still to announce.
  const running = await db
    .selectFrom('ticket_sla_clocks')
    .select([
      sql<number>`count(*)`.as('n'),
      sql<number>`count(case when check_at > ${nowText} then 1 end)`.as('scheduled'),
    ])
    .where('stopped_at', 'is', null)
    .executeTakeFirstOrThrow();

  // (a) Nothing due: the query alone, a few times.
  const times: number[] = [];
  let examined = 0;
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    examined += (await runSlaSweep(ctx)).examined;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);

  // (b) The clocks due soonest fall due a minute ago (their deadline with them, as time passing
  // would have it), then one pass over them.
  const n = Math.min(SWEEP_DUE, Number(running.scheduled));
  const past = new Date(seedNow - 60_000).toISOString();
  await db
    .updateTable('ticket_sla_clocks')
    .set({ check_at: past, due_at: past })
    .where(
      'id',
      'in',
      db
        .selectFrom('ticket_sla_clocks')
        .select('id')
        .where('check_at', '>', nowText)
        .orderBy('check_at')
        .limit(n),
    )
    .execute();
  const due = await db
    .selectFrom('ticket_sla_clocks')
    .select([sql<number>`count(*)`.as('clocks'), sql<number>`count(distinct ticket_id)`.as('tickets')])
    .where('check_at', '<=', nowText)
    .executeTakeFirstOrThrow();
  const started = performance.now();
  const result = await runSlaSweep(ctx);
  const seconds = (performance.now() - started) / 1000;
  return {
    runningClocks: Number(running.n),
    scheduledClocks: Number(running.scheduled),
    idle: {
      runs: times.length,
      medianMs: times[Math.floor(times.length / 2)]!,
      maxMs: times[times.length - 1]!,
      examined,
    },
    due: { clocks: Number(due.clocks), tickets: Number(due.tickets), seconds, result },
  };
}

const int = (n: number) => Math.round(n).toLocaleString('en');

export const sweepLines = (s: SweepOutcome) => {
  const perSec = s.due.clocks / s.due.seconds;
  return [
    `sla sweep, nothing due (${int(s.runningClocks)} running clocks, ${int(s.scheduledClocks)} with a warning or deadline ahead): median ${s.idle.medianMs.toFixed(2)} ms, ` +
      `max ${s.idle.maxMs.toFixed(2)} ms over ${s.idle.runs} passes (${s.idle.examined} tickets examined)`,
    `sla sweep, ${int(s.due.clocks)} clocks due on ${int(s.due.tickets)} tickets: ${s.due.seconds.toFixed(1)} s ` +
      `(${int(perSec)} clocks/s, ${int(s.due.tickets / s.due.seconds)} tickets/s; ${int(s.due.result.examined)} examined, ` +
      `${int(s.due.result.warned)} warned, ${int(s.due.result.breached)} breached); ` +
      `${int(SWEEP_TARGET)} clocks due at once: about ${(SWEEP_TARGET / perSec).toFixed(0)} s`,
  ];
};
