import { triggerBody, triggerDryRunBody, triggerSchema } from '../../common/triggers.js';
import {
  createTrigger,
  deleteTrigger,
  dryRunTrigger,
  getTrigger,
  listTriggers,
  orderTriggers,
  updateTrigger,
} from '../modules/triggers/triggers.service.js';
import { ruleRoutes } from './rules.routes.js';
import type { App } from './types.js';

// Triggers: rules run on ticket events, in their order.
export async function triggerRoutes(app: App) {
  ruleRoutes(app, {
    path: '/api/v1/triggers',
    tag: 'triggers',
    noun: 'Trigger',
    word: 'trigger',
    createDescription: 'Adds a trigger after the others.',
    dryRunDescription:
      'Which of the latest tickets a rule’s conditions (saved or not) match now; changes nothing.',
    body: triggerBody,
    dryRunBody: triggerDryRunBody,
    schema: triggerSchema,
    list: listTriggers,
    create: createTrigger,
    order: orderTriggers,
    dryRun: dryRunTrigger,
    get: getTrigger,
    update: updateTrigger,
    remove: deleteTrigger,
  });
}
