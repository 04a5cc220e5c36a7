import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getResponses } from '../common/routes.js';
import { startTestApp, type TestEnv } from './helpers.js';

// The web client takes each GET's response type from common/routes.ts; the server describes its
// answers in its OpenAPI. They must name the same routes and the same top-level fields.

type Schema = { type?: string; properties?: Record<string, unknown>; anyOf?: Schema[]; items?: Schema };
type OpenApi = {
  paths: Record<
    string,
    { get?: { responses?: Record<string, { content?: Record<string, { schema: Schema }> }> } }
  >;
};

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
