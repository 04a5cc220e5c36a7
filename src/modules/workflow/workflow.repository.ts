import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { isPostgres } from '../../db/dialect.js';

export async function ticketCountsByStatus(db: Executor): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('tickets')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .groupBy('status')
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

export async function sampleTicketNumbers(db: Executor, status: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('tickets')
    .select('number')
    .where('status', '=', status)
    .orderBy('number')
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.number));
}

/** A page of tickets by id, for walking every ticket in batches. */
export const ticketTimerStates = (db: Executor, afterId: string | null, limit: number) => {
  let q = db
    .selectFrom('tickets')
    .select(['id', 'number', 'status', 'status_changed_at', 'last_activity_at', 'next_timer_at']);
  if (afterId) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
};

export const setNextTimer = (db: Executor, id: string, at: string | null) =>
  db.updateTable('tickets').set({ next_timer_at: at }).where('id', '=', id).execute();

/** Tickets whose next timer is due, oldest first. */
export const dueTicketIds = async (db: Executor, now: string, limit: number) =>
  (
    await db
      .selectFrom('tickets')
      .select('id')
      .where('next_timer_at', '<=', now)
      .orderBy('next_timer_at')
      .limit(limit)
      .execute()
  ).map((r) => r.id);

export async function firedTimerKeys(db: Executor, ticketId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('timer_runs')
    .select('timer_key')
    .where('ticket_id', '=', ticketId)
    .execute();
  return new Set(rows.map((r) => r.timer_key));
}

/** Records a firing; false when it was already recorded (by another scheduler or before a crash). */
export async function recordTimerRun(
  db: Executor,
  ticketId: string,
  key: string,
  outcome: string,
  now: string,
) {
  const inserted = await db
    .insertInto('timer_runs')
    .values({ ticket_id: ticketId, timer_key: key, outcome, created_at: now })
    .onConflict((oc) => oc.columns(['ticket_id', 'timer_key']).doNothing())
    .returning('ticket_id')
    .execute();
  return inserted.length > 0;
}

/** Takes the ticket row for the rest of the transaction on PostgreSQL; SQLite holds the database lock. */
export async function lockTicket(db: Executor, id: string) {
  if (isPostgres(db)) await sql`select id from tickets where id = ${id} for update`.execute(db);
}

export const ticketIdsInStatus = async (db: Executor, status: string) =>
  (await db.selectFrom('tickets').select('id').where('status', '=', status).execute()).map((r) => r.id);
