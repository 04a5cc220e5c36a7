import type { z } from 'zod';
import {
  createdTokenSchema,
  createMessageBody,
  createTicketBody,
  createTokenBody,
  createUserBody,
  departmentBody,
  departmentPatch,
  departmentSchema,
  eventSchema,
  idParams,
  loginBody,
  meSchema,
  messageSchema,
  noBody,
  organisationBody,
  organisationSchema,
  page,
  pageQuery,
  setupBody,
  ticketListQuery,
  ticketNumberParams,
  ticketSchema,
  updateTicketBody,
  updateUserBody,
  userListQuery,
  userSchema,
  whole,
} from '../../common/api.js';
import { loginResponse, tokenList } from '../../common/auth.js';
import { csatQuery, csatResponse } from '../../common/reports.js';
import { workflowGetResponse, workflowPutBody, workflowResponse } from '../../common/workflow.js';
import { createToken, listTokens, login, logout, revokeApiToken } from '../modules/auth/auth.service.js';
import {
  createDepartment,
  listDepartments,
  updateDepartment,
} from '../modules/departments/departments.service.js';
import { addMessage, listMessages } from '../modules/messages/messages.service.js';
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from '../modules/organisations/organisations.service.js';
import { csatReport } from '../modules/reports/reports.service.js';
import { completeSetup } from '../modules/setup/setup.service.js';
import { listEvents } from '../modules/tickets/events.service.js';
import {
  createTicket,
  deleteTicket,
  getTicket,
  listTickets,
  updateTicket,
} from '../modules/tickets/tickets.service.js';
import {
  createUser,
  getMe,
  getUser,
  listUsers,
  presentUser,
  updateUser,
} from '../modules/users/users.service.js';
import { getWorkflow, putWorkflow } from '../modules/workflow/workflow.service.js';
import { SESSION_COOKIE, sessionCookieOptions } from './auth.plugin.js';
import { type App, actorCtx, channelOf } from './types.js';

const noContent = { 204: noBody };

