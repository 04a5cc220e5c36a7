import type { ActorCtx } from '../../context.js';
import { nowIso } from '../../context.js';
import { notFound } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import { listJobs, type OutboxRow, requeueJob } from '../../jobs/outbox.repository.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { authorize } from '../../policies/policy.js';

const SAID = defineMessages({
  noFailedJob: { id: 'error.notifications.no_failed_job', defaultMessage: 'No failed job with this id' },
});

const present = (j: OutboxRow) => ({
  id: j.id,
  topic: j.topic,
  payload: JSON.parse(j.payload) as Record<string, unknown>,
  state: j.state,
  attempts: j.attempts,
  runAt: j.run_at,
  lastError: j.last_error,
  createdAt: j.created_at,
  doneAt: j.done_at,
});

export async function listOutbox(
  ctx: ActorCtx,
  q: { state?: OutboxRow['state']; topic?: string; limit: number; cursor?: string },
) {
  authorize(ctx.actor, 'outbox.read');
  const before = q.cursor ? String(decodeCursor(q.cursor, 1)[0]) : undefined;
  const rows = await listJobs(ctx.db, { state: q.state, topic: q.topic, limit: q.limit, before });
  return toPage(rows, q.limit, present, (r) => [r.created_at]);
}

/** An admin sends a failed job round again. */
export async function retryOutboxJob(ctx: ActorCtx, id: string) {
  authorize(ctx.actor, 'outbox.retry');
  if (!(await requeueJob(ctx.db, id, nowIso(ctx)))) throw notFound(SAID.noFailedJob);
}
