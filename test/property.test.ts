import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Client, makeWorld } from './client.js';
import { BOUNDARY, badBody, badUpload, notAnObject, notJson, unwantedBody } from './fuzz/bodies.js';
import { type Case, createOracle, example, JSON_TYPE, mkCase } from './fuzz/oracle.js';
import { badParam, cursorOf, queryCase } from './fuzz/requests.js';
import {
  type BodySpec,
  type Method,
  type Route,
  realParam,
  routesFromOpenApi,
  type Targets,
  undocumentedRoute,
  type Who,
} from './fuzz/spec.js';
import { deepValue, hugeString, j } from './fuzz/values.js';
import { freshActors, seedWorld } from './fuzz/world.js';
import { startTestApp, type TestEnv } from './helpers.js';

/*
 * Property-based fuzzing of the whole route table, generated from the app's own OpenAPI document:
 * for every route, requests that are certainly invalid (malformed bodies, query strings and path
 * parameters) get a 4xx problem+json answer, never a 5xx, and leave every table of the database
 * and every stored file exactly as they were.
 *
 * Each generated request is a valid request to a real resource with one part certainly wrong, so
 * only the validation under test stands between it and a 2xx that changes data. A few generators
 * produce input that is odd but not certainly wrong (forged well-shaped cursors, filter values
 * that match nothing, stray query parameters on routes that take none): those may answer 2xx,
 * but never 5xx and never change anything. Routes the document leaves out (pages, health, set-up)
 * get only what no route takes.
 */

const RUNS = { bodies: 200, bodyless: 100, queries: 200, params: 200, customer: 200 };
const TIMEOUT = 180_000;
const _instant = '2024-01-01T00:00:00Z';

/** Registered routes that are not fuzzed, and why. HEAD routes mirror their GET route. */
const NOT_FUZZED: { match: (route: string) => boolean; why: string }[] = [
  { match: (r) => r.startsWith('GET /api/docs'), why: '@fastify/swagger-ui: the API browser’s static files' },
  { match: (r) => r === 'GET /*', why: 'the web app’s files and client-side routes (when it is built)' },
  {
    match: (r) => r === 'GET /api/v1/stream',
    why: 'a never-ending event stream; test/live.test.ts covers it over real HTTP',
  },
];
const exempt = (r: string) => NOT_FUZZED.some((n) => n.match(r.replace(/^HEAD /, 'GET ')));
type OpenApi = Parameters<typeof routesFromOpenApi>[0];
const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/**
 * Every (method, path) the app has registered, read from `printRoutes` one method at a time
 * (Fastify offers no other list once the app is ready; a tree of all methods merges parameters
 * of different names, `/:id|:externalId`). Indentation is four columns a level and a node's path
 * is its ancestors' segments concatenated.
 */
function registeredRoutes(app: TestEnv['app']): Set<string> {
  const routes = new Set<string>();
  for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const) {
    const stack: string[] = [];
    for (const line of app.printRoutes({ method, commonPrefix: false }).split('\n')) {
      const m = /^((?:│ {3}| {4})*)(?:└── |├── )(.*?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
      if (!m) continue;
      stack.length = (m[1] ?? '').length / 4;
      stack.push(m[2] ?? '');
      if (m[3]?.split(', ').includes(method)) routes.add(`${method} ${stack.join('')}`);
    }
  }
  return routes;
}

let env: TestEnv;
let oracle: ReturnType<typeof createOracle>;
let world: Awaited<ReturnType<typeof makeWorld>>;
/** Every route the app has, each with what its OpenAPI operation says it takes. */
let ROUTES: Route[] = [];
const actors = {} as Record<Who, { client: Client; targets: Targets }>;

let fixed: Awaited<ReturnType<typeof seedWorld>>;

beforeAll(async () => {
  env = await startTestApp();
  world = await makeWorld(env.app);
  fixed = await seedWorld(env, world);
  oracle = createOracle(env);
  const documented = routesFromOpenApi(env.app.swagger() as OpenApi);
  const known = new Set(documented.map(routeKey));
  const undocumented = [...registeredRoutes(env.app)]
    .filter((r) => !r.startsWith('HEAD ') && !exempt(r) && !known.has(r))
    .map((r) => undocumentedRoute(...(r.split(' ') as [Method, string])));
  ROUTES = [...documented, ...undocumented];
}, 120_000);
afterAll(() => env?.close());

beforeEach(async () => {
  oracle.forget();
  Object.assign(actors, await freshActors(env, world, oracle, fixed));
});

// ---- whole requests ----

function pathFor(r: Route, t: Targets, param?: string): string {
  if (!r.param) return r.path;
  return r.path.replace(`:${r.param.name}`, param ?? encodeURIComponent(realParam(r.path, t)));
}

const routesFor = (_who: Who) => ROUTES;
const shapes = (r: Route): BodySpec[] =>
  Array.isArray(r.body) ? r.body : typeof r.body === 'object' ? [r.body] : [];

