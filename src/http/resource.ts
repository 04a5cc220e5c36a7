import type { FastifyRequest, FastifySchema } from 'fastify';
import type { z } from 'zod';
import { idParams, noBody, page, whole } from '../../common/api.js';
import type { ActorCtx } from '../context.js';
import { type App, actorCtx, noContent } from './types.js';

type Out<S extends z.ZodType> = z.output<S>;
/** What a list's query parses to; a list without a query schema is called without one. */
type QueryOf<Q> = Q extends z.ZodType ? Out<Q> : undefined;
/** The value of the one path parameter that names a record: `id`, a type's `key`, a ticket's `number`. */
type KeyOf<P extends z.ZodObject> = Out<P>[keyof Out<P>];

// Fastify cannot work out the types of a generic schema, so the routes here declare theirs as plain
// ones and their signatures carry the types: the schema has validated the request already, the casts
// below only give it the type it was parsed to.
const loose = (schema: FastifySchema) => schema;

type Spec<Item extends z.ZodType, Q extends z.ZodType | undefined, P extends z.ZodObject> = {
  /** The collection, e.g. `/api/v1/departments`; one record is `<path>/:<param>`. */
  path: string;
  tags: string[];
  /** What a record is answered as, by every route here. */
  item: Item;
  /** The query string of the list, if it takes one. */
  query?: Q;
  /** The path parameter naming one record (one key); `id` unless given. */
  params?: P;
  /**
   * The record's name in the operations' ids, PascalCase: `Ticket` gives createTicket, getTicket,
   * updateTicket, deleteTicket and listTickets (`plural` when adding an s is wrong).
   */
  name: string;
  plural?: string;
};

/**
 * The routes of one kind of record, each a service function called as the signed-in actor: POST on
 * the collection creates (201), GET lists, GET, PATCH and DELETE on one record read, change and
 * delete it (204). They register in the order they are called, which is the order the OpenAPI
 * document lists them in.
 */
export function resource<
  Item extends z.ZodType,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodObject = typeof idParams,
>(app: App, spec: Spec<Item, Q, P>) {
  const { path, tags, item, query, name } = spec;
  const plural = spec.plural ?? `${name}s`;
  const params = spec.params ?? idParams;
  const names = Object.keys(params.shape);
  if (names.length !== 1) throw new Error(`${path}: the record's path parameters must be one, not ${names}`);
  const one = `${path}/:${names[0]}`;
  const keyOf = (req: FastifyRequest) => (req.params as Record<string, KeyOf<P>>)[names[0]!]!;
  const queryOf = (req: FastifyRequest) => req.query as QueryOf<Q>;
  const withQuery = query ? { querystring: query } : {};

  const routes = {
    /** `req` for what the request itself says, such as the channel it came by. */
    create<B extends z.ZodType>(
      body: B,
      run: (c: ActorCtx, body: Out<B>, req: FastifyRequest) => Promise<Out<Item>>,
    ) {
      app.post(
        path,
        { schema: loose({ operationId: `create${name}`, tags, body, response: { 201: item } }) },
        async (req, reply) => reply.code(201).send(await run(actorCtx(app, req), req.body as Out<B>, req)),
      );
      return routes;
    },
    /** The whole list, answered in one page. */
    list(run: (c: ActorCtx, query: QueryOf<Q>) => Promise<Out<Item>[]>) {
      app.get(
        path,
        {
          schema: loose({ operationId: `list${plural}`, tags, ...withQuery, response: { 200: whole(item) } }),
        },
        async (req) => ({
          items: await run(actorCtx(app, req), queryOf(req)),
          nextCursor: null,
        }),
      );
      return routes;
    },
    /** A list a page at a time, by the service's cursor. */
    page(
      run: (c: ActorCtx, query: QueryOf<Q>) => Promise<{ items: Out<Item>[]; nextCursor: string | null }>,
    ) {
      app.get(
        path,
        {
          schema: loose({ operationId: `list${plural}`, tags, ...withQuery, response: { 200: page(item) } }),
        },
        async (req) => run(actorCtx(app, req), queryOf(req)),
      );
      return routes;
    },
    get(run: (c: ActorCtx, key: KeyOf<P>) => Promise<Out<Item>>) {
      app.get(
        one,
        { schema: loose({ operationId: `get${name}`, tags, params, response: { 200: item } }) },
        async (req) => run(actorCtx(app, req), keyOf(req)),
      );
      return routes;
    },
    update<B extends z.ZodType>(
      body: B,
      run: (c: ActorCtx, key: KeyOf<P>, body: Out<B>) => Promise<Out<Item>>,
    ) {
      app.patch(
        one,
        { schema: loose({ operationId: `update${name}`, tags, params, body, response: { 200: item } }) },
        async (req) => run(actorCtx(app, req), keyOf(req), req.body as Out<B>),
      );
      return routes;
    },
    remove(run: (c: ActorCtx, key: KeyOf<P>) => Promise<unknown>) {
      app.delete(
        one,
        { schema: loose({ operationId: `delete${name}`, tags, params, response: { 204: noBody } }) },
        async (req, reply) => noContent(reply, run(actorCtx(app, req), keyOf(req))),
      );
      return routes;
    },
  };
  return routes;
}

/**
 * One document at one path, read with GET and replaced with PUT as the signed-in actor: a setting,
 * a person's preferences. The PUT takes `body`, or the document itself when none is given.
 */
export function setting<S extends z.ZodType, B extends z.ZodType = S>(
  app: App,
  spec: {
    path: string;
    tags: string[];
    /** The document's name in the operations' ids, PascalCase: `get<name>` and `update<name>`. */
    name: string;
    schema: S;
    body?: B;
    get: (c: ActorCtx) => Promise<Out<S>>;
    put: (c: ActorCtx, body: Out<B>) => Promise<Out<S>>;
  },
) {
  const { path, tags, schema, name } = spec;
  const body = spec.body ?? schema;
  app.get(
    path,
    { schema: loose({ operationId: `get${name}`, tags, response: { 200: schema } }) },
    async (req) => spec.get(actorCtx(app, req)),
  );
  app.put(
    path,
    { schema: loose({ operationId: `update${name}`, tags, body, response: { 200: schema } }) },
    async (req) => spec.put(actorCtx(app, req), req.body as Out<B>),
  );
}
