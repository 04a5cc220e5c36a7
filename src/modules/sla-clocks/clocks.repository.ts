import { type Insertable, type Selectable, sql } from 'kysely';
import { NO_DUE } from '../../../common/sla.js';
import type { Executor } from '../../db/database.js';
import type { TicketSlaClockTable } from '../../db/schema.js';

export type ClockRow = Selectable<TicketSlaClockTable>;

/** The enabled policies, first match first. */
export const enabledPolicyRows = (db: Executor) =>
  db.selectFrom('sla_policies').selectAll().where('enabled', '=', 1).orderBy('position').execute();

/** What a ticket's clocks are computed from besides its messages and status history. */
export async function slaSubjectRow(db: Executor, ticketId: string) {
  const row = await db
    .selectFrom('tickets')
    .select([
      'id',
      'number',
      'priority',
      'department_id',
      'type',
      'organisation_id',
      'service_id',
      'channel',
      'status',
      'created_at',
      'sla_due_at',
    ])
    .where('id', '=', ticketId)
    .executeTakeFirst();
  if (!row) return undefined;
  const tags = await db.selectFrom('ticket_tags').select('tag').where('ticket_id', '=', ticketId).execute();
  return { ...row, tags: tags.map((t) => t.tag) };
}

/** The ticket's public messages, oldest first, with whether a customer or staff wrote them. */
export const publicMessageAuthors = (db: Executor, ticketId: string) =>
  db
    .selectFrom('messages')
    .leftJoin('users', 'users.id', 'messages.author_id')
    .select(['messages.created_at', 'users.role'])
    .where('messages.ticket_id', '=', ticketId)
    .where('messages.internal', '=', 0)
    .orderBy('messages.created_at')
    .orderBy('messages.id')
    .execute();

/** The ticket's status changes, oldest first. */
export const statusChanges = (db: Executor, ticketId: string) =>
  db
    .selectFrom('ticket_events')
    .select(['from_value', 'to_value', 'created_at'])
    .where('ticket_id', '=', ticketId)
    .where('type', '=', 'changed')
    .where('field', '=', 'status')
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const clocksOf = (db: Executor, ticketId: string) =>
  db
    .selectFrom('ticket_sla_clocks')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('started_at')
    .orderBy('metric')
    .orderBy('cycle')
    .execute();

export const insertClock = (db: Executor, row: Insertable<TicketSlaClockTable>) =>
  db.insertInto('ticket_sla_clocks').values(row).execute();

export const updateClock = (db: Executor, id: string, patch: Partial<Omit<ClockRow, 'id' | 'ticket_id'>>) =>
  db.updateTable('ticket_sla_clocks').set(patch).where('id', '=', id).execute();

export async function deleteClocks(db: Executor, ids: string[]): Promise<void> {
  if (ids.length) await db.deleteFrom('ticket_sla_clocks').where('id', 'in', ids).execute();
}

/** Deletes the ticket's clocks still open; how many there were. */
export async function deleteOpenClocks(db: Executor, ticketId: string): Promise<number> {
  const r = await db
    .deleteFrom('ticket_sla_clocks')
    .where('ticket_id', '=', ticketId)
    .where('stopped_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Sets the ticket's earliest due time, writing only when it changes. */
export const setTicketDue = (db: Executor, ticketId: string, dueAt: string | null) =>
  db
    .updateTable('tickets')
    .set({ sla_due_at: dueAt ?? NO_DUE })
    .where('id', '=', ticketId)
    .where('sla_due_at', '<>', dueAt ?? NO_DUE)
    .execute();

/** Tickets not solved or closed after number `after`, in order. */
export const unresolvedTicketsAfter = (db: Executor, after: number, limit: number) =>
  db
    .selectFrom('tickets')
    .select(['id', 'number'])
    .where('number', '>', after)
    .where('status_category', 'not in', ['solved', 'closed'])
    .orderBy('number')
    .limit(limit)
    .execute();

/**
 * Tickets with a clock the sweep must look at by `now`, longest waiting first. The inner order
 * keeps SQLite on the check_at index (a bare DISTINCT walks the whole unique key instead).
 */
export async function ticketsToCheck(db: Executor, now: string, limit: number): Promise<string[]> {
  const { rows } = await sql<{ ticket_id: string }>`
    select distinct ticket_id from (
      select ticket_id from ticket_sla_clocks where check_at <= ${now} order by check_at
    ) as due limit ${limit}`.execute(db);
  return rows.map((r) => r.ticket_id);
}

/** Puts off the ticket's due checks until `until`: one that failed is tried again later, not at once. */
export const postponeChecks = (db: Executor, ticketId: string, now: string, until: string) =>
  db
    .updateTable('ticket_sla_clocks')
    .set({ check_at: until })
    .where('ticket_id', '=', ticketId)
    .where('check_at', '<=', now)
    .execute();

/** Records the announcement once: true for the one caller that set it. */
export async function markAnnounced(
  db: Executor,
  id: string,
  column: 'warned_at' | 'breach_noticed_at',
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('ticket_sla_clocks')
    // A breach is the last thing to announce: nothing more to check until the clock changes.
    .set(column === 'breach_noticed_at' ? { breach_noticed_at: now, check_at: null } : { warned_at: now })
    .where('id', '=', id)
    .where(column, 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
