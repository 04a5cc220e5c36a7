import { idParams, page } from '../../common/api.js';
import { inboundAttachBody, inboundItemSchema, inboundListQuery } from '../../common/inbound.js';
import {
  attachInboundMail,
  discardInboundMail,
  inboundRaw,
  listInboundMail,
  processInboundMail,
} from '../modules/inbound-admin/inbound-admin.service.js';
import { type App, actorCtx } from './types.js';

const params = idParams;
const item = { 200: inboundItemSchema };

/** Admin › Inbound mail: ignored, quarantined and refused messages, their raw bytes, and what to do with them. */
export async function inboundAdminRoutes(app: App) {
  app.get(
    '/api/v1/admin/inbound',
    {
      schema: {
        operationId: 'listInboundMessages',
        tags: ['admin'],
        description:
          'Inbound messages, newest first: state, the reason for it, sender, subject, size and time. Filter by state (ignored, quarantined, refused, …), channel, or whether the automatic answer was suppressed.',
        querystring: inboundListQuery,
        response: { 200: page(inboundItemSchema) },
      },
    },
    async (req) => listInboundMail(actorCtx(app, req), req.query),
  );
  inboundRawRoute(app);
  inboundActionRoutes(app);
}

function inboundRawRoute(app: App) {
  app.get(
    '/api/v1/admin/inbound/:id/raw',
    {
      schema: {
        operationId: 'getInboundRaw',
        tags: ['admin'],
        description: 'The message as received (message/rfc822 for email).',
        params,
      },
    },
    async (req, reply) => {
      const raw = await inboundRaw(actorCtx(app, req), req.params.id);
      return reply
        .header('content-type', raw.contentType)
        .header('content-disposition', `attachment; filename="${raw.filename}"`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(raw.data);
    },
  );
}

function inboundActionRoutes(app: App) {
  app.post(
    '/api/v1/admin/inbound/:id/process',
    {
      schema: {
        operationId: 'processInboundMessage',
        tags: ['admin'],
        description:
          'Opens a new ticket from the mail as its sender (a customer is created for an unknown sender).',
        params,
        response: item,
      },
    },
    async (req) => processInboundMail(actorCtx(app, req), req.params.id),
  );
  app.post(
    '/api/v1/admin/inbound/:id/attach',
    {
      schema: {
        operationId: 'attachInboundMessage',
        tags: ['admin'],
        description:
          'Adds the mail to ticket #ticket: as a reply of its sender when the sender is a customer who may see that ticket, otherwise as an internal note naming the sender. Never sent on to customers.',
        params,
        body: inboundAttachBody,
        response: item,
      },
    },
    async (req) => attachInboundMail(actorCtx(app, req), req.params.id, req.body.ticket),
  );
  app.post(
    '/api/v1/admin/inbound/:id/discard',
    {
      schema: {
        operationId: 'discardInboundMessage',
        tags: ['admin'],
        description: 'Marks the message discarded (kept, with its raw bytes, but off the review list).',
        params,
        response: item,
      },
    },
    async (req) => discardInboundMail(actorCtx(app, req), req.params.id),
  );
}
