import { idParams, noBody, ticketNumberParams, ticketSchema, whole } from '../../common/api.js';
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
import { getPriorityHelp, priorityHelpSchema, setPriorityHelp } from '../modules/intake/priority-help.js';
import { mergeTicket } from '../modules/tickets/merge.service.js';
import { type App, actorCtx } from './types.js';

const keyParams = typeKeyParams;
const urgentRouting = urgentRoutingSchema;

export async function intakeRoutes(app: App) {
  const tags = ['intake'];
  app.get(
    '/api/v1/ticket-types',
    { schema: { tags, response: { 200: whole(ticketTypeSchema) } } },
    async (req) => ({
      items: await listTypes(actorCtx(app, req)),
      nextCursor: null,
    }),
  );
  app.post(
    '/api/v1/ticket-types',
    { schema: { tags, body: ticketTypeBody, response: { 201: ticketTypeSchema } } },
    async (req, reply) => reply.code(201).send(await createType(actorCtx(app, req), req.body)),
  );
  app.patch(
    '/api/v1/ticket-types/:key',
    { schema: { tags, params: keyParams, body: ticketTypePatch, response: { 200: ticketTypeSchema } } },
    async (req) => updateType(actorCtx(app, req), req.params.key, req.body),
  );

  app.get(
    '/api/v1/fields',
    {
      schema: {
        tags,
        querystring: customFieldListQuery,
        response: { 200: whole(customFieldSchema) },
      },
    },
    async (req) => ({ items: await listFields(actorCtx(app, req), req.query), nextCursor: null }),
  );
  app.post(
    '/api/v1/fields',
    { schema: { tags, body: customFieldBody, response: { 201: customFieldSchema } } },
    async (req, reply) => reply.code(201).send(await createField(actorCtx(app, req), req.body)),
  );
  app.patch(
    '/api/v1/fields/:key',
    { schema: { tags, params: keyParams, body: customFieldPatch, response: { 200: customFieldSchema } } },
    async (req) => updateField(actorCtx(app, req), req.params.key, req.body),
  );
  app.post(
    '/api/v1/intake/triage',
    {
      schema: {
        tags,
        description:
          'Installs the guided intake (ticket types and fields of a trading-platform support desk). Idempotent.',
        response: { 200: triageResponse },
      },
    },
    async (req) => installTriage(actorCtx(app, req)),
  );
  app.get(
    '/api/v1/settings/urgent-routing',
    { schema: { tags, response: { 200: urgentRouting } } },
    async (req) => {
      actorCtx(app, req);
      return getUrgentRouting(app.ctx.db);
    },
  );
  app.put(
    '/api/v1/settings/urgent-routing',
    { schema: { tags, body: urgentRouting, response: { 200: urgentRouting } } },
    async (req) => setUrgentRouting(actorCtx(app, req), req.body),
  );

  app.get(
    '/api/v1/settings/priority-help',
    { schema: { tags, response: { 200: priorityHelpSchema } } },
    async (req) => {
      actorCtx(app, req);
      return getPriorityHelp(app.ctx.db);
    },
  );
  app.put(
    '/api/v1/settings/priority-help',
    { schema: { tags, body: priorityHelpSchema, response: { 200: priorityHelpSchema } } },
    async (req) => setPriorityHelp(actorCtx(app, req), req.body),
  );

  const cannedTags = ['canned responses'];
  app.get(
    '/api/v1/canned-responses',
    {
      schema: {
        tags: cannedTags,
        querystring: cannedListQuery,
        response: { 200: whole(cannedSchema) },
      },
    },
    async (req) => ({
      items: await listCanned(actorCtx(app, req), req.query.departmentId),
      nextCursor: null,
    }),
  );
  app.post(
    '/api/v1/canned-responses',
    { schema: { tags: cannedTags, body: cannedBody, response: { 201: cannedSchema } } },
    async (req, reply) => reply.code(201).send(await createCanned(actorCtx(app, req), req.body)),
  );
  app.patch(
    '/api/v1/canned-responses/:id',
    { schema: { tags: cannedTags, params: idParams, body: cannedPatch, response: { 200: cannedSchema } } },
    async (req) => updateCanned(actorCtx(app, req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/canned-responses/:id',
    { schema: { tags: cannedTags, params: idParams, response: { 204: noBody } } },
    async (req, reply) => {
      await deleteCanned(actorCtx(app, req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/canned-responses/:id/render',
    {
      schema: {
        tags: cannedTags,
        params: idParams,
        body: cannedRenderBody,
        response: { 200: cannedRenderResponse },
      },
    },
    async (req) => renderCanned(actorCtx(app, req), req.params.id, req.body.ticketNumber),
  );

  app.post(
    '/api/v1/tickets/:number/merge',
    {
      schema: {
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
