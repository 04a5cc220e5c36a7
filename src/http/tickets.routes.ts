import { Readable } from 'node:stream';
import type { FastifySchema } from 'fastify';
import { z } from 'zod';
import {
  createTicketBody,
  customerMoveBody,
  eventSchema,
  type TicketListQuery,
  ticketListQuery,
  ticketNumberParams,
  ticketSchema,
  updateTicketBody,
  whole,
} from '../../common/api.js';
import { nowIso } from '../context.js';
import { customerMove } from '../modules/tickets/customer-move.service.js';
import { listEvents } from '../modules/tickets/events.service.js';
import { exportTickets } from '../modules/tickets/tickets.export.js';
import {
  createTicket,
  deleteTicket,
  getTicket,
  listTickets,
  updateTicket,
} from '../modules/tickets/tickets.service.js';
import { sendCreated } from './idempotency.js';
import { resource } from './resource.js';
import { type App, actorCtx, channelOf } from './types.js';

const tags = ['tickets'];

// The ticket itself and its history; its messages are messages.routes.ts.
export async function ticketRoutes(app: App) {
  // Before /tickets/:number: a path of its own, not a ticket number.
  app.get('/api/v1/tickets/export', { schema: EXPORT_SCHEMA }, async (req, reply) => {
    const ctx = actorCtx(app, req);
    const chunks = exportTickets(ctx, req.query as TicketListQuery);
    // The first chunk is read before answering, so a refused query is a problem, not a broken file.
    const first = await chunks.next();
    const day = nowIso(ctx).slice(0, 10);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="tickets-${day}.csv"`)
      .send(Readable.from(withFirst(first, chunks)));
  });
  const tickets = resource(app, {
    path: '/api/v1/tickets',
    name: 'Ticket',
    tags,
    item: ticketSchema,
    query: ticketListQuery,
    params: ticketNumberParams,
  });
  createTicketRoute(app);
  tickets.page(listTickets);
  app.get(
    '/api/v1/tickets/:number',
    {
      schema: {
        operationId: 'getTicket',
        tags,
        params: ticketNumberParams,
        response: { 200: ticketSchema, 308: ticketSchema },
      },
    },
    async (req, reply) => {
      const ticket = await getTicket(actorCtx(app, req), req.params.number);
      // A merged ticket's number stays reserved and points to where its conversation went.
      if (ticket.mergedInto !== null)
        reply.code(308).header('location', `/api/v1/tickets/${ticket.mergedInto}`);
      return ticket;
    },
  );
  tickets.update(updateTicketBody, updateTicket).remove(deleteTicket);
  for (const move of ['close', 'reopen'] as const) {
    app.post(
      `/api/v1/tickets/:number/${move}`,
      {
        schema: {
          operationId: `${move}Ticket`,
          tags,
          description: `A customer ${move === 'close' ? 'closes their ticket' : 'reopens their solved or closed ticket'} where the workflow has a rule for its status (onCustomer${move === 'close' ? 'Close' : 'Reopen'}), with an optional comment posted as their message. Staff set the status instead.`,
          params: ticketNumberParams,
          body: customerMoveBody,
          response: { 200: ticketSchema },
        },
      },
      (req) => customerMove(actorCtx(app, req), req.params.number, move, req.body),
    );
  }
  app.get(
    '/api/v1/tickets/:number/events',
    {
      schema: {
        operationId: 'listTicketEvents',
        tags,
        params: ticketNumberParams,
        response: { 200: whole(eventSchema) },
      },
    },
    async (req) => ({ items: await listEvents(actorCtx(app, req), req.params.number), nextCursor: null }),
  );
}

/** POST /tickets: created once per Idempotency-Key. */
function createTicketRoute(app: App) {
  app.post(
    '/api/v1/tickets',
    {
      schema: { operationId: 'createTicket', tags, body: createTicketBody, response: { 201: ticketSchema } },
    },
    (req, reply) =>
      sendCreated(app, req, reply, {
        operation: 'createTicket',
        create: (c, within) =>
          createTicket(c, req.body, channelOf(req), {
            within: within && ((trx, posted) => within(trx, String(posted.ticket.number))),
          }),
        reread: (c, number) => getTicket(c, Number(number)),
      }),
  );
}

// Declared as a plain schema: the answer is a stream, which the typed reply would not take.
const EXPORT_SCHEMA: FastifySchema = {
  operationId: 'exportTickets',
  tags: ['tickets'],
  description:
    'Every ticket the list with these filters shows (not a page), in its order, as CSV: streamed, one row per ticket as the caller sees it; tags for staff.',
  querystring: ticketListQuery,
  produces: ['text/csv'],
  response: { 200: z.string().describe('CSV (UTF-8, with a byte-order mark)') },
};

async function* withFirst<T>(first: IteratorResult<T>, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  if (first.done) return;
  yield first.value;
  yield* rest;
}
