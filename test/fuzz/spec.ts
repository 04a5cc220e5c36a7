// What each route takes, read from the app's own OpenAPI document: the path parameter, the query
// parameters and the JSON body's schema become the fields the generators break one at a time.

/** A tag the world's first ticket carries: what routes about one tag are tried on. */
export const FUZZ_TAG = 'vip';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Who = 'admin' | 'customer';
type Schema = Record<string, unknown>;

/** Where an id field or parameter points, so that a generated unknown id certainly names nothing. */
export type Field =
  | { kind: 'string'; max: number; required?: true; nullable?: true; ref?: true }
  | { kind: 'enum'; values: readonly string[]; required?: true }
  /** A key (workflow status, ticket type, field): a string not in lower-case snake case is none. */
  | { kind: 'key'; required?: true }
  | { kind: 'boolean'; required?: true }
  | { kind: 'int'; min: number; max: number; required?: true; nullable?: true; ref?: true }
  | { kind: 'number'; required?: true; nullable?: true }
  /** An ISO 8601 date and time with an offset. */
  | { kind: 'datetime'; required?: true; nullable?: true }
  /** An array of objects. */
  | { kind: 'list'; min: number; required?: true }
  /** An array of ids or keys, each 1 to 64 characters. */
  | { kind: 'ids'; max: number; ref?: true; required?: true }
  /** A record of strings, numbers, booleans and nulls. */
  | { kind: 'record'; required?: true }
  /** An object of optional booleans under these keys. */
  | { kind: 'flags'; keys: readonly string[]; required?: true }
  /** Any other object. */
  | { kind: 'object'; required?: true; nullable?: true };

export type BodySpec = {
  fields: Record<string, Field>;
  /** Unknown fields are refused (additionalProperties: false). */
  strict: boolean;
  /** A body this route accepts, for the real resources in `t`. */
  valid: (t: Targets) => Record<string, unknown>;
};

export type QField =
  | { kind: 'int'; min: number; max: number }
  /** A cursor: base64url JSON of a few scalars. */
  | { kind: 'cursor' }
  /** An id (the parameter's name ends in Id): `emptyOk` when '' is a valid value. */
  | { kind: 'id'; name: string; emptyOk?: true }
  | { kind: 'text'; min: number; max: number }
  | { kind: 'enum'; values: readonly string[] }
  /** An ISO 8601 date and time. */
  | { kind: 'datetime' };
export type QuerySpec = { fields: Record<string, QField>; loose: boolean };

/** 'ticket': a ticket number; 'upsert': a PUT's key, where any value in range is valid. */
export type ParamKind = 'ticket' | 'upsert' | 'id';

export type Route = {
  method: Method;
  path: string;
  param?: { name: string; kind: ParamKind; max?: number };
  query?: QuerySpec;
  /**
   * The shape of the body, or the shapes of a union; 'none': an unsafe route that takes no body;
   * 'raw': a caller these tests cannot be (a bearer token, a webhook's signature), so every request
   * is refused; 'upload': multipart/form-data with one file in "file"; 'opaque': a route the
   * document leaves out, sent only bodies that no route takes.
   */
  body?: BodySpec | BodySpec[] | 'none' | 'raw' | 'upload' | 'opaque';
  /** An HTML page: its errors are HTML pages too, not problem+json. */
  page?: true;
};

/** Real resources for the valid parts of each request. */
export type Targets = {
  ticketNumber: number;
  organisationId: string;
  departmentId: string;
  userId: string;
  tokenId: string;
  /** The caller's own session (the hash of its cookie). */
  sessionId: string;
  serviceId: string;
  planId: string;
  subscriptionId: string;
  externalId: string;
  outboxId: string;
  inboundId: string;
  attachmentId: string;
  ticketTypeKey: string;
  fieldKey: string;
  cannedId: string;
  viewId: string;
  otherTicketNumber: number;
  surveyToken: string;
  /** The workflow document as GET /api/v1/workflow gives it to staff. */
  workflow: Record<string, unknown>;
  /** Every id and name in the database, so generated "unknown" ids are certainly unknown. */
  knownIds: Set<string>;
  ticketNumbers: Set<number>;
};

