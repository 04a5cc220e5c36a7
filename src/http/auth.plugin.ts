import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { Ctx } from '../context.js';
import { refusal } from '../errors.js';
import { defineMessages } from '../i18n/index.js';
import { actorFromSession, actorFromToken } from '../modules/auth/auth.service.js';

const SAID = defineMessages({
  crossSite: { id: 'error.http.cross_site', defaultMessage: 'Cross-site requests are not accepted' },
  badToken: { id: 'error.http.bad_token', defaultMessage: 'The bearer token is invalid or revoked' },
  billingToken: {
    id: 'error.http.billing_token',
    defaultMessage: 'A billing token may only write subscriptions',
  },
  setUpSecondFactor: {
    id: 'error.http.set_up_second_factor',
    defaultMessage: 'Set up two-factor sign-in with an authenticator app first: it is required of your role',
  },
});

export const SESSION_COOKIE = 'tessera_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const sessionCookieOptions = (config: Config) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: config.publicUrl.startsWith('https:'),
  maxAge: config.sessionDays * 86_400,
});

/** Origins this installation answers as: its public URL and the host the request was sent to. */
function isForeignOrigin(req: FastifyRequest, config: Config): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return req.headers['sec-fetch-site'] === 'cross-site';
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return true;
  }
  if (parsed.origin === new URL(config.publicUrl).origin) return false;
  try {
    // Normalised like the Origin header: a default port is dropped.
    return parsed.host !== new URL(`${parsed.protocol}//${req.headers.host}`).host;
  } catch {
    return true;
  }
}

/**
 * Who is asking: a bearer token, else the session cookie. Cookie-authenticated (and anonymous)
 * unsafe requests from another site's pages are refused, so no page elsewhere can act as a user.
 */
export const authPlugin = fp<{ ctx: Ctx }>(async (app, { ctx }) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('authVia', null);
  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    if (req.routeOptions.config.ownAuth) return;
    const header = req.headers.authorization;
    if (header !== undefined) return bearer(ctx, req, header);
    if (UNSAFE.has(req.method) && isForeignOrigin(req, ctx.config)) {
      throw refusal('forbidden', SAID.crossSite);
    }
    const cookie = req.cookies[SESSION_COOKIE];
    const actor = cookie ? await actorFromSession(ctx, cookie) : null;
    if (actor) {
      req.actor = actor;
      req.authVia = 'cookie';
      if (actor.secondFactorSetupRequired) refuseUntilSetUp(req);
    }
  });
});

async function bearer(ctx: Ctx, req: FastifyRequest, header: string) {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const actor = match?.[1] ? await actorFromToken(ctx, match[1]) : null;
  if (!actor) throw refusal('unauthenticated', SAID.badToken);
  if (actor.scope === 'billing' && !req.routeOptions.config.billing) {
    throw refusal('forbidden', SAID.billingToken);
  }
  req.actor = actor;
  req.authVia = 'bearer';
}

/** What someone who must set up two-factor sign-in may still do: read who they are, set it up, leave. */
const DURING_SETUP = new Set([
  'GET /api/v1/me',
  'GET /api/v1/me/second-factor',
  'POST /api/v1/me/second-factor',
  'POST /api/v1/me/second-factor/confirm',
  'POST /api/v1/auth/logout',
]);

function refuseUntilSetUp(req: FastifyRequest) {
  const route = req.routeOptions.url ?? '';
  if (!route.startsWith('/api/') || DURING_SETUP.has(`${req.method} ${route}`)) return;
  throw refusal('second_factor_required', SAID.setUpSecondFactor);
}
