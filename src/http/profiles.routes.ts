import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { emptyQuery, idParams, noBody, userSchema } from '../../common/api.js';
import {
  contactPatch,
  customerNoteBody,
  customerNoteParams,
  customerNoteSchema,
  customerProfileSchema,
  mergeCustomerBody,
  mergeResultSchema,
  myProfilePatch,
  organisationProfileSchema,
} from '../../common/profiles.js';
import { nowIso } from '../context.js';
import { exportCustomer, exportOrganisation } from '../modules/profiles/export.service.js';
import { mergeCustomers } from '../modules/profiles/merge.service.js';
import { addCustomerNote, deleteCustomerNote, editCustomerNote } from '../modules/profiles/notes.service.js';
import {
  getCustomerProfile,
  getOrganisationProfile,
  updateCustomerContact,
  updateMyProfile,
} from '../modules/profiles/profiles.service.js';
import { type App, actorCtx, noContent } from './types.js';

const tags = ['profiles'];
const customer = '/api/v1/customers/:id';
const exportSchema = (operationId: string, what: string) => ({
  operationId,
  tags,
  params: idParams,
  querystring: emptyQuery,
  description: `Everything stored about ${what} as one JSON document (administrators; on the audit trail), streamed.`,
  produces: ['application/json'],
  response: { 200: z.string().describe('JSON') },
});

/** Answers a streamed JSON file, read once before answering so a refusal is a problem, not a broken file. */
async function download(reply: FastifyReply, chunks: AsyncGenerator<string>, name: string) {
  const first = await chunks.next();
  async function* all() {
    if (first.done) return;
    yield first.value;
    yield* chunks;
  }
  return reply
    .header('content-type', 'application/json; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.json"`)
    .send(Readable.from(all()));
}

// Staff's pages about a customer and an organisation, and one's own profile.
export async function profileRoutes(app: App) {
  app.patch(
    '/api/v1/me',
    { schema: { operationId: 'updateMe', tags, body: myProfilePatch, response: { 200: userSchema } } },
    async (req) => updateMyProfile(actorCtx(app, req), req.body),
  );
  app.get(
    `${customer}/profile`,
    {
      schema: {
        operationId: 'getCustomerProfile',
        tags,
        params: idParams,
        response: { 200: customerProfileSchema },
      },
    },
    async (req) => getCustomerProfile(actorCtx(app, req), req.params.id),
  );
  app.patch(
    customer,
    {
      schema: {
        operationId: 'updateCustomer',
        tags,
        params: idParams,
        body: contactPatch,
        response: { 200: customerProfileSchema },
      },
    },
    async (req) => updateCustomerContact(actorCtx(app, req), req.params.id, req.body),
  );
  customerNoteRoutes(app);
  organisationProfileRoutes(app);
}

function customerNoteRoutes(app: App) {
  app.post(
    `${customer}/notes`,
    {
      schema: {
        operationId: 'createCustomerNote',
        tags,
        params: idParams,
        body: customerNoteBody,
        response: { 201: customerNoteSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await addCustomerNote(actorCtx(app, req), req.params.id, req.body)),
  );
  app.patch(
    `${customer}/notes/:noteId`,
    {
      schema: {
        operationId: 'updateCustomerNote',
        tags,
        params: customerNoteParams,
        body: customerNoteBody,
        response: { 200: customerNoteSchema },
      },
    },
    async (req) => editCustomerNote(actorCtx(app, req), req.params.id, req.params.noteId, req.body),
  );
  app.delete(
    `${customer}/notes/:noteId`,
    {
      schema: {
        operationId: 'deleteCustomerNote',
        tags,
        params: customerNoteParams,
        response: { 204: noBody },
      },
    },
    async (req, reply) =>
      noContent(reply, deleteCustomerNote(actorCtx(app, req), req.params.id, req.params.noteId)),
  );
  app.post(
    `${customer}/merge`,
    {
      schema: {
        operationId: 'mergeCustomer',
        tags,
        params: idParams,
        body: mergeCustomerBody,
        response: { 200: mergeResultSchema },
      },
    },
    async (req) => mergeCustomers(actorCtx(app, req), req.params.id, req.body),
  );
  app.get(
    `${customer}/export`,
    { schema: exportSchema('exportCustomer', 'a customer') },
    async (req, reply) => {
      const ctx = actorCtx(app, req);
      const { id } = req.params as { id: string };
      return download(reply, exportCustomer(ctx, id), `customer-${id}-${nowIso(ctx).slice(0, 10)}`);
    },
  );
}

function organisationProfileRoutes(app: App) {
  app.get(
    '/api/v1/organisations/:id/profile',
    {
      schema: {
        operationId: 'getOrganisationProfile',
        tags,
        params: idParams,
        response: { 200: organisationProfileSchema },
      },
    },
    async (req) => getOrganisationProfile(actorCtx(app, req), req.params.id),
  );
  app.get(
    '/api/v1/organisations/:id/export',
    { schema: exportSchema('exportOrganisation', 'an organisation') },
    async (req, reply) => {
      const ctx = actorCtx(app, req);
      const { id } = req.params as { id: string };
      return download(reply, exportOrganisation(ctx, id), `organisation-${id}-${nowIso(ctx).slice(0, 10)}`);
    },
  );
}
