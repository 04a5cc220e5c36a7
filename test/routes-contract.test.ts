import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getResponses, sendRoutes } from '../common/routes.js';
import { startTestApp, type TestEnv } from './helpers.js';

// The web client takes each GET's response type from common/routes.ts; the server describes its
// answers in its OpenAPI. They must name the same routes and the same top-level fields.

type Schema = { type?: string; properties?: Record<string, unknown>; anyOf?: Schema[]; items?: Schema };
type Operation = {
  requestBody?: { content?: Record<string, { schema: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema: Schema }> }>;
};
type OpenApi = { paths: Record<string, Record<string, Operation | undefined>> };

let env: TestEnv;
let doc: OpenApi;
beforeAll(async () => {
  env = await startTestApp();
  doc = (await env.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as OpenApi;
});
afterAll(() => env?.close());

/** The top-level field names of an object schema, or of every branch of a union. */
const fields = (s: Schema): string[][] =>
  s.anyOf ? s.anyOf.flatMap(fields) : [Object.keys(s.properties ?? {}).sort()];

describe('the GET routes of common/routes.ts', () => {
  it.each(Object.keys(getResponses))('%s answers the shape the server documents', (route) => {
    const path = `/api/v1${route.replace(/:(\w+)/g, '{$1}')}`;
    const served = doc.paths[path]?.get?.responses?.['200']?.content?.['application/json']?.schema;
    expect(served, `${path} is not a documented GET`).toBeDefined();
    const declared = z.toJSONSchema(getResponses[route as keyof typeof getResponses], {
      io: 'output',
      unrepresentable: 'any',
    }) as Schema;
    expect(fields(declared).sort()).toEqual(fields(served as Schema).sort());
  });
});

const openApiPath = (route: string) => `/api/v1${route.replace(/:(\w+)/g, '{$1}')}`;
const json = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Schema;

describe('the POST, PUT, PATCH and DELETE routes of common/routes.ts', () => {
  it.each(Object.keys(sendRoutes))('%s takes and answers what the server documents', (key) => {
    const [method, route] = key.split(' ') as [string, string];
    const declared = sendRoutes[key as keyof typeof sendRoutes];
    const op = doc.paths[openApiPath(route)]?.[method.toLowerCase()];
    expect(op, `${key} is not a documented route`).toBeDefined();

    const success = Object.keys(op?.responses ?? {}).find((code) => code.startsWith('2'));
    const answer = op?.responses?.[success ?? '']?.content?.['application/json']?.schema;
    if (declared.response.type === 'null') {
      expect(success).toBe('204');
    } else {
      expect(answer, `${key} documents no JSON answer`).toBeDefined();
      expect(fields(json(declared.response, 'output')).sort()).toEqual(fields(answer as Schema).sort());
    }

    const body = op?.requestBody?.content?.['application/json']?.schema;
    if ('body' in declared) {
      expect(body, `${key} documents no body`).toBeDefined();
      expect(fields(json(declared.body, 'input')).sort()).toEqual(fields(body as Schema).sort());
    } else {
      expect(body, `${key} takes a body the map does not declare`).toBeUndefined();
    }
  });

  it('covers every documented mutation of /api/v1 the web app can call', () => {
    // Machine-to-machine routes (webhooks, inbound mail, uploads, billing) are not called by the web app
    // with a JSON body it types.
    const elsewhere = new Set(['POST /inbound/email', 'POST /attachments', 'PUT /subscriptions/:externalId']);
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${path.slice('/api/v1'.length).replace(/\{(\w+)\}/g, ':$1')}`),
      )
      .filter((key) => !elsewhere.has(key));
    expect(documented.sort()).toEqual(Object.keys(sendRoutes).sort());
  });
});
