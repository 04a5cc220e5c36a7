import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenAPIV3_1 as O } from 'openapi-types';
import { z } from 'zod';
import { WEBHOOK_EVENTS, WEBHOOK_PAYLOAD_TYPES, webhookPayloadSchema } from '../../common/webhooks.js';
import { ROUTE_POLICIES } from '../policies/routes.js';
import { IDEMPOTENT_OPERATIONS } from './idempotency.js';
import { type App, pascalCase } from './types.js';

// The OpenAPI document: each route describes what it takes and answers; what every operation
// shares (its error answers, how it is authenticated) is added here, in one place, so a new
// route gets it without saying so.

/** The error answers operations list, each a problem+json body (components.responses). */
const ERRORS = {
  400: ['BadRequest', 'The request is malformed or a field is invalid (`validation`); nothing was changed.'],
  401: ['Unauthenticated', 'Not signed in: send the session cookie or a bearer token (`unauthenticated`).'],
  403: ['Forbidden', 'Signed in but not allowed to do this (`forbidden` and its kinds).'],
  404: ['NotFound', 'No such record, or one the caller may not see (`not_found`).'],
  409: ['Conflict', 'The change conflicts with the current state (`conflict`, `invalid_transition`).'],
  413: ['PayloadTooLarge', 'The body is larger than the server takes (`payload_too_large`).'],
  415: ['UnsupportedMediaType', 'The body is not of a type this operation takes (`unsupported_media_type`).'],
  422: ['Unprocessable', 'The Idempotency-Key was used before with a different request (`unprocessable`).'],
  429: [
    'RateLimited',
    'Too many requests; retry after the number of seconds in Retry-After (`rate_limited`).',
  ],
  500: ['InternalError', 'Something went wrong on the server (`internal`); nothing about it is disclosed.'],
  503: [
    'Unavailable',
    'The database cannot be reached for the moment (`unavailable`); nothing was changed: retry after Retry-After.',
  ],
} as const;
type Status = keyof typeof ERRORS;

/** Reads anyone may make (the writes anyone may make are the public ones of ROUTE_POLICIES). */
const PUBLIC_READS = [
  'GET /api/v1/setup',
  'GET /api/v1/auth/options',
  'GET /api/v1/auth/links/invite',
  'GET /api/v1/auth/links/reset',
  'GET /auth/sso/staff/start',
  'GET /auth/sso/staff/callback',
  'GET /auth/sso/customers/start',
  'GET /auth/sso/customers/callback',
  'GET /webhooks/whatsapp',
  'GET /api/v1/help/categories',
  'GET /api/v1/help/articles/:slug',
  'GET /api/v1/help/search',
];

/** What public operations refuse besides bad input: wrong credentials, a signature, a setting. */
const PUBLIC_REFUSALS: Record<string, Status[]> = {
  'POST /api/v1/auth/login': [401, 403],
  'POST /api/v1/auth/login/second-factor': [401],
  'GET /webhooks/whatsapp': [403, 404],
  'POST /webhooks/whatsapp': [401, 404],
  'POST /webhooks/telegram': [403, 404],
};

const binary = { type: 'string', contentMediaType: 'application/octet-stream' } as const;

/** Bodies and answers the route schemas cannot state: uploads, raw mail, files, the event stream. */
const CONTENT: Record<string, Partial<Pick<O.OperationObject, 'requestBody'>> & { ok?: O.ResponseObject }> = {
  uploadAttachment: {
    requestBody: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: { type: 'object', required: ['file'], properties: { file: binary } },
        },
      },
    },
  },
  postInboundEmail: {
    requestBody: { required: true, content: { 'message/rfc822': { schema: binary } } },
  },
  downloadAttachment: {
    ok: { description: 'The file, with its content type and name', content: { '*/*': { schema: binary } } },
  },
  getInboundRaw: {
    ok: { description: 'The message as received', content: { 'message/rfc822': { schema: binary } } },
  },
  streamEvents: {
    ok: {
      description: 'Server-sent events: one `event:` and `data:` (JSON) per change the caller may see',
      content: { 'text/event-stream': { schema: { type: 'string' } } },
    },
  },
};

