import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { emptyQuery, idParams, noBody, whole } from '../../common/api.js';
import { triggerDryRunSchema, triggerOrderBody } from '../../common/triggers.js';
import type { ActorCtx } from '../context.js';
import { type App, actorCtx, noContent } from './types.js';

// The routes of an ordered list of rules (triggers, automations): administrators manage the rules,
// set their order and try a rule's conditions on the latest tickets. One builder, so both kinds
// keep one shape.

type RuleKind<B extends z.ZodType, D extends z.ZodType, S extends z.ZodType> = {
  path: string;
  tag: string;
  /** `Trigger`, `Automation`: the operation ids' noun. */
  noun: string;
  /** `trigger`, `automation`, for the descriptions. */
  word: string;
  createDescription: string;
  dryRunDescription: string;
  body: B;
  dryRunBody: D;
  schema: S;
  list(c: ActorCtx): Promise<z.output<S>[]>;
  create(c: ActorCtx, body: z.output<B>): Promise<z.output<S>>;
  order(c: ActorCtx, body: z.output<typeof triggerOrderBody>): Promise<z.output<S>[]>;
  dryRun(c: ActorCtx, body: z.output<D>): Promise<z.output<typeof triggerDryRunSchema>>;
  get(c: ActorCtx, id: string): Promise<z.output<S>>;
  update(c: ActorCtx, id: string, body: z.output<B>): Promise<z.output<S>>;
  remove(c: ActorCtx, id: string): Promise<void>;
};

type Req = FastifyRequest<{ Params: { id: string } }>;

/**
 * The routes of one kind of rule. Its schemas check each request and answer at run time; the
 * kind's own signature types the calls, so the routes see the app without its type provider.
 */
export function ruleRoutes<B extends z.ZodType, D extends z.ZodType, S extends z.ZodType>(
  typed: App,
  k: RuleKind<B, D, S>,
) {
  const app = typed as unknown as FastifyInstance;
  const ctx = (req: FastifyRequest) => actorCtx(typed, req);
  listRoutes(app, ctx, k);
  oneRuleRoutes(app, ctx, k);
}

type Ctx = (req: FastifyRequest) => ActorCtx;

function listRoutes<B extends z.ZodType, D extends z.ZodType, S extends z.ZodType>(
  app: FastifyInstance,
  ctx: Ctx,
  k: RuleKind<B, D, S>,
) {
  const tags = [k.tag];
  app.get(
    k.path,
    {
      schema: {
        tags,
        operationId: `list${k.noun}s`,
        description: `The ${k.word}s, in the order they run.`,
        querystring: emptyQuery,
        response: { 200: whole(k.schema) },
      },
    },
    async (req) => ({ items: await k.list(ctx(req)), nextCursor: null }),
  );
  app.post(
    k.path,
    {
      schema: {
        tags,
        operationId: `create${k.noun}`,
        description: k.createDescription,
        body: k.body,
        response: { 201: k.schema },
      },
    },
    async (req: Req, reply) => reply.code(201).send(await k.create(ctx(req), req.body as z.output<B>)),
  );
  app.put(
    `${k.path}/order`,
    {
      schema: {
        tags,
        operationId: `order${k.noun}s`,
        description: `Puts the ${k.word}s in this order: every ${k.word} id once, the first to run first.`,
        body: triggerOrderBody,
        response: { 200: whole(k.schema) },
      },
    },
    async (req: Req) => ({
      items: await k.order(ctx(req), req.body as z.output<typeof triggerOrderBody>),
      nextCursor: null,
    }),
  );
  app.post(
    `${k.path}/dry-run`,
    {
      schema: {
        tags,
        operationId: `dryRun${k.noun}`,
        description: k.dryRunDescription,
        body: k.dryRunBody,
        response: { 200: triggerDryRunSchema },
      },
    },
    async (req: Req) => k.dryRun(ctx(req), req.body as z.output<D>),
  );
}

function oneRuleRoutes<B extends z.ZodType, D extends z.ZodType, S extends z.ZodType>(
  app: FastifyInstance,
  ctx: Ctx,
  k: RuleKind<B, D, S>,
) {
  const tags = [k.tag];
  app.get(
    `${k.path}/:id`,
    {
      schema: {
        tags,
        operationId: `get${k.noun}`,
        params: idParams,
        querystring: emptyQuery,
        response: { 200: k.schema },
      },
    },
    async (req: Req) => k.get(ctx(req), req.params.id),
  );
  app.put(
    `${k.path}/:id`,
    {
      schema: {
        tags,
        operationId: `update${k.noun}`,
        description: `Replaces ${/^[aeiou]/.test(k.word) ? 'an' : 'a'} ${k.word}.`,
        params: idParams,
        body: k.body,
        response: { 200: k.schema },
      },
    },
    async (req: Req) => k.update(ctx(req), req.params.id, req.body as z.output<B>),
  );
  app.delete(
    `${k.path}/:id`,
    { schema: { tags, operationId: `delete${k.noun}`, params: idParams, response: { 204: noBody } } },
    async (req: Req, reply) => noContent(reply, k.remove(ctx(req), req.params.id)),
  );
}
