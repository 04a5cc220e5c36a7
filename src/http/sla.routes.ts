import { emptyQuery, whole } from '../../common/api.js';
import {
  slaOrderBody,
  slaPolicyBody,
  slaPolicyPatch,
  slaPolicySchema,
  slaPreviewBody,
  slaPreviewSchema,
} from '../../common/sla.js';
import {
  createSlaPolicy,
  deleteSlaPolicy,
  getSlaPolicy,
  listSlaPolicies,
  orderSlaPolicies,
  previewSlaPolicy,
  updateSlaPolicy,
} from '../modules/sla/policies.service.js';
import { resource } from './resource.js';
import { type App, actorCtx } from './types.js';

const tags = ['sla'];

// Service-level policies: staff read them, administrators manage them and set their order (the
// first enabled policy whose conditions match a ticket applies).
export async function slaRoutes(app: App) {
  resource(app, {
    path: '/api/v1/sla/policies',
    name: 'SlaPolicy',
    plural: 'SlaPolicies',
    tags,
    item: slaPolicySchema,
    query: emptyQuery,
  })
    .list(listSlaPolicies)
    .create(slaPolicyBody, createSlaPolicy)
    .get(getSlaPolicy)
    .update(slaPolicyPatch, updateSlaPolicy)
    .remove(deleteSlaPolicy);

  app.put(
    '/api/v1/sla/policies/order',
    {
      schema: {
        operationId: 'orderSlaPolicies',
        tags,
        description: 'Puts the policies in this order: every policy id once, the first to match first.',
        body: slaOrderBody,
        response: { 200: whole(slaPolicySchema) },
      },
    },
    async (req) => ({ items: await orderSlaPolicies(actorCtx(app, req), req.body), nextCursor: null }),
  );

  app.post(
    '/api/v1/sla/policies/preview',
    {
      schema: {
        operationId: 'previewSlaPolicy',
        tags,
        description:
          'What a policy as written (saved or not) would give a ticket: whether it matches, and its clocks from the start.',
        body: slaPreviewBody,
        response: { 200: slaPreviewSchema },
      },
    },
    async (req) => previewSlaPolicy(actorCtx(app, req), req.body),
  );
}