// Routes are thin: parse (zod), authenticate, call one service, present.
export async function apiRoutes(app: App) {
  const ctx = app.ctx;

  app.get('/api/health', { schema: { hide: true } }, async () => {
    await ctx.db.selectFrom('counters').select('name').limit(1).execute();
    return { status: 'ok' };
  });

  // ---- auth ----
  app.post(
    '/api/v1/auth/login',
    {
      schema: { tags: ['auth'], body: loginBody, response: { 200: loginResponse } },
      config: { rateLimit: { max: 100, timeWindow: '1 minute', keyGenerator: (req) => `login:${req.ip}` } },
    },
    async (req, reply) => {
      const { actor, user, sessionToken } = await login(ctx, { ...req.body, ip: req.ip });
      reply.setCookie(SESSION_COOKIE, sessionToken, sessionCookieOptions(ctx.config));
      return { user: presentUser(user, actor.departmentIds) };
    },
  );
  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], response: noContent } }, async (req, reply) => {
    actorCtx(app, req);
    await logout(ctx, req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });
  app.post('/api/v1/setup', { schema: { hide: true, body: setupBody } }, async (req, reply) => {
    return reply.code(201).send(await completeSetup(ctx, req.body));
  });
  app.get('/api/v1/me', { schema: { tags: ['auth'], response: { 200: meSchema } } }, async (req) => {
    return getMe(actorCtx(app, req));
  });

  // ---- tokens ----
  app.post(
    '/api/v1/tokens',
    { schema: { tags: ['auth'], body: createTokenBody, response: { 201: createdTokenSchema } } },
    async (req, reply) =>
      reply.code(201).send(await createToken(actorCtx(app, req), req.body.name, req.body.scope)),
  );
  app.get('/api/v1/tokens', { schema: { tags: ['auth'], response: { 200: tokenList } } }, async (req) => ({
    items: await listTokens(actorCtx(app, req)),
  }));
  app.delete(
    '/api/v1/tokens/:id',
    { schema: { tags: ['auth'], params: idParams, response: noContent } },
    async (req, reply) => {
      await revokeApiToken(actorCtx(app, req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  // ---- organisations ----
  app.post(
    '/api/v1/organisations',
    { schema: { tags: ['organisations'], body: organisationBody, response: { 201: organisationSchema } } },
    async (req, reply) => reply.code(201).send(await createOrganisation(actorCtx(app, req), req.body)),
  );
  app.get(
    '/api/v1/organisations',
    {
      schema: {
        tags: ['organisations'],
        querystring: pageQuery,
        response: { 200: page(organisationSchema) },
      },
    },
    async (req) => listOrganisations(actorCtx(app, req), req.query),
  );
  app.get(
    '/api/v1/organisations/:id',
    { schema: { tags: ['organisations'], params: idParams, response: { 200: organisationSchema } } },
    async (req) => getOrganisation(actorCtx(app, req), req.params.id),
  );
  app.patch(
    '/api/v1/organisations/:id',
    {
      schema: {
        tags: ['organisations'],
        params: idParams,
        body: organisationBody,
        response: { 200: organisationSchema },
      },
    },
    async (req) => updateOrganisation(actorCtx(app, req), req.params.id, req.body),
  );

  // ---- departments ----
  app.post(
    '/api/v1/departments',
    { schema: { tags: ['departments'], body: departmentBody, response: { 201: departmentSchema } } },
    async (req, reply) => reply.code(201).send(await createDepartment(actorCtx(app, req), req.body)),
  );
  app.get(
    '/api/v1/departments',
    {
      schema: {
        tags: ['departments'],
        response: { 200: whole(departmentSchema) },
      },
    },
    async (req) => ({ items: await listDepartments(actorCtx(app, req)), nextCursor: null }),
  );
  app.patch(
    '/api/v1/departments/:id',
    {
      schema: {
        tags: ['departments'],
        params: idParams,
        body: departmentPatch,
        response: { 200: departmentSchema },
      },
    },
    async (req) => updateDepartment(actorCtx(app, req), req.params.id, req.body),
  );

  // ---- users ----
  app.post(
    '/api/v1/users',
    { schema: { tags: ['users'], body: createUserBody, response: { 201: userSchema } } },
    async (req, reply) => reply.code(201).send(await createUser(actorCtx(app, req), req.body)),
  );
  app.get(
    '/api/v1/users',
    { schema: { tags: ['users'], querystring: userListQuery, response: { 200: page(userSchema) } } },
    async (req) => listUsers(actorCtx(app, req), req.query),
  );
  app.get(
    '/api/v1/users/:id',
    { schema: { tags: ['users'], params: idParams, response: { 200: userSchema } } },
    async (req) => getUser(actorCtx(app, req), req.params.id),
  );
  app.patch(
    '/api/v1/users/:id',
    { schema: { tags: ['users'], params: idParams, body: updateUserBody, response: { 200: userSchema } } },
    async (req) => updateUser(actorCtx(app, req), req.params.id, req.body),
  );

  // ---- tickets ----
  app.post(
    '/api/v1/tickets',
    { schema: { tags: ['tickets'], body: createTicketBody, response: { 201: ticketSchema } } },
    async (req, reply) =>
      reply.code(201).send(await createTicket(actorCtx(app, req), req.body, channelOf(req))),
  );
  app.get(
    '/api/v1/tickets',
    { schema: { tags: ['tickets'], querystring: ticketListQuery, response: { 200: page(ticketSchema) } } },
    async (req) => listTickets(actorCtx(app, req), req.query),
  );
  app.get(
    '/api/v1/tickets/:number',
    {
      schema: {
        tags: ['tickets'],
        params: ticketNumberParams,
        response: { 200: ticketSchema, 308: ticketSchema },
      },
    },
    async (req, reply) => {
      const ticket = await getTicket(actorCtx(app, req), req.params.number);
      // A merged ticket's number stays reserved and points to where its conversation went.
      if (ticket.mergedInto !== null)
        reply.code(308).header('location', `/api/v1/tickets/${ticket.mergedInto}`);
      return ticket;
    },
  );
  app.patch(
    '/api/v1/tickets/:number',
    {
      schema: {
        tags: ['tickets'],
        params: ticketNumberParams,
        body: updateTicketBody,
        response: { 200: ticketSchema },
      },
    },
    async (req) => updateTicket(actorCtx(app, req), req.params.number, req.body),
  );
  app.delete(
    '/api/v1/tickets/:number',
    { schema: { tags: ['tickets'], params: ticketNumberParams, response: noContent } },
    async (req, reply) => {
      await deleteTicket(actorCtx(app, req), req.params.number);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/tickets/:number/messages',
    {
      schema: {
        tags: ['tickets'],
        params: ticketNumberParams,
        querystring: pageQuery,
        response: { 200: page(messageSchema) },
      },
    },
    async (req) => listMessages(actorCtx(app, req), req.params.number, req.query),
  );
  app.post(
    '/api/v1/tickets/:number/messages',
    {
      schema: {
        tags: ['tickets'],
        params: ticketNumberParams,
        body: createMessageBody,
        response: { 201: messageSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await addMessage(actorCtx(app, req), req.params.number, req.body, channelOf(req))),
  );
  app.get(
    '/api/v1/tickets/:number/events',
    {
      schema: {
        tags: ['tickets'],
        params: ticketNumberParams,
        response: { 200: whole(eventSchema) },
      },
    },
    async (req) => ({ items: await listEvents(actorCtx(app, req), req.params.number), nextCursor: null }),
  );

  // ---- workflow ----
  app.get(
    '/api/v1/workflow',
    {
      schema: {
        tags: ['workflow'],
        response: { 200: workflowGetResponse },
      },
    },
    async (req) => getWorkflow(actorCtx(app, req)),
  );
  app.put(
    '/api/v1/workflow',
    { schema: { tags: ['workflow'], body: workflowPutBody, response: { 200: workflowResponse } } },
    async (req) => putWorkflow(actorCtx(app, req), req.body) as Promise<z.infer<typeof workflowResponse>>,
  );

  // ---- reports ----
  app.get(
    '/api/v1/reports/csat',
    {
      schema: {
        tags: ['reports'],
        querystring: csatQuery,
        response: { 200: csatResponse },
      },
    },
    async (req) => csatReport(actorCtx(app, req), req.query),
  );
}
