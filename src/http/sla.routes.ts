import { emptyQuery, whole } from '../../common/api.js';
import { slaOrderBody, slaPolicyBody, slaPolicyPatch, slaPolicySchema } from '../../common/sla.js';
import {
  createSlaPolicy,
  deleteSlaPolicy,
  getSlaPolicy,
  listSlaPolicies,
  orderSlaPolicies,
  updateSlaPolicy,
} from '../modules/sla/policies.service.js';
import { resource } from './resource.js';
import { type App, actorCtx } from './types.js';

const tags = ['sla'];

// Service-level policies: staff read them, administrators manage them and set their order (the
// first enabled policy whose conditions match a ticket applies).
export async function slaRoutes(app: App) {
  resource(app, { path: '/api/v1/sla/policies', tags, item: slaPolicySchema, query: emptyQuery })
    .list(listSlaPolicies)
    .create(slaPolicyBody, createSlaPolicy)
    .get(getSlaPolicy)
    .update(slaPolicyPatch, updateSlaPolicy)
    .remove(deleteSlaPolicy);

  app.put(
    '/api/v1/sla/policies/order',
    {
      schema: {
        tags,
        description: 'Puts the policies in this order: every policy id once, the first to match first.',
        body: slaOrderBody,
        response: { 200: whole(slaPolicySchema) },
      },
    },
    async (req) => ({ items: await orderSlaPolicies(actorCtx(app, req), req.body), nextCursor: null }),
  );
}
