import type { Executor } from '../../db/database.js';
import { isPostgres } from '../../db/dialect.js';
import type { TicketParticipantTable } from '../../db/schema.js';
import { type TicketView, withNames } from '../ticket-data/tickets.repository.js';

export type ParticipantRow = TicketParticipantTable;
export type ParticipantKind = ParticipantRow['kind'];

/** A ticket's participants of one kind with their names, oldest first. */
export function listParticipants(db: Executor, ticketId: string, kind: ParticipantKind) {
  return db
    .selectFrom('ticket_participants as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.user_id', 'p.address', 'p.added_by', 'p.added_at', 'u.name', 'u.email'])
    .where('p.ticket_id', '=', ticketId)
    .where('p.kind', '=', kind)
    .orderBy('p.added_at')
    .orderBy('p.user_id')
    .execute();
}

/** The active users of one kind on a ticket. */
export async function participantIds(
  db: Executor,
  ticketId: string,
  kind: ParticipantKind,
): Promise<string[]> {
  const rows = await db
    .selectFrom('ticket_participants as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select('p.user_id')
    .where('p.ticket_id', '=', ticketId)
    .where('p.kind', '=', kind)
    .where('u.active', '=', 1)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Adds the row unless the user is on the ticket already; whether it did. */
export async function insertParticipant(db: Executor, row: ParticipantRow): Promise<boolean> {
  const r = await db
    .insertInto('ticket_participants')
    .values(row)
    .onConflict((oc) => oc.columns(['ticket_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function deleteParticipant(
  db: Executor,
  ticketId: string,
  userId: string,
  kind: ParticipantKind,
): Promise<boolean> {
  const r = await db
    .deleteFrom('ticket_participants')
    .where('ticket_id', '=', ticketId)
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Removes every CC of the ticket not in `keep` (user ids). */
export async function deleteCcExcept(db: Executor, ticketId: string, keep: string[]): Promise<void> {
  let q = db.deleteFrom('ticket_participants').where('ticket_id', '=', ticketId).where('kind', '=', 'cc');
  if (keep.length > 0) q = q.where('user_id', 'not in', keep);
  await q.execute();
}

/**
 * Ticket #number when `userId` is on its CC list: a CC writes on the conversation by mail without
 * seeing the ticket in the portal. `lock` as in findVisibleTicket.
 */
export function findCcTicket(
  db: Executor,
  userId: string,
  number: number,
  lock = false,
): Promise<TicketView | undefined> {
  const q = withNames(db.selectFrom('tickets').where('tickets.number', '=', number)).where((eb) =>
    eb.exists(
      eb
        .selectFrom('ticket_participants as p')
        .select('p.id')
        .whereRef('p.ticket_id', '=', 'tickets.id')
        .where('p.user_id', '=', userId)
        .where('p.kind', '=', 'cc'),
    ),
  );
  return (lock && isPostgres(db) ? q.forUpdate('tickets') : q).executeTakeFirst();
}

/**
 * A customer record merged into another: its places on tickets become the survivor's, except where
 * the survivor is on the ticket already or is its requester (run after the tickets moved).
 */
export async function moveParticipants(db: Executor, from: string, to: string): Promise<void> {
  await db
    .deleteFrom('ticket_participants')
    .where('user_id', '=', from)
    .where((eb) =>
      eb.or([
        eb(
          'ticket_id',
          'in',
          eb.selectFrom('ticket_participants').select('ticket_id').where('user_id', '=', to),
        ),
        eb('ticket_id', 'in', eb.selectFrom('tickets').select('id').where('requester_id', '=', to)),
      ]),
    )
    .execute();
  await db.updateTable('ticket_participants').set({ user_id: to }).where('user_id', '=', from).execute();
  // The survivor, on CC of a ticket `from` opened, is now its requester: not on CC as well.
  await db
    .deleteFrom('ticket_participants')
    .where('user_id', '=', to)
    .where('kind', '=', 'cc')
    .where('ticket_id', 'in', (eb) => eb.selectFrom('tickets').select('id').where('requester_id', '=', to))
    .execute();
}

/**
 * Whether the ticket has a mail of `authorId` received after the one message `messageId` was made
 * of: mail taken in out of order must not set the CC list back to an older one.
 */
export async function hasNewerMailFrom(
  db: Executor,
  ticketId: string,
  authorId: string,
  messageId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('messages as m')
    .innerJoin('inbound_messages as i', 'i.id', 'm.inbound_id')
    .select('m.id')
    .where('m.ticket_id', '=', ticketId)
    .where('m.author_id', '=', authorId)
    .where('m.id', '<>', messageId)
    .where('i.received_at', '>', (eb) =>
      eb
        .selectFrom('messages as this')
        .innerJoin('inbound_messages as ti', 'ti.id', 'this.inbound_id')
        .select('ti.received_at')
        .where('this.id', '=', messageId),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