function bodyCases(who: Who): fc.Arbitrary<Case> {
  const t = actors[who].targets;
  const pairs = routesFor(who).flatMap((r) => shapes(r).map((spec) => [r, spec] as const));
  return fc.constantFrom(...pairs).chain(([r, spec]) =>
    badBody(spec, t, shapes(r)).map((b) =>
      mkCase({
        who,
        method: r.method,
        url: pathFor(r, t),
        headers: { 'content-type': b.contentType },
        body: b.text,
        mustReject: true,
        what: `${routeKey(r)}: ${b.what}`,
      }),
    ),
  );
}

/** Bodies no route takes: not JSON, no object, nested too deep, too big (all as application/json). */
const noRouteTakes = fc.oneof(
  notJson('{"fuzz":1}').map((text) => ({
    text,
    contentType: 'application/json',
    what: 'the body is not JSON',
  })),
  notAnObject('{"fuzz":1}').map((text) => ({
    text,
    contentType: 'application/json',
    what: 'the body is no object',
  })),
  deepValue.map((d) => ({ text: d.text, contentType: 'application/json', what: `a body ${d.what}` })),
  hugeString
    .filter((h) => h.text.length > 1_100_000)
    .map((h) => ({ text: h.text, contentType: 'application/json', what: `a body of a ${h.what}` })),
);

/** Bodies for the routes that take no JSON: none at all, raw mail, an upload, or one left out. */
function otherBodyCases(who: Who): fc.Arbitrary<Case> {
  const t = actors[who].targets;
  const routes = routesFor(who).filter((r) => typeof r.body === 'string');
  const note = {
    none: 'takes no body',
    raw: 'refuses this caller',
    upload: 'takes one file',
    opaque: 'takes no such body',
  } as const;
  return fc.constantFrom(...routes).chain((r) =>
    (r.body === 'upload' ? badUpload : r.body === 'opaque' ? noRouteTakes : unwantedBody).map((b) =>
      mkCase({
        who,
        method: r.method,
        url: pathFor(r, t),
        headers: { 'content-type': b.contentType },
        body: b.text,
        mustReject: true,
        what: `${routeKey(r)} ${note[r.body as keyof typeof note]}: ${b.what}`,
      }),
    ),
  );
}

function queryCases(who: Who): fc.Arbitrary<Case> {
  const t = actors[who].targets;
  const routes = routesFor(who).filter((r) => r.method === 'GET' || r.body === 'raw');
  // Mostly the routes that take a query string; the others only see stray parameters.
  const route = fc.oneof(...routes.map((r) => ({ arbitrary: fc.constant(r), weight: r.query ? 6 : 1 })));
  return route.chain((r) =>
    queryCase(r.query, t).map((q) =>
      mkCase({
        who,
        method: r.method,
        url: `${pathFor(r, t)}?${q.raw}`,
        headers: {},
        mustReject: q.mustReject || r.body === 'raw',
        page: r.page,
        what: `${routeKey(r)}: ${q.what}`,
      }),
    ),
  );
}

function paramCases(who: Who): fc.Arbitrary<Case> {
  const t = actors[who].targets;
  const routes = routesFor(who).filter((r) => r.param !== undefined);
  return fc.constantFrom(...routes).chain((r) =>
    badParam(r.param?.kind ?? 'id', t).map((p) => {
      const spec = shapes(r)[0];
      const body = spec ? j(spec.valid(t)) : undefined;
      return mkCase({
        who,
        method: r.method,
        url: pathFor(r, t, p.raw),
        headers: body === undefined ? {} : JSON_TYPE,
        body,
        mustReject: true,
        page: r.page,
        what: `${routeKey(r)}: ${p.what}`,
      });
    }),
  );
}

/** Runs `arb` through the oracle; `examples` are known regressions that always run first. */
async function fuzz(arb: fc.Arbitrary<Case>, numRuns: number, examples: Case[] = []) {
  await fc.assert(
    fc.asyncProperty(arb, (c) => oracle.check(c, actors[c.who].client)),
    { numRuns, examples: examples.map((e) => [e] as [Case]) },
  );
}

