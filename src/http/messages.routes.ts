import {
  createMessageBody,
  formatPreviewBody,
  formatPreviewSchema,
  messageSchema,
  page,
  pageQuery,
  ticketNumberParams,
} from '../../common/api.js';
import { addMessage, getOwnMessage, listMessages } from '../modules/messages/messages.service.js';
import { previewMessage } from '../modules/messages/preview.service.js';
import { sendCreated } from './idempotency.js';
import { type App, actorCtx, channelOf } from './types.js';

// A ticket's conversation: listed under the tickets tag, as its routes sit under a ticket.
const tags = ['tickets'];

export async function messageRoutes(app: App) {
  app.get(
    '/api/v1/tickets/:number/messages',
    {
      schema: {
        operationId: 'listMessages',
        tags,
        params: ticketNumberParams,
        querystring: pageQuery,
        response: { 200: page(messageSchema) },
      },
    },
    async (req) => listMessages(actorCtx(app, req), req.params.number, req.query),
  );
  app.post(
    '/api/v1/tickets/:number/messages',
    {
      schema: {
        operationId: 'createMessage',
        tags,
        params: ticketNumberParams,
        body: createMessageBody,
        response: { 201: messageSchema },
      },
    },
    (req, reply) =>
      sendCreated(app, req, reply, {
        operation: 'createMessage',
        create: (c, within) =>
          addMessage(c, req.params.number, req.body, channelOf(req), {
            within: within && ((trx, posted) => within(trx, posted.messageId)),
          }),
        reread: (c, id) => getOwnMessage(c, id),
      }),
  );
  app.post(
    '/api/v1/format/preview',
    {
      schema: {
        operationId: 'previewFormat',
        tags,
        description: 'Renders a body being written as the message will show it, as sanitised HTML.',
        body: formatPreviewBody,
        response: { 200: formatPreviewSchema },
      },
    },
    async (req) => previewMessage(actorCtx(app, req), req.body),
  );
}
