import { noBody, ticketNumberParams } from '../../common/api.js';
import { draftBody, draftQuery, draftSchema, presenceBody, presenceSchema } from '../../common/drafts.js';
import { discardDraft, getDraft, saveDraft } from '../modules/drafts/drafts.service.js';
import { heartbeat } from '../modules/drafts/presence.service.js';
import { type App, actorCtx, noContent } from './types.js';

const tags = ['tickets'];

// A staff member's drafts on a ticket (one reply, one note) and the presence heartbeat of an open
// ticket page. Both are for staff on tickets they see.
export async function draftRoutes(app: App) {
  app.get(
    '/api/v1/tickets/:number/draft',
    {
      schema: {
        operationId: 'getDraft',
        tags,
        params: ticketNumberParams,
        querystring: draftQuery,
        response: { 200: draftSchema },
      },
    },
    async (req) => getDraft(actorCtx(app, req), req.params.number, req.query.kind),
  );
  app.put(
    '/api/v1/tickets/:number/draft',
    {
      schema: {
        operationId: 'saveDraft',
        tags,
        params: ticketNumberParams,
        body: draftBody,
        response: { 200: draftSchema },
      },
    },
    async (req) => saveDraft(actorCtx(app, req), req.params.number, req.body),
  );
  app.delete(
    '/api/v1/tickets/:number/draft',
    {
      schema: {
        operationId: 'deleteDraft',
        tags,
        params: ticketNumberParams,
        querystring: draftQuery,
        response: { 204: noBody },
      },
    },
    async (req, reply) =>
      noContent(reply, discardDraft(actorCtx(app, req), req.params.number, req.query.kind)),
  );
  app.put(
    '/api/v1/tickets/:number/presence',
    {
      schema: {
        operationId: 'setPresence',
        tags,
        params: ticketNumberParams,
        body: presenceBody,
        response: { 200: presenceSchema },
      },
    },
    async (req) => heartbeat(actorCtx(app, req), req.params.number, req.body),
  );
}
