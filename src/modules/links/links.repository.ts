import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { TicketLinkTable } from '../../db/schema.js';
import { visibleTickets } from '../ticket-data/tickets.repository.js';

export type LinkRow = TicketLinkTable;

/** The link between two tickets, whichever way it was made. */
export const findLinkBetween = (db: Executor, a: string, b: string) =>
  db
    .selectFrom('ticket_links')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('from_ticket_id', '=', a), eb('to_ticket_id', '=', b)]),
        eb.and([eb('from_ticket_id', '=', b), eb('to_ticket_id', '=', a)]),
      ]),
    )
    .executeTakeFirst();

export const insertLink = (db: Executor, row: LinkRow) => db.insertInto('ticket_links').values(row).execute();

export const deleteLink = (db: Executor, id: string) =>
  db.deleteFrom('ticket_links').where('id', '=', id).execute();

/** A ticket's links, both ways, oldest first. */
export const linksOf = (db: Executor, ticketId: string) =>
  db
    .selectFrom('ticket_links')
    .selectAll()
    .where((eb) => eb.or([eb('from_ticket_id', '=', ticketId), eb('to_ticket_id', '=', ticketId)]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();

/** Of these tickets, those `actor` can see, with what a link shows of them. */
export const visibleLinkedTickets = (db: Executor, actor: Actor, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : visibleTickets(db, actor)
        .select([
          'tickets.id',
          'tickets.number',
          'tickets.subject',
          'tickets.status',
          'tickets.status_category',
        ])
        .where('tickets.id', 'in', ids)
        .execute();
