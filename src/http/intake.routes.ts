import { idParams, ticketNumberParams, ticketSchema } from '../../common/api.js';
import {
  cannedBody,
  cannedListQuery,
  cannedPatch,
  cannedRenderBody,
  cannedRenderResponse,
  cannedSchema,
  customFieldBody,
  customFieldListQuery,
  customFieldPatch,
  customFieldSchema,
  mergeBody,
  priorityHelpSchema,
  ticketActionsBody,
  ticketTypeBody,
  ticketTypePatch,
  ticketTypeSchema,
  triageResponse,
  typeKeyParams,
  urgentRoutingSchema,
} from '../../common/intake.js';
import {
  createCanned,
  deleteCanned,
  listCanned,
  renderCanned,
  updateCanned,
} from '../modules/canned/canned.service.js';
import { applyTicketActions } from '../modules/canned/ticket-actions.service.js';
import {
  createField,
  createType,
  getUrgentRouting,
  installTriage,
  listFields,
  listTypes,
  setUrgentRouting,
  updateField,
  updateType,
} from '../modules/intake/intake.service.js';
import { readPriorityHelp, setPriorityHelp } from '../modules/intake/priority-help.js';
import { mergeTicket } from '../modules/tickets/merge.service.js';
import { resource, setting } from './resource.js';
import { type App, actorCtx, channelOf } from './types.js';

const tags = ['intake'];

/** Ticket types, custom fields, the guided intake and the settings of how tickets come in. */
export async function intakeRoutes(app: App) {
  const params = typeKeyParams;
  resource(app, { path: '/api/v1/ticket-types', name: 'TicketType', tags, item: ticketTypeSchema, params })
    .list(listTypes)
    .create(ticketTypeBody, createType)
    .update(ticketTypePatch, updateType);
  resource(app, {
    path: '/api/v1/fields',
    name: 'CustomField',
    tags,
    item: customFieldSchema,
    query: customFieldListQuery,
    params,
  })
    .list(listFields)
    .create(customFieldBody, createField)
    .update(customFieldPatch, updateField);
  app.post(
    '/api/v1/intake/triage',
    {
      schema: {
        operationId: 'triageTicket',
        tags,
        description:
          'Installs the guided intake (ticket types and fields of a trading-platform support desk). Idempotent.',
        response: { 200: triageResponse },
      },
    },
    async (req) => installTriage(actorCtx(app, req)),
  );
  setting(app, {
    path: '/api/v1/settings/urgent-routing',
    name: 'UrgentRouting',
    tags,
    schema: urgentRoutingSchema,
    get: (c) => getUrgentRouting(c.db),
    put: setUrgentRouting,
  });
  setting(app, {
    path: '/api/v1/settings/priority-help',
    name: 'PriorityHelp',
    tags,
    schema: priorityHelpSchema,
    get: readPriorityHelp,
    put: setPriorityHelp,
  });
  cannedRoutes(app);
  app.post(
    '/api/v1/tickets/:number/merge',
    {
      schema: {
        operationId: 'mergeTicket',
        tags: ['tickets'],
        params: ticketNumberParams,
        body: mergeBody,
        response: { 200: ticketSchema },
      },
    },
    async (req) =>
      mergeTicket(actorCtx(app, req), req.params.number, req.body.into, { reopen: req.body.reopen }),
  );
}

/** The team's canned responses, and one filled in for a ticket. */
function cannedRoutes(app: App) {
  const canned = {
    path: '/api/v1/canned-responses',
    name: 'CannedResponse',
    tags: ['canned responses'],
    item: cannedSchema,
  };
  resource(app, { ...canned, query: cannedListQuery })
    .list((c, query) => listCanned(c, query.departmentId))
    .create(cannedBody, createCanned)
    .update(cannedPatch, updateCanned)
    .remove(deleteCanned);
  app.post(
    '/api/v1/canned-responses/:id/render',
    {
      schema: {
        operationId: 'renderCannedResponse',
        tags: canned.tags,
        params: idParams,
        body: cannedRenderBody,
        response: { 200: cannedRenderResponse },
      },
    },
    async (req) => renderCanned(actorCtx(app, req), req.params.id, req.body.ticketNumber),
  );
  app.post(
    '/api/v1/tickets/:number/actions',
    {
      schema: {
        operationId: 'runTicketAction',
        tags: ['tickets'],
        description:
          'A macro, or "send and set status": a public reply, an internal note, then changes to the ticket, in one transaction (refused as a whole if any part is). With macroId the macro gives what the body does not.',
        params: ticketNumberParams,
        body: ticketActionsBody,
        response: { 200: ticketSchema },
      },
    },
    async (req) => applyTicketActions(actorCtx(app, req), req.params.number, req.body, channelOf(req)),
  );
}
