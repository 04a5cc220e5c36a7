import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ActorCtx } from '../context.js';
import { idempotent, type Within } from '../modules/idempotency/idempotency.service.js';
import { authorize } from '../policies/policy.js';
import { ROUTE_POLICIES, routeKey } from '../policies/routes.js';
import { type App, actorCtx } from './types.js';

/** The creations that take an Idempotency-Key (the OpenAPI document lists the header on them). */
export const IDEMPOTENT_OPERATIONS = ['createTicket', 'createMessage'] as const;

/**
 * Answers a creation (201) run at most once per caller and Idempotency-Key: a retry gets the
 * first answer again, marked `Idempotent-Replayed: true`. `create` hands `within` to the service,
 * which calls it in its transaction with what it created; `reread` reads that back should its
 * answer not have been kept.
 */
export async function sendCreated<T>(
  app: App,
  req: FastifyRequest,
  reply: FastifyReply,
  spec: {
    operation: (typeof IDEMPOTENT_OPERATIONS)[number];
    create: (c: ActorCtx, within: Within | undefined) => Promise<T>;
    reread: (c: ActorCtx, resource: string) => Promise<T>;
  },
) {
  const c = actorCtx(app, req);
  const out = await idempotent(
    c,
    {
      key: req.headers['idempotency-key'],
      operation: spec.operation,
      fingerprint: [req.params, req.body],
      status: 201,
    },
    (within) => spec.create(c, within),
    (resource) => spec.reread(c, resource),
  );
  if (out.replayed) {
    // A replay runs no service, so the route's declared check is made here: one that would be
    // refused now (a role taken away) gets no answer from before.
    const action = ROUTE_POLICIES[routeKey(req.method, req.routeOptions.url ?? '')];
    if (typeof action === 'string') authorize(c.actor, action);
    reply.header('idempotent-replayed', 'true');
  }
  return reply.code(out.status).send(out.body);
}
