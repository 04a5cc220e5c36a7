// The bulk scenario: one bulk status change over the first N seeded tickets, run as the worker
// runs it (batch by batch through the outbox), timed from the request to the last batch.

import { BULK_MAX_NUMBERS } from '../common/bulk.js';
import type { ActorCtx } from '../src/context.js';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { getBulkJob, startBulkJob } from '../src/modules/bulk/bulk.service.js';

export const BULK_TICKETS = 10_000;

export type BulkOutcome = {
  tickets: number;
  seconds: number;
  changed: number;
  skipped: number;
  batches: number;
};

/**
 * Moves tickets 1..n to In Progress. The API takes at most BULK_MAX_NUMBERS numbers (beyond that
 * a filter); the service is called directly here so the figure is for exactly n tickets.
 */
export async function benchBulk(ctx: ActorCtx, n: number): Promise<BulkOutcome> {
  const numbers = Array.from({ length: n }, (_, i) => i + 1);
  const started = performance.now();
  const job = await startBulkJob(
    ctx,
    { numbers, action: { kind: 'update', changes: { status: 'in_progress' } } },
    'api',
  );
  let batches = 0;
  for (;;) {
    const ran = await runJobsOnce(ctx, JOB_HANDLERS, { intervalMs: 0 });
    if (ran === 0) break;
    batches += ran;
  }
  const seconds = (performance.now() - started) / 1000;
  const done = await getBulkJob(ctx, job.id);
  if (done.status !== 'done') throw new Error(`the bulk job ended ${done.status}`);
  return { tickets: n, seconds, changed: done.changed, skipped: done.skipped, batches };
}

export const bulkLine = (b: BulkOutcome) =>
  `bulk:    status change of ${b.tickets.toLocaleString('en')} tickets in ${b.seconds.toFixed(1)} s ` +
  `(${Math.round(b.tickets / b.seconds).toLocaleString('en')} tickets/s; ${b.changed.toLocaleString('en')} changed, ` +
  `${b.skipped} skipped; ${b.batches} jobs; by number, the API's limit of ${BULK_MAX_NUMBERS} per request aside)`;