/** The OpenAPI document built from the routes' schemas, and the pages that show it. */
export async function registerApiDocs(app: App) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tessera API', version: '1', description: 'The Tessera helpdesk HTTP API.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'tessera_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (doc) => completeDocument(jsonSchemaTransformObject(doc) as O.Document),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Adds what every operation shares to the document the routes made. */
function completeDocument(doc: O.Document): O.Document {
  const responses = Object.fromEntries(
    Object.values(ERRORS).map(([name, description]) => [name, problemResponse(description)]),
  );
  for (const status of [429, 503] as const)
    responses[ERRORS[status][0]] = {
      ...problemResponse(ERRORS[status][1]),
      headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } },
    };
  const schemas: Record<string, unknown> = {
    ...doc.components?.schemas,
    WebhookEvent: z.toJSONSchema(webhookPayloadSchema, { target: 'draft-2020-12' }),
  };
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const method of METHODS) {
      const op = item?.[method];
      if (op) completeOperation(op, `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    }
  dropUnusedInputs(schemas, JSON.stringify(doc.paths));
  return {
    ...doc,
    webhooks: outgoingWebhooks(),
    components: { ...doc.components, schemas: schemas as O.ComponentsObject['schemas'], responses },
  };
}

/**
 * What Tessera sends to the endpoints admins add (README, "Outgoing webhooks"): one POST per
 * event, signed, the same WebhookEvent body for every type.
 */
function outgoingWebhooks(): Record<string, O.PathItemObject> {
  const header = (description: string): O.ParameterObject => ({
    in: 'header',
    name: '',
    required: true,
    description,
    schema: { type: 'string' },
  });
  return Object.fromEntries(
    WEBHOOK_PAYLOAD_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `webhook${pascalCase(type.replace(/[._]/g, ' '))}`,
          summary: type === 'ping' ? 'Sent by "Send test"' : WEBHOOK_EVENTS[type],
          security: [],
          parameters: [
            {
              ...header(
                'HMAC-SHA256 of "<t>.<body>" with the endpoint secret, as `t=<unix seconds>,v1=<hex>`; refuse it when t is more than 300 s away (generic endpoints only)',
              ),
              name: 'Tessera-Signature',
            },
            { ...header('The event type'), name: 'Tessera-Event' },
            {
              ...header('The delivery id, the same on every retry and redelivery: drop repeats'),
              name: 'Tessera-Delivery',
            },
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/WebhookEvent' } } },
          },
          responses: {
            '2XX': { description: 'Received; any other answer (or none within 10 s) is retried' },
          },
        },
      },
    ]),
  );
}

function completeOperation(op: O.OperationObject, key: string) {
  const method = key.slice(0, key.indexOf(' '));
  const open = isPublic(key);
  if (open) op.security = [];
  const extra = CONTENT[op.operationId ?? ''];
  if (extra?.requestBody) op.requestBody = extra.requestBody;
  if (extra?.ok) op.responses = { ...op.responses, 200: extra.ok };
  const idempotent = (IDEMPOTENT_OPERATIONS as readonly string[]).includes(op.operationId ?? '');
  if (idempotent) {
    op.parameters = [...(op.parameters ?? []), IDEMPOTENCY_KEY];
    const created = op.responses?.['201'] as O.ResponseObject | undefined;
    if (created) created.headers = { 'Idempotent-Replayed': REPLAYED };
  }
  const writes = method !== 'GET';
  const statuses: Status[] = [400, 429, 500, 503];
  statuses.push(...(open ? (PUBLIC_REFUSALS[key] ?? []) : ([401, 403] as const)));
  if (key.includes('/:')) statuses.push(404);
  if (writes) statuses.push(409);
  if (writes && (op.requestBody || method === 'POST')) statuses.push(413, 415);
  if (idempotent) statuses.push(422);
  const responses: O.ResponsesObject = { ...op.responses };
  for (const status of [...new Set(statuses)].sort())
    responses[status] ??= { $ref: `#/components/responses/${ERRORS[status][0]}` };
  op.responses = responses;
}

const isPublic = (key: string) => {
  const policy = ROUTE_POLICIES[key];
  return PUBLIC_READS.includes(key) || (typeof policy === 'object' && 'public' in policy);
};

const IDEMPOTENCY_KEY: O.ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Up to 255 printable characters, unique per creation: a retry with the same key and request gets the first answer again (with `Idempotent-Replayed: true`) and creates nothing; kept 24 hours.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

const REPLAYED: O.HeaderObject = {
  description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key',
  schema: { type: 'string', enum: ['true'] },
};

const problemResponse = (description: string): O.ResponseObject => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** Every named schema makes an input twin too; only those a request uses stay. */
function dropUnusedInputs(schemas: Record<string, unknown>, used: string) {
  const all = JSON.stringify(schemas);
  for (const name of Object.keys(schemas)) {
    const ref = `"#/components/schemas/${name}"`;
    if (name.endsWith('Input') && !used.includes(ref) && !all.includes(ref)) delete schemas[name];
  }
}
