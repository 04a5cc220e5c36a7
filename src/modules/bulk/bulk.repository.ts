import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { isPostgres } from '../../db/dialect.js';
import type { BulkJobTable } from '../../db/schema.js';
import { type TicketView, visibleTickets, withNames } from '../ticket-data/tickets.repository.js';

export type BulkJobRow = BulkJobTable;

export const insertBulkJob = (db: Executor, row: BulkJobRow) =>
  db.insertInto('bulk_jobs').values(row).execute();

export const findBulkJob = (db: Executor, id: string) =>
  db.selectFrom('bulk_jobs').selectAll().where('id', '=', id).executeTakeFirst();

/** The job row, held for the rest of the transaction on PostgreSQL (SQLite holds the write lock). */
export function lockBulkJob(db: Executor, id: string) {
  const q = db.selectFrom('bulk_jobs').selectAll().where('id', '=', id);
  return (isPostgres(db) ? q.forUpdate() : q).executeTakeFirst();
}

/**
 * Records a batch: the last ticket number done, the counts added and the state. Conditional on the
 * cursor the batch started from, so a batch done twice at once counts once (the second fails).
 */
export async function recordBatch(
  db: Executor,
  id: string,
  from: number,
  batch: {
    cursor: number;
    done: number;
    changed: number;
    skipped: number;
    status: BulkJobRow['status'];
    now: string;
  },
): Promise<boolean> {
  const res = await db
    .updateTable('bulk_jobs')
    .set((eb) => ({
      cursor: batch.cursor,
      done: eb('done', '+', batch.done),
      changed: eb('changed', '+', batch.changed),
      skipped: eb('skipped', '+', batch.skipped),
      status: batch.status,
      updated_at: batch.now,
      finished_at: batch.status === 'done' || batch.status === 'failed' ? batch.now : null,
    }))
    .where('id', '=', id)
    .where('cursor', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function insertSkips(db: Executor, jobId: string, skips: { number: number; reason: string }[]) {
  if (skips.length === 0) return;
  await db
    .insertInto('bulk_job_skips')
    .values(skips.map((s) => ({ job_id: jobId, number: s.number, reason: s.reason })))
    .onConflict((oc) => oc.columns(['job_id', 'number']).doNothing())
    .execute();
}

export const listSkips = (db: Executor, jobId: string, limit: number) =>
  db
    .selectFrom('bulk_job_skips')
    .select(['number', 'reason'])
    .where('job_id', '=', jobId)
    .orderBy('number')
    .limit(limit)
    .execute();

/**
 * A batch's tickets as the actor sees them, by number, held for the transaction on PostgreSQL
 * (in number order, so two batches never wait on each other crosswise): one query, not one each.
 */
export async function lockVisibleTickets(
  db: Executor,
  actor: Actor,
  numbers: number[],
): Promise<Map<number, TicketView>> {
  if (numbers.length === 0) return new Map();
  const q = withNames(visibleTickets(db, actor).where('tickets.number', 'in', numbers)).orderBy(
    'tickets.number',
  );
  const rows = await (isPostgres(db) ? q.forUpdate('tickets') : q).execute();
  return new Map(rows.map((r) => [Number(r.number), r]));
}
