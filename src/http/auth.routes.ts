import type { FastifyReply, FastifyRequest } from 'fastify';
import { loginBody, meSchema, noBody, setupBody } from '../../common/api.js';
import { loginResponse, secondFactorBody, setupDoneSchema, signedInResponse } from '../../common/auth.js';
import { login, loginSecondFactor, logout, type Session } from '../modules/auth/auth.service.js';
import { languageDefaults } from '../modules/languages/defaults.js';
import { hasUiOverrides } from '../modules/languages/variants.js';
import { completeSetup } from '../modules/setup/setup.service.js';
import { getMe, presentMe } from '../modules/users/users.service.js';
import { SESSION_COOKIE, sessionCookieOptions } from './auth.plugin.js';
import { type App, actorCtx } from './types.js';

const tags = ['auth'];

/** A new session: its cookie set on the answer, and the signed-in user as the answer's body. */
export async function signedIn(app: App, reply: FastifyReply, session: Session) {
  reply.setCookie(SESSION_COOKIE, session.sessionToken, sessionCookieOptions(app.ctx.config));
  const [defaults, overrides] = await Promise.all([languageDefaults(app.ctx.db), hasUiOverrides(app.ctx.db)]);
  return {
    user: presentMe(session.actor, session.user, { secondFactor: session.secondFactor }, defaults, overrides),
  };
}

// Signing in and out, the caller's own account, and first-run setup.
export async function authRoutes(app: App) {
  const ctx = app.ctx;

  const meta = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
  const perIp = {
    rateLimit: { max: 100, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => `login:${req.ip}` },
  };
  app.post(
    '/api/v1/auth/login',
    {
      schema: { operationId: 'signIn', tags, body: loginBody, response: { 200: loginResponse } },
      config: perIp,
    },
    async (req, reply) => {
      const result = await login(ctx, { ...req.body, ...meta(req) });
      return 'secondFactor' in result ? result : signedIn(app, reply, result.session);
    },
  );
  app.post(
    '/api/v1/auth/login/second-factor',
    {
      schema: {
        operationId: 'signInSecondFactor',
        tags,
        body: secondFactorBody,
        response: { 200: signedInResponse },
      },
      config: perIp,
    },
    async (req, reply) => signedIn(app, reply, await loginSecondFactor(ctx, { ...req.body, ...meta(req) })),
  );
  app.post(
    '/api/v1/auth/logout',
    { schema: { operationId: 'signOut', tags, response: { 204: noBody } } },
    async (req, reply) => {
      actorCtx(app, req);
      await logout(ctx, req.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/setup',
    { schema: { operationId: 'completeSetup', tags, body: setupBody, response: { 201: setupDoneSchema } } },
    async (req, reply) => {
      return reply.code(201).send(await completeSetup(ctx, req.body));
    },
  );
  app.get(
    '/api/v1/me',
    { schema: { operationId: 'getMe', tags, response: { 200: meSchema } } },
    async (req) => {
      return getMe(actorCtx(app, req));
    },
  );
}
