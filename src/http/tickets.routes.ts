import {
  createTicketBody,
  eventSchema,
  noBody,
  page,
  ticketListQuery,
  ticketNumberParams,
  ticketSchema,
  updateTicketBody,
  whole,
} from '../../common/api.js';
import { listEvents } from '../modules/tickets/events.service.js';
import {
  createTicket,
  deleteTicket,
  getTicket,
  listTickets,
  updateTicket,
} from '../modules/tickets/tickets.service.js';
import { type App, actorCtx, channelOf } from './types.js';

const tags = ['tickets'];

// The ticket itself and its history; its messages are messages.routes.ts.
export async function ticketRoutes(app: App) {
  app.post(
    '/api/v1/tickets',
    { schema: { tags, body: createTicketBody, response: { 201: ticketSchema } } },
    async (req, reply) =>
      reply.code(201).send(await createTicket(actorCtx(app, req), req.body, channelOf(req))),
  );
  app.get(
    '/api/v1/tickets',
    { schema: { tags, querystring: ticketListQuery, response: { 200: page(ticketSchema) } } },
    async (req) => listTickets(actorCtx(app, req), req.query),
  );
  app.get(
    '/api/v1/tickets/:number',
    { schema: { tags, params: ticketNumberParams, response: { 200: ticketSchema, 308: ticketSchema } } },
    async (req, reply) => {
      const ticket = await getTicket(actorCtx(app, req), req.params.number);
      // A merged ticket's number stays reserved and points to where its conversation went.
      if (ticket.mergedInto !== null)
        reply.code(308).header('location', `/api/v1/tickets/${ticket.mergedInto}`);
      return ticket;
    },
  );
  app.patch(
    '/api/v1/tickets/:number',
    { schema: { tags, params: ticketNumberParams, body: updateTicketBody, response: { 200: ticketSchema } } },
    async (req) => updateTicket(actorCtx(app, req), req.params.number, req.body),
  );
  app.delete(
    '/api/v1/tickets/:number',
    { schema: { tags, params: ticketNumberParams, response: { 204: noBody } } },
    async (req, reply) => {
      await deleteTicket(actorCtx(app, req), req.params.number);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/tickets/:number/events',
    { schema: { tags, params: ticketNumberParams, response: { 200: whole(eventSchema) } } },
    async (req) => ({ items: await listEvents(actorCtx(app, req), req.params.number), nextCursor: null }),
  );
}
