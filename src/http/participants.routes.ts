import { emptyQuery, ticketNumberParams } from '../../common/api.js';
import { ccBody, followerBody, followerQuery, participantsSchema } from '../../common/participants.js';
import { isOwnAddress } from '../channels/email/trust.js';
import { follow, getParticipants, setCc, unfollow } from '../modules/participants/participants.service.js';
import { type App, actorCtx } from './types.js';

const tags = ['tickets'];
const response = { 200: participantsSchema };

// Who is on a ticket besides its requester: staff following it and its CC list.
export async function participantRoutes(app: App) {
  app.get(
    '/api/v1/tickets/:number/participants',
    {
      schema: {
        operationId: 'listParticipants',
        tags,
        params: ticketNumberParams,
        querystring: emptyQuery,
        response,
      },
    },
    async (req) => getParticipants(actorCtx(app, req), req.params.number),
  );
  app.post(
    '/api/v1/tickets/:number/followers',
    {
      schema: { operationId: 'followTicket', tags, params: ticketNumberParams, body: followerBody, response },
    },
    async (req) => follow(actorCtx(app, req), req.params.number, req.body?.userId),
  );
  app.delete(
    '/api/v1/tickets/:number/followers',
    {
      schema: {
        operationId: 'unfollowTicket',
        tags,
        params: ticketNumberParams,
        querystring: followerQuery,
        response,
      },
    },
    async (req) => unfollow(actorCtx(app, req), req.params.number, req.query.userId),
  );
  app.put(
    '/api/v1/tickets/:number/cc',
    { schema: { operationId: 'setTicketCc', tags, params: ticketNumberParams, body: ccBody, response } },
    async (req) =>
      setCc(actorCtx(app, req), req.params.number, req.body.addresses, (a) =>
        isOwnAddress(app.ctx.config, a),
      ),
  );
}
