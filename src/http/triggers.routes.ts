import { emptyQuery, idParams, noBody, whole } from '../../common/api.js';
import {
  triggerBody,
  triggerDryRunBody,
  triggerDryRunSchema,
  triggerOrderBody,
  triggerSchema,
} from '../../common/triggers.js';
import {
  createTrigger,
  deleteTrigger,
  dryRunTrigger,
  getTrigger,
  listTriggers,
  orderTriggers,
  updateTrigger,
} from '../modules/triggers/triggers.service.js';
import { type App, actorCtx, noContent } from './types.js';

const tags = ['triggers'];
const path = '/api/v1/triggers';

// Triggers: administrators manage the ordered rules, set their order and try a rule's conditions
// on the latest tickets.
export async function triggerRoutes(app: App) {
  app.get(
    path,
    {
      schema: {
        tags,
        operationId: 'listTriggers',
        description: 'The triggers, in the order they run.',
        querystring: emptyQuery,
        response: { 200: whole(triggerSchema) },
      },
    },
    async (req) => ({ items: await listTriggers(actorCtx(app, req)), nextCursor: null }),
  );
  app.post(
    path,
    {
      schema: {
        tags,
        operationId: 'createTrigger',
        description: 'Adds a trigger after the others.',
        body: triggerBody,
        response: { 201: triggerSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createTrigger(actorCtx(app, req), req.body)),
  );
  app.put(
    `${path}/order`,
    {
      schema: {
        tags,
        operationId: 'orderTriggers',
        description: 'Puts the triggers in this order: every trigger id once, the first to run first.',
        body: triggerOrderBody,
        response: { 200: whole(triggerSchema) },
      },
    },
    async (req) => ({ items: await orderTriggers(actorCtx(app, req), req.body), nextCursor: null }),
  );
  app.post(
    `${path}/dry-run`,
    {
      schema: {
        tags,
        operationId: 'dryRunTrigger',
        description:
          'Which of the latest tickets a rule’s conditions (saved or not) match now; changes nothing.',
        body: triggerDryRunBody,
        response: { 200: triggerDryRunSchema },
      },
    },
    async (req) => dryRunTrigger(actorCtx(app, req), req.body),
  );
  oneTriggerRoutes(app);
}

/** One trigger: read, replace, delete. */
function oneTriggerRoutes(app: App) {
  app.get(
    `${path}/:id`,
    {
      schema: {
        tags,
        operationId: 'getTrigger',
        params: idParams,
        querystring: emptyQuery,
        response: { 200: triggerSchema },
      },
    },
    async (req) => getTrigger(actorCtx(app, req), req.params.id),
  );
  app.put(
    `${path}/:id`,
    {
      schema: {
        tags,
        operationId: 'updateTrigger',
        description: 'Replaces a trigger.',
        params: idParams,
        body: triggerBody,
        response: { 200: triggerSchema },
      },
    },
    async (req) => updateTrigger(actorCtx(app, req), req.params.id, req.body),
  );
  app.delete(
    `${path}/:id`,
    { schema: { tags, operationId: 'deleteTrigger', params: idParams, response: { 204: noBody } } },
    async (req, reply) => noContent(reply, deleteTrigger(actorCtx(app, req), req.params.id)),
  );
}
