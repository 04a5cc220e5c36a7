import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route that changes something, as `METHOD /url`: the route table the policy test walks. */
    mutatingRoutes: readonly string[];
  }
}

import { AppError } from '../errors.js';
import { checkedActions } from '../policies/policy.js';
import { MUTATING, ROUTE_POLICIES, routeKey } from '../policies/routes.js';

/**
 * Holds every mutating route to its entry in ROUTE_POLICIES: an undeclared route stops the app
 * at start; a declared one that would answer with success although its service never authorized
 * the declared action answers 500 instead, so a forgotten check shows in the first test that
 * drives the route. (Checked on the way out because the subject, a ticket say, is loaded by
 * the service; the route cannot decide before it.)
 */
export const policyPlugin = fp(async (app) => {
  const mutating: string[] = [];
  app.decorate('mutatingRoutes', mutating);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (!MUTATING.has(method)) continue;
      const key = routeKey(method, route.url);
      if (!ROUTE_POLICIES[key]) throw new Error(`${key} declares no policy in src/policies/routes.ts`);
      mutating.push(key);
    }
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (!MUTATING.has(req.method) || reply.statusCode >= 400) return payload;
    const declared = ROUTE_POLICIES[routeKey(req.method, req.routeOptions.url ?? '')];
    if (!declared || typeof declared !== 'string') return payload;
    if (req.actor && checkedActions(req.actor).has(declared)) return payload;
    req.log.error(
      { route: req.routeOptions.url, action: declared },
      'route answered without its policy check',
    );
    throw new AppError('internal', 'This request was not authorized');
  });
});