/** The resource a path parameter names, by the collection it follows. */
export function realParam(path: string, t: Targets): string {
  const collection = /\/([a-z-]+)\/:\w+/.exec(path)?.[1] ?? '';
  const byCollection: Record<string, string> = {
    tickets: String(t.ticketNumber),
    tokens: t.tokenId,
    sessions: t.sessionId,
    organisations: t.organisationId,
    departments: t.departmentId,
    users: t.userId,
    customers: t.userId,
    services: t.serviceId,
    plans: t.planId,
    subscriptions: path.includes(':externalId') ? t.externalId : t.subscriptionId,
    outbox: t.outboxId,
    inbound: t.inboundId,
    attachments: t.attachmentId,
    'ticket-types': t.ticketTypeKey,
    fields: t.fieldKey,
    'canned-responses': t.cannedId,
    survey: t.surveyToken,
    tags: FUZZ_TAG,
    views: t.viewId,
    // The built-in calendar always exists (and refuses changes).
    calendars: '24x7',
    // Service-level policies: the fuzzer probes one that does not exist.
    policies: 'no-such-sla-policy',
    // Triggers: the fuzzer probes one that does not exist.
    triggers: 'no-such-trigger',
    // Automations: the fuzzer probes one that does not exist.
    automations: 'no-such-automation',
    // A bulk job is only seen by whoever started it: the fuzzer probes one that does not exist.
    bulk: 'no-such-bulk-job',
    // Notifications are only seen by their recipient: the fuzzer probes one that does not exist.
    notifications: 'no-such-notification',
    // Webhooks are made by tests that need one: the fuzzer probes one that does not exist.
    webhooks: 'no-such-webhook',
    // Import runs are made by tests that import: the fuzzer probes one that does not exist.
    imports: 'no-such-import',
    // Knowledge-base categories and articles: the fuzzer probes ones that do not exist.
    categories: 'no-such-kb-category',
    articles: 'no-such-kb-article',
    // Translations by kind, and the product strings' overrides by language.
    translations: 'status',
    overrides: 'de',
  };
  const real = byCollection[collection];
  if (real === undefined) throw new Error(`no resource for the parameter of ${path}`);
  return real;
}

/** A value for an id field, by its name: the real resource of that kind. */
function realId(name: string, t: Targets): string | undefined {
  const ids: Record<string, string> = {
    departmentId: t.departmentId,
    organisationId: t.organisationId,
    serviceId: t.serviceId,
    planId: t.planId,
    requesterId: t.userId,
    customerId: t.userId,
    assigneeId: t.userId,
  };
  return ids[name];
}

const KEY_PATTERN = '^[a-z][a-z0-9_]{0,63}$';
const props = (s: Schema) => (s.properties ?? {}) as Record<string, Schema>;
const isForbidden = (s: Schema) => typeof s.not === 'object' && Object.keys(s.not as object).length === 0;

/** The schema without a `null` alternative, and whether there was one. */
function unNull(s: Schema): { schema: Schema; nullable: boolean } {
  const any = s.anyOf as Schema[] | undefined;
  if (!any) return { schema: s, nullable: false };
  const rest = any.filter((a) => a.type !== 'null');
  return { schema: rest.length === 1 ? (rest[0] as Schema) : s, nullable: rest.length < any.length };
}

/**
 * Fields named like references that name nothing by design: a page's own random id (presence) and
 * an identity provider's client id (single sign-on). Any value of the right shape is valid there.
 */
const NOT_REFERENCES = new Set(['clientId']);

