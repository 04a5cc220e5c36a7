import { emptyQuery, idParams, noBody, whole } from '../../common/api.js';
import { automationBody, automationDryRunBody, automationSchema } from '../../common/automations.js';
import { triggerDryRunSchema, triggerOrderBody } from '../../common/triggers.js';
import {
  createAutomation,
  deleteAutomation,
  getAutomation,
  listAutomations,
  orderAutomations,
  updateAutomation,
} from '../modules/triggers/automations.service.js';
import { dryRunTrigger } from '../modules/triggers/triggers.service.js';
import { type App, actorCtx, noContent } from './types.js';

const tags = ['automations'];
const path = '/api/v1/automations';

// Time-based automations: administrators manage the ordered rules the scheduler's sweep runs, set
// their order and try an automation's conditions on the latest tickets.
export async function automationRoutes(app: App) {
  app.get(
    path,
    {
      schema: {
        tags,
        operationId: 'listAutomations',
        description: 'The time-based automations, in the order they run.',
        querystring: emptyQuery,
        response: { 200: whole(automationSchema) },
      },
    },
    async (req) => ({ items: await listAutomations(actorCtx(app, req)), nextCursor: null }),
  );
  app.post(
    path,
    {
      schema: {
        tags,
        operationId: 'createAutomation',
        description:
          'Adds an automation after the others; refused unless an action changes what a condition tests.',
        body: automationBody,
        response: { 201: automationSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createAutomation(actorCtx(app, req), req.body)),
  );
  app.put(
    `${path}/order`,
    {
      schema: {
        tags,
        operationId: 'orderAutomations',
        description: 'Puts the automations in this order: every automation id once, the first to run first.',
        body: triggerOrderBody,
        response: { 200: whole(automationSchema) },
      },
    },
    async (req) => ({ items: await orderAutomations(actorCtx(app, req), req.body), nextCursor: null }),
  );
  app.post(
    `${path}/dry-run`,
    {
      schema: {
        tags,
        operationId: 'dryRunAutomation',
        description:
          'Which of the latest tickets an automation’s conditions (saved or not) match now; changes nothing.',
        body: automationDryRunBody,
        response: { 200: triggerDryRunSchema },
      },
    },
    async (req) => dryRunTrigger(actorCtx(app, req), req.body),
  );
  oneAutomationRoutes(app);
}

/** One automation: read, replace, delete. */
function oneAutomationRoutes(app: App) {
  app.get(
    `${path}/:id`,
    {
      schema: {
        tags,
        operationId: 'getAutomation',
        params: idParams,
        querystring: emptyQuery,
        response: { 200: automationSchema },
      },
    },
    async (req) => getAutomation(actorCtx(app, req), req.params.id),
  );
  app.put(
    `${path}/:id`,
    {
      schema: {
        tags,
        operationId: 'updateAutomation',
        description: 'Replaces an automation.',
        params: idParams,
        body: automationBody,
        response: { 200: automationSchema },
      },
    },
    async (req) => updateAutomation(actorCtx(app, req), req.params.id, req.body),
  );
  app.delete(
    `${path}/:id`,
    { schema: { tags, operationId: 'deleteAutomation', params: idParams, response: { 204: noBody } } },
    async (req, reply) => noContent(reply, deleteAutomation(actorCtx(app, req), req.params.id)),
  );
}
