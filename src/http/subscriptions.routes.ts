import { idParams, whole } from '../../common/api.js';
import {
  billingSubscriptionBody,
  externalIdParams,
  planBody,
  planPatch,
  planSchema,
  serviceBody,
  servicePatch,
  serviceSchema,
  subscriptionBody,
  subscriptionListQuery,
  subscriptionPatch,
  subscriptionSchema,
  subscriptionsSettingBody,
} from '../../common/subscriptions.js';
import {
  createPlan,
  createService,
  createSubscription,
  getSubscription,
  getSubscriptionsSetting,
  listPlans,
  listServices,
  listSubscriptions,
  setSubscriptionsSetting,
  subscriptionsOf,
  updatePlan,
  updateService,
  updateSubscription,
  upsertFromBilling,
} from '../modules/subscriptions/subscriptions.service.js';
import { type App, actorCtx } from './types.js';

const tags = ['subscriptions'];

export async function subscriptionRoutes(app: App) {
  app.get(
    '/api/v1/settings/subscriptions',
    { schema: { tags, response: { 200: subscriptionsSettingBody } } },
    async (req) => getSubscriptionsSetting(actorCtx(app, req)),
  );
  app.put(
    '/api/v1/settings/subscriptions',
    { schema: { tags, body: subscriptionsSettingBody, response: { 200: subscriptionsSettingBody } } },
    async (req) => setSubscriptionsSetting(actorCtx(app, req), req.body.enabled),
  );

  app.get('/api/v1/services', { schema: { tags, response: { 200: whole(serviceSchema) } } }, async (req) => ({
    items: await listServices(actorCtx(app, req)),
    nextCursor: null,
  }));
  app.post(
    '/api/v1/services',
    { schema: { tags, body: serviceBody, response: { 201: serviceSchema } } },
    async (req, reply) => reply.code(201).send(await createService(actorCtx(app, req), req.body)),
  );
  app.patch(
    '/api/v1/services/:id',
    { schema: { tags, params: idParams, body: servicePatch, response: { 200: serviceSchema } } },
    async (req) => updateService(actorCtx(app, req), req.params.id, req.body),
  );

  app.get('/api/v1/plans', { schema: { tags, response: { 200: whole(planSchema) } } }, async (req) => ({
    items: await listPlans(actorCtx(app, req)),
    nextCursor: null,
  }));
  app.post(
    '/api/v1/plans',
    { schema: { tags, body: planBody, response: { 201: planSchema } } },
    async (req, reply) => reply.code(201).send(await createPlan(actorCtx(app, req), req.body)),
  );
  app.patch(
    '/api/v1/plans/:id',
    { schema: { tags, params: idParams, body: planPatch, response: { 200: planSchema } } },
    async (req) => updatePlan(actorCtx(app, req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/subscriptions',
    {
      schema: {
        tags,
        querystring: subscriptionListQuery,
        response: { 200: whole(subscriptionSchema) },
      },
    },
    async (req) => ({ items: await listSubscriptions(actorCtx(app, req), req.query), nextCursor: null }),
  );
  app.post(
    '/api/v1/subscriptions',
    { schema: { tags, body: subscriptionBody, response: { 201: subscriptionSchema } } },
    async (req, reply) => reply.code(201).send(await createSubscription(actorCtx(app, req), req.body)),
  );
  app.get(
    '/api/v1/subscriptions/:id',
    { schema: { tags, params: idParams, response: { 200: subscriptionSchema } } },
    async (req) => getSubscription(actorCtx(app, req), req.params.id),
  );
  app.patch(
    '/api/v1/subscriptions/:id',
    { schema: { tags, params: idParams, body: subscriptionPatch, response: { 200: subscriptionSchema } } },
    async (req) => updateSubscription(actorCtx(app, req), req.params.id, req.body),
  );
  // For an external billing system: create or update by its own id; idempotent.
  app.put(
    '/api/v1/subscriptions/:externalId',
    {
      config: { billing: true },
      schema: {
        tags,
        description:
          'Create or update a subscription by the billing system’s id. Needs an admin or a billing-scoped token.',
        params: externalIdParams,
        body: billingSubscriptionBody,
        response: { 200: subscriptionSchema },
      },
    },
    async (req) => upsertFromBilling(actorCtx(app, req), req.params.externalId, req.body),
  );

  app.get(
    '/api/v1/me/subscriptions',
    { schema: { tags, response: { 200: whole(subscriptionSchema) } } },
    async (req) => {
      const c = actorCtx(app, req);
      return { items: await subscriptionsOf(c, c.actor.id), nextCursor: null };
    },
  );
  app.get(
    '/api/v1/users/:id/subscriptions',
    { schema: { tags, params: idParams, response: { 200: whole(subscriptionSchema) } } },
    async (req) => ({ items: await subscriptionsOf(actorCtx(app, req), req.params.id), nextCursor: null }),
  );
}
