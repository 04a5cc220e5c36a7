import { noBody, ticketNumberParams, whole } from '../../common/api.js';
import { ticketLinkBody, ticketLinkParams, ticketLinkSchema } from '../../common/links.js';
import { linkTickets, listLinks, unlinkTickets } from '../modules/links/links.service.js';
import { type App, actorCtx, noContent } from './types.js';

const tags = ['tickets'];

// Links between tickets: listed and made from either end, for staff who see both.
export async function linkRoutes(app: App) {
  app.get(
    '/api/v1/tickets/:number/links',
    {
      schema: {
        operationId: 'listTicketLinks',
        tags,
        params: ticketNumberParams,
        response: { 200: whole(ticketLinkSchema) },
      },
    },
    async (req) => ({ items: await listLinks(actorCtx(app, req), req.params.number), nextCursor: null }),
  );
  app.post(
    '/api/v1/tickets/:number/links',
    {
      schema: {
        operationId: 'createTicketLink',
        tags,
        params: ticketNumberParams,
        body: ticketLinkBody,
        response: { 201: ticketLinkSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await linkTickets(actorCtx(app, req), req.params.number, req.body)),
  );
  app.delete(
    '/api/v1/tickets/:number/links/:other',
    {
      schema: { operationId: 'deleteTicketLink', tags, params: ticketLinkParams, response: { 204: noBody } },
    },
    async (req, reply) =>
      noContent(reply, unlinkTickets(actorCtx(app, req), req.params.number, req.params.other)),
  );
}
