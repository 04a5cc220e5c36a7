import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor, ActorCtx, Ctx } from '../context.js';
import { refusal } from '../errors.js';
import { AUTH_REFUSALS } from '../modules/auth/refusals.js';

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    authVia: 'cookie' | 'bearer' | null;
  }
  interface FastifyInstance {
    ctx: Ctx;
  }
  interface FastifyContextConfig {
    /** Routes a billing-scoped token may call. */
    billing?: boolean;
    /** Routes that read their body themselves (raw mail, signed webhooks) rather than by schema. */
    rawBody?: boolean;
    /** Routes whose Authorization header holds their own token (metrics), not a user's. */
    ownAuth?: boolean;
  }
}

/** The service context of a signed-in request; 401 for anyone else. */
export function actorCtx(app: { ctx: Ctx }, req: FastifyRequest): ActorCtx {
  if (!req.actor) throw refusal('unauthenticated', AUTH_REFUSALS.signIn);
  return { ...app.ctx, log: req.log, actor: req.actor, ip: req.ip };
}

/** Which channel a request counts as: the web app (cookie) or an integration (token). */
export const channelOf = (req: FastifyRequest) => (req.authVia === 'bearer' ? 'api' : 'portal');

/** Waits for a change that answers nothing, then answers 204. */
export async function noContent(reply: FastifyReply, change: Promise<unknown>) {
  await change;
  return reply.code(204).send(null);
}

/** `response-times` → `ResponseTimes`: a name made from a path's words, for an operation's id. */
export const pascalCase = (words: string) =>
  words.replace(/(?:^|[-_ ])(\w)/g, (_, c: string) => c.toUpperCase());
