import { sql } from 'kysely';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { visibleTickets } from '../ticket-data/tickets.repository.js';

/** The tags of each of these tickets, in order; a ticket without tags is absent. */
export async function tagsOf(db: Executor, ticketIds: string[]): Promise<Map<string, string[]>> {
  const byTicket = new Map<string, string[]>();
  if (ticketIds.length === 0) return byTicket;
  const rows = await db
    .selectFrom('ticket_tags')
    .select(['ticket_id', 'tag'])
    .where('ticket_id', 'in', ticketIds)
    .orderBy('ticket_id')
    .orderBy('tag')
    .execute();
  for (const r of rows) byTicket.set(r.ticket_id, [...(byTicket.get(r.ticket_id) ?? []), r.tag]);
  return byTicket;
}

/** Gives a ticket exactly these tags. */
export async function setTicketTags(db: Executor, ticketId: string, tags: string[]): Promise<void> {
  await db.deleteFrom('ticket_tags').where('ticket_id', '=', ticketId).execute();
  if (tags.length > 0) {
    await db
      .insertInto('ticket_tags')
      .values(tags.map((tag) => ({ ticket_id: ticketId, tag })))
      .execute();
  }
}

/**
 * Copies the tag rows whose `column` is `value`, with that column set to `to` instead; pairs that
 * exist already are left as they are.
 */
async function copyRows(db: Executor, column: 'ticket_id' | 'tag', value: string, to: string) {
  const replaced = sql<string>`cast(${to} as text)`.as(column);
  await db
    .insertInto('ticket_tags')
    .columns(['ticket_id', 'tag'])
    .expression((eb) =>
      eb
        .selectFrom('ticket_tags')
        .select(column === 'tag' ? ['ticket_id', replaced] : [replaced, 'tag'])
        .where(column, '=', value),
    )
    .onConflict((oc) => oc.columns(['ticket_id', 'tag']).doNothing())
    .execute();
}

/** Gives `toTicketId` every tag `fromTicketId` has (a merge keeps the merged ticket's tags). */
export const copyTags = (db: Executor, fromTicketId: string, toTicketId: string) =>
  copyRows(db, 'ticket_id', fromTicketId, toTicketId);

/** The tags on tickets `actor` can see, with how many each, most used first; `prefix` narrows them. */
export async function countTags(db: Executor, actor: Actor, prefix: string, limit: number) {
  let q = visibleTickets(db, actor)
    .innerJoin('ticket_tags', 'ticket_tags.ticket_id', 'tickets.id')
    .select(['ticket_tags.tag as name', sql<number>`count(*)`.as('tickets')])
    .groupBy('ticket_tags.tag');
  if (prefix) {
    // A range on the tag index rather than LIKE, whose wildcards and case rules differ by engine.
    q = q.where('ticket_tags.tag', '>=', prefix).where('ticket_tags.tag', '<', `${prefix}\u{10ffff}`);
  }
  const rows = await q.orderBy(sql`count(*)`, 'desc').orderBy('ticket_tags.tag').limit(limit).execute();
  return rows.map((r) => ({ name: r.name, tickets: Number(r.tickets) }));
}

/**
 * Renames a tag on every ticket; a ticket that has both keeps one. Answers how many tickets had
 * the old name.
 */
export async function renameTagRows(db: Executor, from: string, to: string): Promise<number> {
  await copyRows(db, 'tag', from, to);
  return deleteTagRows(db, from);
}

/** How many tickets carry a tag. */
export async function countTicketsTagged(db: Executor, tag: string): Promise<number> {
  const row = await db
    .selectFrom('ticket_tags')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tag', '=', tag)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Takes a tag off every ticket; answers how many had it. */
export async function deleteTagRows(db: Executor, tag: string): Promise<number> {
  const res = await db.deleteFrom('ticket_tags').where('tag', '=', tag).executeTakeFirst();
  return Number(res.numDeletedRows);
}
