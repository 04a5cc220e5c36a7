import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { visibleTickets, withNames } from '../ticket-data/tickets.repository.js';

// The reads of a data export, a chunk at a time by a key that never changes (ticket number,
// record id), so a large history is never held in memory at once.

export type ExportScope = { customerId: string } | { organisationId: string };

/** The tickets of the scope after `afterNumber`, `limit` of them: a customer's own and those they wrote in. */
export function exportTicketRows(
  db: Executor,
  actor: Actor,
  scope: ExportScope,
  afterNumber: number,
  limit: number,
) {
  let q = withNames(visibleTickets(db, actor)).where('tickets.number', '>', afterNumber);
  if ('customerId' in scope) {
    const id = scope.customerId;
    q = q.where((eb) =>
      eb.or([
        eb('tickets.requester_id', '=', id),
        eb(
          'tickets.id',
          'in',
          eb.selectFrom('messages').select('messages.ticket_id').where('messages.author_id', '=', id),
        ),
      ]),
    );
  } else q = q.where('tickets.organisation_id', '=', scope.organisationId);
  return q.orderBy('tickets.number').limit(limit).execute();
}

export function exportMessageRows(db: Executor, ticketIds: string[]) {
  if (ticketIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('messages')
    .leftJoin('users as author', 'author.id', 'messages.author_id')
    .select([
      'messages.id',
      'messages.ticket_id',
      'messages.body',
      'messages.internal',
      'messages.channel',
      'messages.created_at',
      'author.id as author_id',
      'author.name as author_name',
      'author.role as author_role',
    ])
    .where('messages.ticket_id', 'in', ticketIds)
    .orderBy('messages.created_at')
    .orderBy('messages.id')
    .execute();
}

export function exportAttachmentRows(db: Executor, ticketIds: string[]) {
  if (ticketIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .select(['id', 'ticket_id', 'message_id', 'filename', 'content_type', 'size', 'sha256', 'created_at'])
    .where('ticket_id', 'in', ticketIds)
    .orderBy('created_at')
    .execute();
}

/** An organisation's customers after `afterId`, by id. */
export const exportCustomerRows = (db: Executor, organisationId: string, afterId: string, limit: number) =>
  db
    .selectFrom('users')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'customer')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