export function fieldOf(name: string, raw: Schema, required: boolean): Field {
  const { schema: s, nullable } = unNull(raw);
  const req = required ? { required: true as const } : {};
  const nul = nullable ? { nullable: true as const } : {};
  const ref = /Id$/.test(name) && !NOT_REFERENCES.has(name) ? { ref: true as const } : {};
  if (Array.isArray(s.enum)) return { kind: 'enum', values: s.enum as string[], ...req };
  if (s.type === 'string' && s.pattern === KEY_PATTERN) return { kind: 'key', ...req };
  if (s.type === 'string' && s.format === 'date-time') return { kind: 'datetime', ...req, ...nul };
  if (s.type === 'string')
    return { kind: 'string', max: Number(s.maxLength ?? 1_000_000), ...req, ...nul, ...ref };
  if (s.type === 'integer') {
    const ticket = name === 'into' || /Number$/.test(name) ? { ref: true as const } : {};
    const [min, max] = [Number(s.minimum ?? -(2 ** 53)), Number(s.maximum ?? 2 ** 53)];
    return { kind: 'int', min, max, ...req, ...nul, ...ticket };
  }
  if (s.type === 'number') return { kind: 'number', ...req, ...nul };
  if (s.type === 'boolean') return { kind: 'boolean', ...req };
  if (s.type === 'array') {
    const item = (s.items ?? {}) as Schema;
    if (item.type === 'object') return { kind: 'list', min: Number(s.minItems ?? 0), ...req };
    return {
      kind: 'ids',
      max: Number(s.maxItems ?? 1000),
      ...req,
      ...(/Ids$/.test(name) ? { ref: true } : {}),
    };
  }
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object')
    return { kind: 'record', ...req };
  const p = Object.values(props(s));
  if (
    s.type === 'object' &&
    p.length > 0 &&
    p.every((x) => unNull(x).schema.type === 'boolean' || isForbidden(x))
  ) {
    return { kind: 'flags', keys: Object.keys(props(s)), ...req };
  }
  return { kind: 'object', ...req, ...nul };
}

/** A value the schema takes, built from its required parts; ids are the real ones of `t`. */
export function validValue(name: string, raw: Schema, t: Targets): unknown {
  const { schema: s } = unNull(raw);
  const id = realId(name, t);
  if (id !== undefined) return id;
  if (s.type !== 'string') return validOfType(s, t);
  if (name === 'email') return 'fuzz@example.test';
  if (name === 'password') return 'fuzz-password-1';
  if (name === 'phone') return '+44 20 7946 0000';
  return validOfType(s, t);
}

function validOfType(s: Schema, t: Targets): unknown {
  if (Array.isArray(s.enum)) return s.enum[0];
  if (s.type === 'string' && s.pattern === KEY_PATTERN) return 'fuzz_key';
  if (s.type === 'string' && s.format === 'date-time') return '2024-01-01T00:00:00Z';
  if (s.type === 'string') {
    const min = Number(s.minLength ?? 0);
    const max = Number(s.maxLength ?? 100);
    return 'Fuzz'.padEnd(min, 'z').slice(0, Math.max(min, Math.min(4, max)));
  }
  if (s.type === 'integer' || s.type === 'number') return Math.max(Number(s.minimum ?? 1), 1);
  if (s.type === 'boolean') return false;
  if (s.type === 'array') {
    const n = Number(s.minItems ?? 0);
    return Array.from({ length: n }, () => validValue('', (s.items ?? {}) as Schema, t));
  }
  if (s.type === 'object') return validObject(s, t);
  return null;
}

function validObject(s: Schema, t: Targets): Record<string, unknown> {
  const required = (s.required ?? []) as string[];
  const p = props(s);
  const out: Record<string, unknown> = {};
  for (const k of required) out[k] = validValue(k, p[k] ?? {}, t);
  // A change needs something to change: the first field that is no reference.
  if (required.length === 0) {
    const first = Object.entries(p).find(
      ([k, v]) => !isForbidden(v) && realId(k, t) === undefined && !/Ids?$/.test(k),
    );
    if (first) out[first[0]] = validValue(first[0], first[1], t);
  }
  return out;
}

/**
 * Valid bodies the schema alone cannot give: rules beyond it (a select field needs options, a URL
 * or address format, one of two fields), a whole workflow document, a known preset.
 */
const VALID: Record<string, (t: Targets) => Record<string, unknown>> = {
  'PUT /api/v1/workflow 0': () => ({ preset: 'classic' }),
  'PUT /api/v1/workflow 1': (t) => t.workflow,
  'POST /api/v1/users': (t) => ({
    email: 'fuzz-user@example.test',
    name: 'Fuzz user',
    role: 'customer',
    organisationId: t.organisationId,
  }),
  'PATCH /api/v1/tickets/:number': () => ({ priority: 'low' }),
  'POST /api/v1/fields': () => ({ key: 'fuzz_key', label: 'Fuzz', kind: 'text' }),
  'POST /api/v1/subscriptions': (t) => ({
    organisationId: t.organisationId,
    serviceId: t.serviceId,
    planId: t.planId,
    startsAt: '2024-01-01T00:00:00Z',
  }),
  'PUT /api/v1/admin/channels/email': () => ({ from: 'Fuzz <fuzz@example.test>' }),
  'PUT /api/v1/admin/channels/whatsapp': () => ({ templateLanguage: 'en' }),
  'PUT /api/v1/admin/channels/telegram': () => ({ botUsername: 'fuzz_bot' }),
  'POST /api/v1/admin/channels/email/test': () => ({ to: 'fuzz@example.test' }),
  'POST /api/v1/admin/channels/whatsapp/test': () => ({ to: '+44 7700 900123' }),
};

