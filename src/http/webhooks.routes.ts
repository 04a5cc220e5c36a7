import type { FastifySchema } from 'fastify';
import type { z } from 'zod';
import { idParams, noBody, page, whole } from '../../common/api.js';
import {
  webhookBody,
  webhookDeliveriesQuery,
  webhookDeliveryParams,
  webhookDeliverySchema,
  webhookPatch,
  webhookSchema,
  webhookWithSecretSchema,
} from '../../common/webhooks.js';
import type { ActorCtx } from '../context.js';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhookDeliveries,
  listWebhooks,
  redeliverWebhook,
  rotateWebhookSecret,
  testWebhook,
  updateWebhook,
} from '../modules/webhooks/webhooks.service.js';
import { type App, actorCtx, noContent } from './types.js';

const tags = ['webhooks'];
const path = '/api/v1/webhooks';

/** A POST on one endpoint that takes no body: `<path>/:id/<action>`. */
function idAction<S extends z.ZodType>(
  app: App,
  action: string,
  spec: {
    operationId: string;
    description: string;
    response: S;
    run: (c: ActorCtx, id: string) => Promise<z.output<S>>;
  },
) {
  const schema: FastifySchema = {
    operationId: spec.operationId,
    tags,
    description: spec.description,
    params: idParams,
    response: { 200: spec.response },
  };
  app.post(`${path}/:id/${action}`, { schema }, async (req) =>
    spec.run(actorCtx(app, req), (req.params as { id: string }).id),
  );
}

// Outgoing webhooks, for administrators: endpoints, their secrets, delivery log and redelivery.
export async function webhookRoutes(app: App) {
  endpointRoutes(app);
  deliveryRoutes(app);
}

function endpointRoutes(app: App) {
  app.get(
    path,
    { schema: { operationId: 'listWebhooks', tags, response: { 200: whole(webhookSchema) } } },
    async (req) => ({ items: await listWebhooks(actorCtx(app, req)), nextCursor: null }),
  );
  app.post(
    path,
    {
      schema: {
        operationId: 'createWebhook',
        tags,
        description: 'Adds an endpoint; the answer holds its signing secret, shown this once.',
        body: webhookBody,
        response: { 201: webhookWithSecretSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createWebhook(actorCtx(app, req), req.body)),
  );
  app.get(
    `${path}/:id`,
    { schema: { operationId: 'getWebhook', tags, params: idParams, response: { 200: webhookSchema } } },
    async (req) => getWebhook(actorCtx(app, req), req.params.id),
  );
  app.patch(
    `${path}/:id`,
    {
      schema: {
        operationId: 'updateWebhook',
        tags,
        params: idParams,
        body: webhookPatch,
        response: { 200: webhookSchema },
      },
    },
    async (req) => updateWebhook(actorCtx(app, req), req.params.id, req.body),
  );
  app.delete(
    `${path}/:id`,
    { schema: { operationId: 'deleteWebhook', tags, params: idParams, response: { 204: noBody } } },
    async (req, reply) => noContent(reply, deleteWebhook(actorCtx(app, req), req.params.id)),
  );
  idAction(app, 'secret', {
    operationId: 'rotateWebhookSecret',
    description: 'Replaces the signing secret; the new one is shown this once.',
    response: webhookWithSecretSchema,
    run: rotateWebhookSecret,
  });
}

/** The delivery log, a redelivery and a test ping. */
function deliveryRoutes(app: App) {
  idAction(app, 'test', {
    operationId: 'testWebhook',
    description: 'Queues a `ping` delivery to the endpoint.',
    response: webhookDeliverySchema,
    run: testWebhook,
  });
  app.get(
    `${path}/:id/deliveries`,
    {
      schema: {
        operationId: 'listWebhookDeliveries',
        tags,
        description: 'The delivery log, newest first, each delivery with its attempts.',
        params: idParams,
        querystring: webhookDeliveriesQuery,
        response: { 200: page(webhookDeliverySchema) },
      },
    },
    async (req) => listWebhookDeliveries(actorCtx(app, req), req.params.id, req.query),
  );
  app.post(
    `${path}/:id/deliveries/:deliveryId/redeliver`,
    {
      schema: {
        operationId: 'redeliverWebhook',
        tags,
        description: 'Sends the delivery again: the same payload and delivery id, with fresh retries.',
        params: webhookDeliveryParams,
        response: { 200: webhookDeliverySchema },
      },
    },
    async (req) => redeliverWebhook(actorCtx(app, req), req.params.id, req.params.deliveryId),
  );
}