describe('fuzzing the route table with malformed requests', () => {
  it('fuzzes every registered route: each documented operation, and the few the document leaves out', () => {
    const registered = registeredRoutes(env.app);
    // The parse of printRoutes is checked against the router itself and the OpenAPI document.
    for (const route of [...registered].filter((r) => !exempt(r))) {
      const [method, url] = route.split(' ') as [Method, string];
      expect(env.app.hasRoute({ method, url }), route).toBe(true);
    }
    const fuzzed = new Set(ROUTES.map(routeKey));
    const fuzzedByDoc = new Set(routesFromOpenApi(env.app.swagger() as OpenApi).map(routeKey));
    expect(fuzzedByDoc.size, 'documented operations').toBeGreaterThan(80);
    expect(
      [...fuzzed].filter((r) => !registered.has(r)),
      'documented but not registered',
    ).toEqual([]);
    const missing = [...registered].filter((r) => !r.startsWith('HEAD ') && !fuzzed.has(r) && !exempt(r));
    expect(missing, 'registered routes no property reaches').toEqual([]);
    expect(fuzzed.size, 'duplicate entries').toBe(ROUTES.length);
    // The document leaves out only pages and plumbing; an API route among them has lost its schema.
    const undocumented = ROUTES.filter((r) => r.body === 'opaque' || r.page || !fuzzedByDoc.has(routeKey(r)));
    expect(
      undocumented.map(routeKey).filter((r) => r.includes('/api/v1/') && !/\/(setup|openapi\.json)$/.test(r)),
    ).toEqual([]);
    const headWithoutGet = [...registered].filter(
      (r) => r.startsWith('HEAD ') && !registered.has(r.replace(/^HEAD /, 'GET ')),
    );
    expect(headWithoutGet).toEqual([]);
  });

  // Each property first replays the requests that found server bugs (`examples`), then explores.
  // On failure fast-check prints the request, the response and the seed to replay it with.

  it(
    'as admin, malformed bodies get a 4xx problem and change nothing',
    async () => {
      const t = actors.admin.targets;
      await fuzz(bodyCases('admin'), RUNS.bodies, [
        // PostgreSQL refuses NUL in text: these answered 500 instead of 400.
        example(
          'assigneeId names nothing',
          'PATCH',
          `/api/v1/tickets/${t.ticketNumber}`,
          j({ assigneeId: 'a\u0000b' }),
        ),
        example(
          'departmentId names nothing',
          'POST',
          '/api/v1/tickets',
          j({ subject: 'Fuzz', description: 'Fuzz', departmentId: '\u0000' }),
        ),
        // trim() runs before max(254): 200 KB of spaces became '' and was recorded as a failed sign-in.
        example(
          'email is 200 000 spaces',
          'POST',
          '/api/v1/auth/login',
          j({ email: ' '.repeat(200_000), password: 'x' }),
        ),
      ]);
    },
    TIMEOUT,
  );

  it(
    'as admin, a body a route does not take (any body, or no file to upload) is refused and changes nothing',
    async () => {
      const t = actors.admin.targets;
      await fuzz(otherBodyCases('admin'), RUNS.bodyless, [
        // The body was ignored and the ticket deleted.
        example('a JSON body', 'DELETE', `/api/v1/tickets/${t.ticketNumber}`, '{"fuzz":1}'),
        // The multipart parser's errors answered 500.
        mkCase({
          ...example('a broken multipart body', 'POST', '/api/v1/attachments', ''),
          headers: { 'content-type': 'multipart/form-data' },
        }),
        mkCase({
          ...example('a broken multipart body', 'POST', '/api/v1/attachments', 'x'),
          headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        }),
      ]);
    },
    TIMEOUT,
  );

  it(
    'as admin, malformed query strings get a 4xx problem and change nothing',
    async () => {
      const t = actors.admin.targets;
      const odd = { mustReject: false };
      await fuzz(queryCases('admin'), RUNS.queries, [
        // PostgreSQL: a fraction compared with a bigint, and NUL in text, answered 500.
        example(
          'forged cursor',
          'GET',
          `/api/v1/tickets?sort=number&cursor=${cursorOf([1, 1.5])}`,
          undefined,
          odd,
        ),
        example(
          'odd status',
          'GET',
          `/api/v1/tickets?status=${encodeURIComponent('a\u0000b')}`,
          undefined,
          odd,
        ),
        // An unknown parameter, but the catchall's __proto__ key never reached the check.
        example('unknown parameter "__proto__"', 'GET', '/api/v1/tickets?__proto__=x'),
        example(
          'odd cursor',
          'GET',
          `/api/v1/tickets/${t.ticketNumber}/messages?cursor=${cursorOf(['\u0000', 0])}`,
          undefined,
          odd,
        ),
      ]);
    },
    TIMEOUT,
  );

  it(
    'as admin, malformed path parameters get a 4xx problem and change nothing',
    async () => {
      await fuzz(paramCases('admin'), RUNS.params, [
        // Router errors left as Fastify's own application/json, not problem+json.
        example('malformed percent-encoding', 'GET', '/api/v1/tickets/%'),
        example('a 201-character parameter', 'GET', `/api/v1/tickets/${'7'.repeat(201)}`),
        // PostgreSQL: NUL in an id answered 500.
        example('the id "a\\u0000b"', 'GET', `/api/v1/users/${encodeURIComponent('a\u0000b')}`),
      ]);
    },
    TIMEOUT,
  );

  it(
    'as a customer, malformed bodies, query strings and path parameters get a 4xx problem and change nothing',
    async () => {
      const t = actors.customer.targets;
      const who = 'customer';
      const arbs = [bodyCases(who), otherBodyCases(who), queryCases(who), paramCases(who)];
      await fuzz(fc.oneof(...arbs), RUNS.customer, [
        example('a JSON body', 'POST', '/api/v1/auth/logout', '{"fuzz":1}', { who }),
        example('a JSON body', 'DELETE', `/api/v1/tokens/${t.tokenId}`, '[]', { who }),
        example('odd cursor', 'GET', `/api/v1/organisations?cursor=${cursorOf(['\u0000', 'x'])}`, undefined, {
          who,
          mustReject: false,
        }),
      ]);
    },
    TIMEOUT,
  );
});