function bodySpec(key: string, s: Schema): BodySpec {
  const required = new Set((s.required ?? []) as string[]);
  const fields = Object.fromEntries(
    Object.entries(props(s))
      .filter(([, v]) => !isForbidden(v))
      .map(([k, v]) => [k, fieldOf(k, v, required.has(k))]),
  );
  return {
    fields,
    strict: s.additionalProperties === false,
    valid: VALID[key] ?? ((t) => validObject(s, t)),
  };
}

type Operation = {
  parameters?: { in: string; name: string; required?: boolean; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};

/** Routes whose body the document cannot describe: raw mail for a token holder, an upload. */
const BODY_KIND: Record<string, 'raw' | 'upload'> = {
  'POST /api/v1/inbound/email': 'raw',
  'POST /api/v1/attachments': 'upload',
};

function queryField(name: string, s: Schema): QField {
  if (s.type === 'integer')
    return { kind: 'int', min: Number(s.minimum ?? 0), max: Number(s.maximum ?? 2 ** 31) };
  if (name === 'cursor') return { kind: 'cursor' };
  if (Array.isArray(s.enum)) return { kind: 'enum', values: s.enum as string[] };
  if (s.format === 'date-time') return { kind: 'datetime' };
  if (/Id$/.test(name)) return { kind: 'id', name, ...(s.minLength ? {} : { emptyOk: true as const }) };
  return { kind: 'text', min: Number(s.minLength ?? 0), max: Number(s.maxLength ?? 10_000) };
}

/** The route of a documented operation. */
export function routeOf(method: Method, openapiPath: string, op: Operation): Route {
  const path = openapiPath.replace(/\{(\w+)\}/g, ':$1');
  const key = `${method} ${path}`;
  const route: Route = { method, path };
  const params = op.parameters ?? [];
  const p = params.find((x) => x.in === 'path');
  if (p) {
    const kind: ParamKind = p.schema.type === 'integer' ? 'ticket' : method === 'PUT' ? 'upsert' : 'id';
    route.param = { name: p.name, kind, max: p.schema.maxLength as number | undefined };
  }
  const query = params.filter((x) => x.in === 'query');
  const webhook = path.startsWith('/webhooks/');
  if (query.length > 0)
    route.query = {
      fields: Object.fromEntries(query.map((q) => [q.name, queryField(q.name, q.schema)])),
      loose: webhook,
    };
  if (method === 'GET') return route;
  const json = op.requestBody?.content['application/json']?.schema;
  if (params.some((x) => x.in === 'header' && x.required !== false) || BODY_KIND[key] === 'raw')
    route.body = 'raw';
  else if (BODY_KIND[key]) route.body = BODY_KIND[key];
  else if (!json) route.body = 'none';
  else if (Array.isArray(json.anyOf))
    route.body = (json.anyOf as Schema[]).map((s, i) => bodySpec(`${key} ${i}`, s));
  else route.body = bodySpec(key, json);
  return route;
}

/** A registered route the document leaves out (pages, health, set-up): only certainly wrong input. */
export function undocumentedRoute(method: Method, path: string): Route {
  const route: Route = { method, path };
  if (!path.startsWith('/api/')) route.page = true;
  const m = /:(\w+)/.exec(path);
  if (m) route.param = { name: m[1] ?? '', kind: 'id' };
  if (method !== 'GET') route.body = 'opaque';
  return route;
}

export function routesFromOpenApi(doc: { paths?: Record<string, Record<string, Operation>> }): Route[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([m, op]) => routeOf(m.toUpperCase() as Method, path, op)),
  );
}
