import { loginBody, meSchema, noBody, setupBody } from '../../common/api.js';
import { loginResponse } from '../../common/auth.js';
import { login, logout } from '../modules/auth/auth.service.js';
import { completeSetup } from '../modules/setup/setup.service.js';
import { getMe, presentUser } from '../modules/users/users.service.js';
import { SESSION_COOKIE, sessionCookieOptions } from './auth.plugin.js';
import { type App, actorCtx } from './types.js';

const tags = ['auth'];

// Signing in and out, the caller's own account, and first-run setup.
export async function authRoutes(app: App) {
  const ctx = app.ctx;

  app.post(
    '/api/v1/auth/login',
    {
      schema: { tags, body: loginBody, response: { 200: loginResponse } },
      config: { rateLimit: { max: 100, timeWindow: '1 minute', keyGenerator: (req) => `login:${req.ip}` } },
    },
    async (req, reply) => {
      const { actor, user, sessionToken } = await login(ctx, {
        ...req.body,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, sessionToken, sessionCookieOptions(ctx.config));
      return { user: presentUser(user, actor.departmentIds) };
    },
  );
  app.post('/api/v1/auth/logout', { schema: { tags, response: { 204: noBody } } }, async (req, reply) => {
    actorCtx(app, req);
    await logout(ctx, req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });
  app.post('/api/v1/setup', { schema: { hide: true, body: setupBody } }, async (req, reply) => {
    return reply.code(201).send(await completeSetup(ctx, req.body));
  });
  app.get('/api/v1/me', { schema: { tags, response: { 200: meSchema } } }, async (req) => {
    return getMe(actorCtx(app, req));
  });
}
