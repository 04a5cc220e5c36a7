import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import type { OutboxTable } from '../db/schema.js';

export type OutboxRow = OutboxTable;

/**
 * Claims up to `limit` due jobs for `leaseMs`: PostgreSQL skips rows another worker holds;
 * SQLite's write lock makes the conditional update exclusive. A worker that dies loses its lease
 * and the job is claimed again.
 */
export async function claimJobs(
  db: Executor,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<OutboxRow[]> {
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const lock = isPostgres(db) ? sql`for update skip locked` : sql``;
  const { rows } = await sql<OutboxRow>`
    update outbox set locked_until = ${until}, attempts = attempts + 1
    where id in (
      select id from outbox
      where state = 'pending' and run_at <= ${nowIso} and (locked_until is null or locked_until < ${nowIso})
      order by run_at
      limit ${limit}
      ${lock}
    )
    returning *`.execute(db);
  return rows;
}

export const completeJob = (db: Executor, id: string, now: string) =>
  db
    .updateTable('outbox')
    .set({ state: 'done', done_at: now, locked_until: null, last_error: null })
    .where('id', '=', id)
    .execute();

export const retryJob = (db: Executor, id: string, runAt: string, error: string) =>
  db
    .updateTable('outbox')
    .set({ run_at: runAt, locked_until: null, last_error: error })
    .where('id', '=', id)
    .execute();

export const failJob = (db: Executor, id: string, now: string, error: string) =>
  db
    .updateTable('outbox')
    .set({ state: 'failed', done_at: now, locked_until: null, last_error: error })
    .where('id', '=', id)
    .execute();

export function listJobs(
  db: Executor,
  f: { state?: OutboxRow['state']; topic?: string; limit: number; before?: string },
) {
  let q = db.selectFrom('outbox').selectAll();
  if (f.state) q = q.where('state', '=', f.state);
  if (f.topic) q = q.where('topic', '=', f.topic);
  if (f.before) q = q.where('created_at', '<', f.before);
  return q
    .orderBy('created_at', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** Puts a failed job back in the queue, with fresh attempts. */
export async function requeueJob(db: Executor, id: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('outbox')
    .set({ state: 'pending', attempts: 0, run_at: now, locked_until: null, done_at: null })
    .where('id', '=', id)
    .where('state', '=', 'failed')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Marks pending jobs created before `before` as done without running them (demo history). */
export const settleJobsCreatedBefore = (db: Executor, before: string) =>
  db
    .updateTable('outbox')
    .set({ state: 'done', done_at: before })
    .where('state', '=', 'pending')
    .where('created_at', '<', before)
    .execute();
