import type { Ctx } from '../context.js';
import { purgeExpiredAttachments } from '../modules/attachments/attachments.service.js';
import { pruneIdempotencyKeys } from '../modules/idempotency/idempotency.service.js';
import { runSlaSweep } from '../modules/sla/sla.sweep.js';
import { runAutomationSweep } from '../modules/triggers/automations.sweep.js';
import { pruneFirings } from '../modules/triggers/triggers.repository.js';
import { pruneWebhookLog } from '../modules/webhooks/webhooks.deliver.js';

/** Trigger firings are kept a week (the caps and the list look back a day at most). */
const FIRINGS_KEPT_MS = 7 * 86_400_000;

import { runTimerSweep, type SweepResult } from '../modules/workflow/timers.service.js';

export type Scheduler = { stop(): Promise<void>; sweepNow(): Promise<SweepResult> };

/**
 * One pass of the scheduler's work: due workflow timers, then service-level warnings and
 * breaches (after the timers, which may have moved a ticket into a pausing status), time-based
 * automations, then expired attachments, Idempotency-Keys past their day and old webhook
 * deliveries.
 */
export async function sweepOnce(ctx: Ctx): Promise<SweepResult> {
  const r = await runTimerSweep(ctx);
  const sla = await runSlaSweep(ctx);
  if (sla.warned > 0 || sla.breached > 0) ctx.log.info(sla, 'service-level sweep');
  const auto = await runAutomationSweep(ctx);
  if (auto.fired > 0 || auto.rearmed > 0) ctx.log.info(auto, 'automation sweep');
  await purgeExpiredAttachments(ctx);
  await pruneIdempotencyKeys(ctx);
  await pruneWebhookLog(ctx);
  await pruneFirings(ctx.db, new Date(ctx.clock().getTime() - FIRINGS_KEPT_MS).toISOString());
  return r;
}

/**
 * Runs the timer sweep at start (catching up on whatever fell due while no node was running)
 * and then every `intervalMs`. Runs never overlap within a process; across nodes the sweep is
 * safe because each firing is recorded under a unique key.
 */
export function startScheduler(ctx: Ctx, intervalMs: number): Scheduler {
  let running: Promise<SweepResult> | null = null;
  let stopped = false;
  const sweep = (): Promise<SweepResult> => {
    if (running) return running;
    running = sweepOnce(ctx)
      .then((r) => {
        if (r.moved > 0 || r.reminded > 0) ctx.log.info(r, 'timer sweep');
        return r;
      })
      .catch((err: unknown) => {
        ctx.log.error({ err }, 'timer sweep failed');
        return { examined: 0, moved: 0, reminded: 0 };
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void sweep();
  }, intervalMs);

  void sweep();
  return {
    sweepNow: sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
