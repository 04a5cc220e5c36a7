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
import { resource, setting } from './resource.js';
import { type App, actorCtx } from './types.js';

const tags = ['subscriptions'];

/** Entitlements: the on/off setting, the services and plans on offer, and who holds which. */
export async function subscriptionRoutes(app: App) {
  setting(app, {
    path: '/api/v1/settings/subscriptions',
    name: 'SubscriptionSettings',
    tags,
    schema: subscriptionsSettingBody,
    get: getSubscriptionsSetting,
    put: (c, body) => setSubscriptionsSetting(c, body.enabled),
  });
  resource(app, { path: '/api/v1/services', name: 'Service', tags, item: serviceSchema })
    .list(listServices)
    .create(serviceBody, createService)
    .update(servicePatch, updateService);
  resource(app, { path: '/api/v1/plans', name: 'Plan', tags, item: planSchema })
    .list(listPlans)
    .create(planBody, createPlan)
    .update(planPatch, updatePlan);
  subscriptionRecordRoutes(app);
}

/** The subscriptions themselves, also as an external billing system and a customer see them. */
function subscriptionRecordRoutes(app: App) {
  resource(app, {
    path: '/api/v1/subscriptions',
    name: 'Subscription',
    tags,
    item: subscriptionSchema,
    query: subscriptionListQuery,
  })
    .list(listSubscriptions)
    .create(subscriptionBody, createSubscription)
    .get(getSubscription)
    .update(subscriptionPatch, updateSubscription);
  // For an external billing system: create or update by its own id; idempotent.
  app.put(
    '/api/v1/subscriptions/:externalId',
    {
      config: { billing: true },
      schema: {
        operationId: 'upsertSubscription',
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
    { schema: { operationId: 'listOwnSubscriptions', tags, response: { 200: whole(subscriptionSchema) } } },
    async (req) => {
      const c = actorCtx(app, req);
      return { items: await subscriptionsOf(c, c.actor.id), nextCursor: null };
    },
  );
  app.get(
    '/api/v1/users/:id/subscriptions',
    {
      schema: {
        operationId: 'listUserSubscriptions',
        tags,
        params: idParams,
        response: { 200: whole(subscriptionSchema) },
      },
    },
    async (req) => ({ items: await subscriptionsOf(actorCtx(app, req), req.params.id), nextCursor: null }),
  );
}
