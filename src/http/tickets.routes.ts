import {
  createTicketBody,
  eventSchema,
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
import { resource } from './resource.js';
import { type App, actorCtx, channelOf } from './types.js';

const tags = ['tickets'];

// The ticket itself and its history; its messages are messages.routes.ts.
export async function ticketRoutes(app: App) {
  const tickets = resource(app, {
    path: '/api/v1/tickets',
    tags,
    item: ticketSchema,
    query: ticketListQuery,
    params: ticketNumberParams,
  });
  tickets.create(createTicketBody, (c, body, req) => createTicket(c, body, channelOf(req))).page(listTickets);
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
  tickets.update(updateTicketBody, updateTicket).remove(deleteTicket);
  app.get(
    '/api/v1/tickets/:number/events',
    { schema: { tags, params: ticketNumberParams, response: { 200: whole(eventSchema) } } },
    async (req) => ({ items: await listEvents(actorCtx(app, req), req.params.number), nextCursor: null }),
  );
}
