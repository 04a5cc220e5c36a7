import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { newId } from '../../lib/crypto.js';
import { type KeyCursor, keysetPage } from '../../lib/cursor.js';
import { visibleTickets } from '../ticket-data/tickets.repository.js';

export type StaffRow = { id: string; email: string; name: string; role: 'agent' | 'admin' };

/** Every active staff member, by name. */
export async function activeStaff(db: Executor): Promise<StaffRow[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role'])
    .where('active', '=', 1)
    .where('role', 'in', ['agent', 'admin'])
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows as StaffRow[];
}

/** One notice for one person; written once, however often its fan-out runs (`dedupeKey`). */
export async function insertInApp(
  db: Executor,
  n: {
    userId: string;
    ticketId: string;
    event: string;
    actorId?: string | null;
    messageId?: string | null;
    dedupeKey: string;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto('in_app_notifications')
    .values({
      id: newId(),
      user_id: n.userId,
      ticket_id: n.ticketId,
      event: n.event,
      actor_id: n.actorId ?? null,
      message_id: n.messageId ?? null,
      dedupe_key: n.dedupeKey,
      created_at: n.now,
      read_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/**
 * The actor's own notifications about tickets they still see: those about a ticket that left their
 * sight are not shown (nor counted), whatever they said.
 */
function mine(db: Executor, actor: Actor) {
  return visibleTickets(db, actor)
    .innerJoin('in_app_notifications as n', 'n.ticket_id', 'tickets.id')
    .where('n.user_id', '=', actor.id);
}

export function listInApp(
  db: Executor,
  actor: Actor,
  q: { unread?: boolean; after?: KeyCursor; limit: number },
) {
  let query = mine(db, actor)
    .leftJoin('users as actor', 'actor.id', 'n.actor_id')
    .select([
      'n.id',
      'n.event',
      'n.actor_id',
      'n.message_id',
      'n.created_at',
      'n.read_at',
      'tickets.number',
      'tickets.subject',
      'actor.name as actor_name',
    ]);
  if (q.unread) query = query.where('n.read_at', 'is', null);
  return keysetPage(query, ['n.created_at', 'n.id'], q.after, q.limit, 'desc').execute();
}

export async function countUnread(db: Executor, actor: Actor): Promise<number> {
  const row = await mine(db, actor)
    .where('n.read_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks one of the actor's notifications read; false when it is not theirs (or not there). */
export async function markRead(db: Executor, actor: Actor, id: string, now: string): Promise<boolean> {
  const visible = await mine(db, actor).select('n.id').where('n.id', '=', id).executeTakeFirst();
  if (!visible) return false;
  await db
    .updateTable('in_app_notifications')
    .set({ read_at: now })
    .where('id', '=', id)
    .where('user_id', '=', actor.id)
    .where('read_at', 'is', null)
    .execute();
  return true;
}

/** Marks all the actor's notifications read, those about tickets out of their sight included. */
export async function markAllRead(db: Executor, actor: Actor, now: string): Promise<void> {
  await db
    .updateTable('in_app_notifications')
    .set({ read_at: now })
    .where('user_id', '=', actor.id)
    .where('read_at', 'is', null)
    .execute();
}
