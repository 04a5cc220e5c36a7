import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 as O } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_PAYLOAD_TYPES } from '../common/webhooks.js';
import { loginAdmin } from './client.js';
import { listenTestApp, type TestEnv } from './helpers.js';

// The OpenAPI document is a contract good enough to generate a client from: it validates, every
// operation is named and lists its errors, and a client generated from it type-checks against
// real calls, which then answer what the types say.

const run = promisify(execFile);

/** What test/openapi/client.ts.txt exports, once compiled. */
type GeneratedClient = {
  run(
    baseUrl: string,
    token: string,
    departmentId: string,
  ): Promise<{
    ticket: { number: number };
    listed: number[];
    messageBody?: string;
    readSubject?: string;
    problemCode?: string;
    problemStatus: number;
  }>;
};
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

let env: TestEnv & { baseUrl: string };
let doc: O.Document;
beforeAll(async () => {
  env = await listenTestApp();
  doc = (await env.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as O.Document;
});
afterAll(() => env?.close());

const operations = () =>
  Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((m) => (item?.[m] ? [{ key: `${m.toUpperCase()} ${path}`, op: item[m] }] : [])),
  );

describe('the OpenAPI document', () => {
  it('validates as OpenAPI 3.1', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('describes the outgoing webhooks: one per event, signed, with the payload schema', () => {
    const hooks = doc.webhooks ?? {};
    expect(Object.keys(hooks).sort()).toEqual([...WEBHOOK_PAYLOAD_TYPES].sort());
    const created = hooks['ticket.created'] as O.PathItemObject;
    expect(created.post?.parameters?.map((p) => ('name' in p ? p.name : ''))).toContain('Tessera-Signature');
    expect(created.post?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/WebhookEvent' } } },
    });
    const schema = doc.components?.schemas?.WebhookEvent as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties).sort()).toEqual(['data', 'id', 'occurredAt', 'type']);
    // Every operation may meet an unreachable database: 503 with Retry-After.
    for (const { key, op } of operations()) expect(Object.keys(op.responses ?? {}), key).toContain('503');
  });

  it('names every operation once, in camelCase', () => {
    const ops = operations();
    const unnamed = ops.filter((o) => !o.op.operationId).map((o) => o.key);
    expect(unnamed, 'operations without an operationId').toEqual([]);
    const ids = ops.map((o) => o.op.operationId ?? '');
    expect(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      'operationIds used twice',
    ).toEqual([]);
    expect(ids.filter((id) => !/^[a-z][a-zA-Z0-9]*$/.test(id))).toEqual([]);
  });

  it('lists error answers with the shared Problem schema on every operation', () => {
    expect(doc.components?.schemas?.Problem).toMatchObject({ type: 'object' });
    for (const { key, op } of operations()) {
      const errors = Object.keys(op.responses ?? {}).filter((s) => /^[45]\d\d$/.test(s));
      expect(errors.some((s) => s.startsWith('4')) && errors.includes('500'), key).toBe(true);
      for (const s of errors) {
        const r = op.responses?.[s] as O.ReferenceObject | O.ResponseObject;
        const ref = '$ref' in r ? r.$ref : '';
        expect(ref, `${key} ${s}`).toMatch(/^#\/components\/responses\//);
      }
    }
    const bad = doc.components?.responses?.BadRequest as O.ResponseObject;
    expect(bad.content?.['application/problem+json']?.schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
  });

  it('marks public operations as needing no credentials, and the others as needing them', () => {
    const op = (path: string, m: (typeof METHODS)[number]) => doc.paths?.[path]?.[m] as O.OperationObject;
    for (const [path, m] of [
      ['/api/v1/auth/sign-up', 'post'],
      ['/api/v1/auth/password/forgot', 'post'],
      ['/webhooks/telegram', 'post'],
    ] as const) {
      expect(op(path, m).security, `${m} ${path}`).toEqual([]);
      expect(op(path, m).responses?.['401'], `${m} ${path}`).toBeUndefined();
    }
    // Public, but refused with 401 on wrong credentials or signatures.
    for (const [path, m] of [
      ['/api/v1/auth/login', 'post'],
      ['/webhooks/whatsapp', 'post'],
    ] as const) {
      expect(op(path, m).security, `${m} ${path}`).toEqual([]);
      expect(op(path, m).responses?.['401'], `${m} ${path}`).toBeDefined();
    }
    expect(op('/api/v1/tickets', 'post').security).toBeUndefined();
    expect(doc.security).toEqual([{ bearer: [] }, { cookie: [] }]);
    expect(op('/api/v1/tickets', 'post').responses?.['401']).toBeDefined();
  });

  it('uses named schemas for the records, and describes uploads, raw mail, downloads and the stream', () => {
    const schemas = doc.components?.schemas ?? {};
    for (const name of ['Ticket', 'Message', 'User', 'Organisation', 'Department', 'Attachment'])
      expect(schemas[name], name).toBeDefined();
    const created = doc.paths?.['/api/v1/tickets']?.post?.responses?.['201'] as O.ResponseObject;
    expect(created.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Ticket' });
    const body = (path: string) =>
      Object.keys((doc.paths?.[path]?.post?.requestBody as O.RequestBodyObject | undefined)?.content ?? {});
    expect(body('/api/v1/attachments')).toEqual(['multipart/form-data']);
    expect(body('/api/v1/inbound/email')).toEqual(['message/rfc822']);
    const answer = (path: string) =>
      Object.keys(
        (doc.paths?.[path]?.get?.responses?.['200'] as O.ResponseObject | undefined)?.content ?? {},
      );
    expect(answer('/api/v1/stream')).toEqual(['text/event-stream']);
    expect(answer('/api/v1/tickets/export')).toEqual(['text/csv']);
    expect(answer('/api/v1/reports/volume.csv')).toEqual(['text/csv']);
    expect(answer('/api/v1/attachments/{id}')).toEqual(['*/*']);
    const key = doc.paths?.['/api/v1/tickets']?.post?.parameters as O.ParameterObject[];
    expect(key.map((p) => `${p.in} ${p.name}`)).toContain('header Idempotency-Key');
    expect(created.headers?.['Idempotent-Replayed']).toBeDefined();
  });
});

describe('a client generated from the document', () => {
  it('type-checks against real calls, and they answer what its types say', async () => {
    const root = process.cwd();
    // Inside the project, so the client resolves openapi-fetch from its node_modules.
    mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
    const dir = mkdtempSync(join(root, 'node_modules/.cache/openapi-client-'));
    try {
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      await run(process.execPath, [
        join(root, 'test/openapi/generate.mjs'),
        join(dir, 'openapi.json'),
        join(dir, 'api.d.ts'),
      ]);
      writeFileSync(join(dir, 'client.ts'), readFileSync(join(root, 'test/openapi/client.ts.txt'), 'utf8'));
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2023',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            noEmitOnError: true,
            skipLibCheck: true,
            types: [],
            lib: ['ES2023', 'DOM'],
          },
          files: ['client.ts'],
        }),
      );
      const tsc = await run(join(root, 'node_modules/.bin/tsc'), ['-p', dir]).catch(
        (e: { stdout: string }) => ({ stdout: e.stdout, failed: true }),
      );
      expect(tsc.stdout).toBe('');

      const admin = await loginAdmin(env.app);
      const { token } = await admin.expect<{ token: string }>(201, 'POST', '/api/v1/tokens', {
        name: 'client',
      });
      const dept = await admin.expect<{ id: string }>(201, 'POST', '/api/v1/departments', {
        name: 'Generated',
      });
      const client = (await import(join(dir, 'client.js'))) as GeneratedClient;
      const out = await client.run(env.baseUrl, token, dept.id);
      expect(out.ticket).toMatchObject({ subject: 'The printer is on fire', priority: 'high' });
      expect(out.listed).toContain(out.ticket.number);
      expect(out.messageBody).toBe('It is out now.');
      expect(out.readSubject).toBe('The printer is on fire');
      expect(out.problemStatus).toBe(404);
      expect(out.problemCode).toBe('not_found');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
