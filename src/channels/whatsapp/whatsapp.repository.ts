import { type SelectQueryBuilder, sql } from 'kysely';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { DB, WhatsAppHeldTable } from '../../db/schema.js';
import { visibleTickets } from '../../modules/ticket-data/tickets.repository.js';

// Only this file touches the database for WhatsApp.

/** A number column without the usual punctuation. */
const compact = (column: string) =>
  sql<string>`replace(replace(replace(replace(replace(${sql.ref(column)}, ' ', ''), '-', ''), '(', ''), ')', ''), '.', '')`;
const compactPhone = compact('phone');

/**
 * Active customers whose profile number ends in the same seven digits: the caller compares the
 * full E.164 forms. Profiles keep numbers as typed, so the comparison strips the usual punctuation.
 */
export const customersByPhoneTail = (db: Executor, tail: string) =>
  db
    .selectFrom('users')
    .selectAll()
    .where('role', '=', 'customer')
    .where('active', '=', 1)
    .where('phone', 'is not', null)
    .where(compactPhone, 'like', `%${tail}`)
    .orderBy('created_at')
    .limit(50)
    .execute();

/**
 * Active customers with a further number (kept from a record merged into theirs) ending in these
 * seven digits, that number as `contact_phone`: the caller compares the full E.164 forms.
 */
export const customersByContactPhoneTail = (db: Executor, tail: string) =>
  db
    .selectFrom('user_contacts')
    .innerJoin('users', 'users.id', 'user_contacts.user_id')
    .selectAll('users')
    .select('user_contacts.value as contact_phone')
    .where('user_contacts.kind', '=', 'phone')
    .where('users.role', '=', 'customer')
    .where('users.active', '=', 1)
    .where(compact('user_contacts.value'), 'like', `%${tail}`)
    .orderBy('users.created_at')
    .limit(50)
    .execute();

/** Records that `waId` wrote at `at`: it opens (or keeps open) WhatsApp's 24-hour window. */
export async function touchContact(db: Executor, waId: string, userId: string | null, at: string) {
  await db
    .insertInto('whatsapp_contacts')
    .values({ wa_id: waId, user_id: userId, last_inbound_at: at, updated_at: at })
    .onConflict((oc) =>
      oc.column('wa_id').doUpdateSet((eb) => ({
        user_id: userId,
        // Webhooks may arrive out of order: keep the latest.
        last_inbound_at: sql<string>`case when ${eb.ref('whatsapp_contacts.last_inbound_at')} > ${at} then ${eb.ref('whatsapp_contacts.last_inbound_at')} else ${at} end`,
        updated_at: at,
      })),
    )
    .execute();
}

/** The number a customer last wrote from, and when. */
export const latestContactOf = (db: Executor, userId: string) =>
  db
    .selectFrom('whatsapp_contacts')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('last_inbound_at', 'desc')
    .limit(1)
    .executeTakeFirst();

/** Tickets the sender may see that are WhatsApp-linked for them: opened or answered by them on WhatsApp. */
const linkedTickets = (db: Executor, actor: Actor) =>
  visibleTickets(db, actor).where((eb) =>
    eb.or([
      eb.and([eb('tickets.channel', '=', 'whatsapp'), eb('tickets.requester_id', '=', actor.id)]),
      eb.exists(
        eb
          .selectFrom('messages')
          .select('messages.id')
          .whereRef('messages.ticket_id', '=', 'tickets.id')
          .where('messages.channel', '=', 'whatsapp')
          .where('messages.author_id', '=', actor.id),
      ),
    ]),
  );

/** The number of the most recently active of these tickets in one of `statuses`, or null when none is. */
async function latestNumber(
  tickets: SelectQueryBuilder<DB, 'tickets', object>,
  statuses: string[],
): Promise<number | null> {
  if (statuses.length === 0) return null;
  const row = await tickets
    .select('tickets.number')
    .where('tickets.status', 'in', statuses)
    .orderBy('tickets.last_activity_at', 'desc')
    .orderBy('tickets.number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.number) : null;
}

/** The sender's most recent WhatsApp-linked ticket among those in `statuses` (the ones they may answer). */
export const latestLinkedTicket = (db: Executor, actor: Actor, statuses: string[]) =>
  latestNumber(linkedTickets(db, actor), statuses);

/** The sender's most recent open ticket (theirs, not a colleague's) among `statuses`. */
export const latestOpenTicket = (db: Executor, actor: Actor, statuses: string[]) =>
  latestNumber(
    visibleTickets(db, actor)
      .where('tickets.requester_id', '=', actor.id)
      .where('tickets.status_category', 'not in', ['solved', 'closed']),
    statuses,
  );

// ---- notices held back outside the 24-hour window ----

/** Holds a notice once per id; false when it was held already. */
export async function insertHeld(db: Executor, row: WhatsAppHeldTable): Promise<boolean> {
  const res = await db
    .insertInto('whatsapp_held')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute();
  return res.length > 0;
}

export const unreleasedHeld = (db: Executor, userId: string) =>
  db
    .selectFrom('whatsapp_held')
    .selectAll()
    .where('user_id', '=', userId)
    .where('released_at', 'is', null)
    .orderBy('created_at')
    .execute();

/** Claims a held notice for release; false when another worker already did. */
export async function releaseHeld(db: Executor, id: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('whatsapp_held')
    .set({ released_at: at })
    .where('id', '=', id)
    .where('released_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
