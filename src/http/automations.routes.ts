import { automationBody, automationDryRunBody, automationSchema } from '../../common/automations.js';
import {
  createAutomation,
  deleteAutomation,
  getAutomation,
  listAutomations,
  orderAutomations,
  updateAutomation,
} from '../modules/triggers/automations.service.js';
import { dryRunTrigger } from '../modules/triggers/triggers.service.js';
import { ruleRoutes } from './rules.routes.js';
import type { App } from './types.js';

// Time-based automations: rules the scheduler's sweep runs on tickets, in their order.
export async function automationRoutes(app: App) {
  ruleRoutes(app, {
    path: '/api/v1/automations',
    tag: 'automations',
    noun: 'Automation',
    word: 'automation',
    createDescription:
      'Adds an automation after the others; refused unless an action changes what a condition tests.',
    dryRunDescription:
      'Which of the latest tickets an automation’s conditions (saved or not) match now; changes nothing.',
    body: automationBody,
    dryRunBody: automationDryRunBody,
    schema: automationSchema,
    list: listAutomations,
    create: createAutomation,
    order: orderAutomations,
    dryRun: dryRunTrigger,
    get: getAutomation,
    update: updateAutomation,
    remove: deleteAutomation,
  });
}
