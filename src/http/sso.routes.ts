import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  SSO_AUDIENCES,
  SSO_ERROR_PARAM,
  type SsoAudience,
  type SsoError,
  signInOptionsSchema,
  ssoSettingsBody,
  ssoSettingsSchema,
} from '../../common/sso.js';
import { signInOptions } from '../modules/accounts/sign-in-options.js';
import { finishSso, startSso } from '../modules/sso/sso.service.js';
import { getSsoSettings, putSsoSettings } from '../modules/sso/sso-settings.js';
import { SSO_COOKIE, SSO_COOKIE_PATH, SSO_STATE_TTL_MS } from '../modules/sso/sso-state.js';
import { SESSION_COOKIE, sessionCookieOptions } from './auth.plugin.js';
import { setting } from './resource.js';
import { type App, pascalCase } from './types.js';

const tags = ['auth'];
const startQuery = z.strictObject({ redirect: z.string().max(2000).optional() });

/**
 * Single sign-on with OpenID Connect: the redirect to the provider and the way back (browser
 * navigations, answered with redirects), each audience's provider in the admin, and what the
 * sign-in page offers.
 */
export async function ssoRoutes(app: App) {
  for (const audience of SSO_AUDIENCES) {
    browserRoutes(app, audience);
    setting(app, {
      path: `/api/v1/admin/sso/${audience}`,
      name: audience === 'staff' ? 'StaffSsoSettings' : 'CustomerSsoSettings',
      tags: ['admin'],
      schema: ssoSettingsSchema,
      body: ssoSettingsBody,
      get: (c) => getSsoSettings(c, audience),
      put: (c, body) => putSsoSettings(c, audience, body),
    });
  }

  app.get(
    '/api/v1/auth/options',
    {
      schema: {
        operationId: 'getSignInOptions',
        tags,
        summary: 'What the sign-in page offers',
        response: { 200: signInOptionsSchema },
      },
    },
    async () => signInOptions(app.ctx),
  );
}

/** The redirect to an audience's provider and the way back: browser navigations, answered with redirects. */
function browserRoutes(app: App, audience: SsoAudience) {
  const ctx = app.ctx;
  const secure = ctx.config.publicUrl.startsWith('https:');
  const back = (reply: FastifyReply, error: SsoError) =>
    reply.redirect(`/login?${SSO_ERROR_PARAM}=${error}`, 302);
  app.get(
    `/auth/sso/${audience}/start`,
    {
      schema: {
        operationId: `start${pascalCase(audience)}Sso`,
        tags,
        summary: 'Starts signing in with the audience’s OpenID provider (a redirect there)',
        querystring: startQuery,
      },
    },
    async (req, reply) => {
      const started = await startSso(ctx, audience, { redirect: req.query.redirect });
      if ('error' in started) return back(reply, started.error);
      // Lax, so the browser sends it back when the provider sends it to the callback.
      reply.setCookie(SSO_COOKIE, started.state, {
        path: SSO_COOKIE_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: SSO_STATE_TTL_MS / 1000,
      });
      return reply.redirect(started.location, 302);
    },
  );

  app.get(
    `/auth/sso/${audience}/callback`,
    {
      schema: {
        operationId: `finish${pascalCase(audience)}Sso`,
        tags,
        summary:
          'Where the OpenID provider sends the browser back: signed in, or the sign-in page with why not',
      },
    },
    async (req, reply) => {
      const outcome = await finishSso(ctx, audience, {
        query: req.url.split('?')[1] ?? '',
        sealed: req.cookies[SSO_COOKIE],
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      // The sign-in it carried is over either way: it works once.
      reply.clearCookie(SSO_COOKIE, { path: SSO_COOKIE_PATH });
      if ('error' in outcome) return back(reply, outcome.error);
      reply.setCookie(SESSION_COOKIE, outcome.session.sessionToken, sessionCookieOptions(ctx.config));
      return reply.redirect(outcome.redirect, 302);
    },
  );
}
