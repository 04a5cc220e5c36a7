import type { z } from 'zod';
import type { Ctx } from '../context.js';
import { PermanentJobError, RetryLaterError } from '../errors.js';
import { claimJobs, completeJob, failJob, type OutboxRow, retryJob } from './outbox.repository.js';
import type { JobName, JobPayload } from './payloads.js';

/** A job handler gets the job's parsed payload; throwing means "try again later". */
export type JobHandler<N extends JobName = JobName> = (
  ctx: Ctx,
  job: OutboxRow & { data: JobPayload<N> },
) => Promise<void>;

/** Every topic with the schema its payload must pass and what handles it. */
export type JobRegistry = {
  [N in JobName]: { payload: z.ZodType<JobPayload<N>>; handle: JobHandler<N> };
};

export type WorkerOptions = {
  intervalMs: number;
  batch?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** Jobs handled at once within a batch (default 8). */
  concurrency?: number;
};
export type Worker = { stop(): Promise<void>; drain(): Promise<number> };

/** Exponential backoff with full jitter: 30 s, 1 min, 2 min … capped at 1 h. */
export function backoffMs(attempt: number, random = Math.random): number {
  const ceiling = Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Runs due jobs once; returns how many it handled. */
export async function runJobsOnce(ctx: Ctx, handlers: JobRegistry, opts: WorkerOptions): Promise<number> {
  const now = ctx.clock();
  const jobs = await claimJobs(ctx.db, now, opts.batch ?? 20, opts.leaseMs ?? 120_000);
  // Jobs are independent: several at once, so one slow mail server or API does not hold up the rest.
  let next = 0;
  const lanes = Array.from({ length: Math.min(opts.concurrency ?? 8, jobs.length) }, async () => {
    for (let job = jobs[next++]; job; job = jobs[next++]) await runJob(ctx, handlers, opts, job);
  });
  await Promise.all(lanes);
  return jobs.length;
}

async function runJob(ctx: Ctx, handlers: JobRegistry, opts: WorkerOptions, job: OutboxRow) {
  const at = () => ctx.clock().toISOString();
  try {
    const { handle, data } = parseJob(handlers, job);
    await handle(ctx, { ...job, data });
    await completeJob(ctx.db, job.id, at());
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const max = opts.maxAttempts ?? 8;
    if (err instanceof PermanentJobError || job.attempts >= max) {
      ctx.log.warn(
        { job: job.id, topic: job.topic, attempts: job.attempts, err: message },
        'outbox job failed for good',
      );
      await failJob(ctx.db, job.id, at(), message);
    } else {
      const delay = err instanceof RetryLaterError ? err.afterMs : backoffMs(job.attempts);
      const runAt = new Date(ctx.clock().getTime() + delay).toISOString();
      ctx.log.info(
        { job: job.id, topic: job.topic, attempts: job.attempts, runAt, err: message },
        'outbox job will be retried',
      );
      await retryJob(ctx.db, job.id, runAt, message);
    }
  }
}

/**
 * The job's handler and its payload, checked against the topic's schema. A payload that does not
 * parse will not parse on a later attempt either: the job is parked (failed) with the reason.
 */
function parseJob(handlers: JobRegistry, job: OutboxRow) {
  const entry = Object.hasOwn(handlers, job.topic) ? handlers[job.topic as JobName] : undefined;
  if (!entry) throw new PermanentJobError(`no handler for topic ${job.topic}`);
  let raw: unknown;
  try {
    raw = JSON.parse(job.payload);
  } catch {
    throw new PermanentJobError(`payload of ${job.topic} is not JSON`);
  }
  const parsed = entry.payload.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`);
    throw new PermanentJobError(`payload of ${job.topic} does not parse: ${issues.join('; ')}`);
  }
  // The registry pairs each topic's schema with its handler, so the data fits the handler.
  return { handle: entry.handle as JobHandler, data: parsed.data as JobPayload<JobName> };
}

/**
 * Polls the outbox: at once again after a pass that found work (more may have come in meanwhile),
 * every `intervalMs` while it finds none. A backlog is worked off without pauses between batches.
 */
export function startWorker(ctx: Ctx, handlers: JobRegistry, opts: WorkerOptions): Worker {
  let stopped = false;
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  // Passes that fail (the database is gone) back off up to 30 s, and are logged once per outage.
  let failures = 0;
  const tick = async () => {
    if (stopped || running) return;
    running = runJobsOnce(ctx, handlers, opts).then(
      (n) => {
        if (failures > 0) ctx.log.info({ failures }, 'outbox worker: the database answers again');
        failures = 0;
        return n;
      },
      (err: unknown) => {
        if (failures === 0) ctx.log.error({ err }, 'outbox worker pass failed; retrying with backoff');
        failures++;
        return 0;
      },
    );
    const n = await running;
    running = null;
    const delay =
      failures > 0 ? Math.min(30_000, opts.intervalMs * 2 ** failures) : n > 0 ? 0 : opts.intervalMs;
    if (!stopped) timer = setTimeout(tick, delay);
  };
  timer = setTimeout(tick, 0);
  return {
    async drain() {
      let total = 0;
      for (;;) {
        if (running) await running;
        const n = await runJobsOnce(ctx, handlers, opts);
        total += n;
        if (n === 0) return total;
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
