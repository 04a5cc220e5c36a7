import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../bench/seed.js';
import type { BulkJob } from '../common/bulk.js';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { type Client, loginAdmin } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// A bulk change on a filter at 100,000 tickets (seeded in bulk as the benchmark seeds them)
// completes as a job, its progress visible while it runs.

// BULK_SCALE_TICKETS sets another size, to measure.
const TICKETS = Number(process.env.BULK_SCALE_TICKETS ?? 100_000);
let env: TestEnv;
let admin: Client;

beforeAll(async () => {
  env = await startTestApp();
  const engine = env.database.dialect;
  await seed({
    engine,
    url: env.url,
    analyze: false,
    options: { tickets: TICKETS, maxMessages: 1, seed: 1, now: Date.now() },
  });
  admin = await loginAdmin(env.app);
}, 300_000);
afterAll(async () => {
  await env?.close();
});

describe('bulk change at 100,000 tickets', () => {
  it('runs on a filter as a job, with progress, to the end', async () => {
    const t0 = performance.now();
    const started = await admin.expect<BulkJob>(202, 'POST', '/api/v1/tickets/bulk', {
      filter: { priority: 'low,normal,high,urgent' },
      action: { kind: 'update', changes: { priority: 'low' } },
    });
    expect(started.total).toBe(TICKETS);
    const opts = { intervalMs: 0, maxAttempts: 3 };
    await runJobsOnce(env.app.ctx, JOB_HANDLERS, opts);
    const midway = await admin.get<BulkJob>(`/api/v1/tickets/bulk/${started.id}`);
    expect(midway.status).toBe('running');
    expect(midway.done).toBeGreaterThan(0);
    expect(midway.done).toBeLessThan(TICKETS);
    while ((await runJobsOnce(env.app.ctx, JOB_HANDLERS, opts)) > 0);
    const job = await admin.get<BulkJob>(`/api/v1/tickets/bulk/${started.id}`);
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `bulk priority change of ${TICKETS} tickets (${env.database.dialect}): ${seconds.toFixed(1)} s`,
    );
    expect(job).toMatchObject({ status: 'done', total: TICKETS, done: TICKETS, skipped: 0 });
    const left = await env.database.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('priority', '!=', 1)
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
  }, 1_200_000);
});
