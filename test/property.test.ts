import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PRIORITIES, ROLES, TICKET_SORTS } from '../common/api.js';
import { hasWebBuild } from '../src/http/web.js';
import { type Client, login, loginAdmin, makeWorld, openTicket } from './client.js';
import { ADMIN, startTestApp, type TestEnv } from './helpers.js';

/*
 * Property-based fuzzing of the whole route table: for every route, requests that are certainly
 * invalid (malformed bodies, query strings and path parameters) get a 4xx problem+json answer,
 * never a 5xx, and leave every table of the database exactly as it was.
 *
 * Each generated request is a valid request to a real resource with one part certainly wrong, so
 * only the validation under test stands between it and a 2xx that changes data. A few generators
 * produce input that is odd but not certainly wrong (forged well-shaped cursors, filter values
 * that match nothing, stray query parameters on routes that take none): those may answer 2xx,
 * but never 5xx and never change anything.
 */

const RUNS = { bodies: 200, bodyless: 100, queries: 200, params: 200, customer: 200 };
const TIMEOUT = 180_000;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Who = 'admin' | 'customer';

// ---------------------------------------------------------------------------------------------
// The route table. Each entry says what the route takes; the first test checks it against the
// routes the app has registered, so a new route without an entry here fails.
// ---------------------------------------------------------------------------------------------

type Ref = 'department' | 'organisation' | 'user' | 'attachment' | 'service' | 'plan';
type Field =
  | { kind: 'string'; max: number; required?: true; nullable?: true; ref?: Ref }
  /** `trim`: the value is trimmed before it is checked, so ' low' is no bad value. */
  | { kind: 'enum'; values: readonly string[]; required?: true; trim?: true }
  /** A key (workflow status, ticket type, field): a string not in lower-case snake case is none. */
  | { kind: 'key'; required?: true }
  | { kind: 'boolean'; required?: true }
  /** A whole number; `coerce` (z.coerce.number): "3" and true count as numbers. */
  | { kind: 'int'; min: number; max: number; required?: true; nullable?: true; coerce?: true; ref?: 'ticket' }
  /** An ISO 8601 date and time with an offset. */
  | { kind: 'datetime'; required?: true; nullable?: true }
  /** An array of objects. */
  | { kind: 'list'; min: number; required?: true }
  /** An array of ids or keys, each 1 to 64 characters. */
  | { kind: 'ids'; max: number; ref?: Ref }
  /** A record of strings, numbers, booleans and nulls. */
  | { kind: 'record' }
  /** An object of optional booleans under these keys. */
  | { kind: 'flags'; keys: readonly string[] };

type BodySpec = {
  fields: Record<string, Field>;
  /** A body this route accepts, for the real resource in `t`. */
  valid: (t: Targets) => Record<string, unknown>;
  /** `{}` is refused (at least one field to change). */
  emptyIsInvalid?: true;
};

type QField =
  | { kind: 'limit' }
  /** A cursor: base64url JSON of `arity` scalars. */
  | { kind: 'cursor'; arity: number }
  /** `emptyOk`: '' is a valid value (no min length). */
  | { kind: 'id'; valid: (t: Targets) => string[]; emptyOk?: true }
  | { kind: 'text'; max: number }
  | { kind: 'search' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'csv'; values: readonly string[] }
  | { kind: 'statuses' }
  /** An ISO 8601 date and time in UTC (no offset). */
  | { kind: 'datetime' };
type QuerySpec = {
  fields: Record<string, QField>;
  ticketCursor?: true;
  /** Unknown parameters are ignored, not refused. */
  loose?: true;
  /** Parameters named by a pattern (fields.<key>=…), each value at most `max` characters. */
  dynamic?: { pattern: RegExp; example: string; max: number };
};

type ParamKind =
  | 'ticket'
  | 'organisation'
  | 'department'
  | 'user'
  | 'token'
  | 'survey'
  | 'service'
  | 'plan'
  | 'subscription'
  | 'outbox'
  | 'inbound'
  | 'attachment'
  | 'ticketType'
  | 'field'
  | 'canned'
  /** Any 1 to 200 characters are a valid external id, so only those outside are wrong. */
  | 'externalId';

type Route = {
  method: Method;
  path: string;
  param?: ParamKind;
  query?: QuerySpec;
  /**
   * The shape of the body, or the shapes of a union; 'none': an unsafe route that takes no body;
   * 'raw': raw bytes for a caller these tests cannot be (an administrator's bearer token, a
   * webhook's signature), so every request is refused;
   * 'upload': multipart/form-data with one file in the field "file".
   */
  body?: BodySpec | BodySpec[] | 'none' | 'raw' | 'upload';
  /** An HTML page: its errors are HTML pages too, not problem+json. */
  page?: true;
  /** Also fuzzed as a customer. */
  customer?: true;
};

const str = (max: number, more: Partial<Omit<Extract<Field, { kind: 'string' }>, 'kind' | 'max'>> = {}) =>
  ({ kind: 'string', max, ...more }) as const;
const instant = '2024-01-01T00:00:00Z';

const LOGIN: BodySpec = {
  fields: { email: str(254, { required: true }), password: str(512, { required: true }) },
  valid: () => ({ email: ADMIN.email, password: 'not-the-password' }),
};
const SETUP: BodySpec = {
  fields: {
    token: str(200, { required: true }),
    email: str(254, { required: true }),
    name: str(200, { required: true }),
    password: str(512, { required: true }),
  },
  valid: () => ({
    token: 'x'.repeat(43),
    email: 'fuzz-setup@example.test',
    name: 'Fuzz',
    password: 'fuzz-password-1',
  }),
};
const TOKEN: BodySpec = {
  fields: { name: str(200, { required: true }), scope: { kind: 'enum', values: ['all', 'billing'] } },
  valid: () => ({ name: 'Fuzz token' }),
};
const NAME_ONLY: BodySpec = {
  fields: { name: str(200, { required: true }) },
  valid: () => ({ name: 'Fuzz name' }),
};
const DEPARTMENT: BodySpec = {
  fields: { name: str(100, { required: true }), description: str(2000) },
  valid: () => ({ name: 'Fuzz department', description: 'Fuzz' }),
};
const DEPARTMENT_PATCH: BodySpec = {
  fields: { name: str(100), description: str(2000) },
  valid: () => ({ description: 'Fuzz' }),
};
const USER: BodySpec = {
  fields: {
    email: str(254, { required: true }),
    name: str(200, { required: true }),
    role: { kind: 'enum', values: ROLES, required: true },
    password: str(512),
    organisationId: str(64, { ref: 'organisation' }),
    departmentIds: { kind: 'ids', max: 200, ref: 'department' },
    phone: str(20),
    onCall: { kind: 'boolean' },
  },
  valid: (t) => ({
    email: 'fuzz-user@example.test',
    name: 'Fuzz user',
    role: 'customer',
    password: 'fuzz-password-1',
    organisationId: t.organisationId,
    phone: '+44 20 7946 0000',
  }),
};
const USER_PATCH: BodySpec = {
  fields: {
    email: str(254),
    name: str(200),
    role: { kind: 'enum', values: ROLES },
    password: str(512),
    organisationId: str(64, { nullable: true, ref: 'organisation' }),
    departmentIds: { kind: 'ids', max: 200, ref: 'department' },
    phone: str(20, { nullable: true }),
    active: { kind: 'boolean' },
    onCall: { kind: 'boolean' },
  },
  valid: () => ({ name: 'Fuzz user' }),
};
const TICKET: BodySpec = {
  fields: {
    subject: str(200, { required: true }),
    description: str(100_000, { required: true }),
    departmentId: str(64, { required: true, ref: 'department' }),
    priority: { kind: 'enum', values: PRIORITIES },
    type: str(100),
    fields: { kind: 'record' },
    serviceId: str(64),
    requesterId: str(64, { ref: 'user' }),
    attachmentIds: { kind: 'ids', max: 20, ref: 'attachment' },
  },
  valid: (t) => ({ subject: 'Fuzz', description: 'Fuzz', departmentId: t.departmentId, priority: 'low' }),
};
const TICKET_PATCH: BodySpec = {
  fields: {
    status: { kind: 'key' },
    priority: { kind: 'enum', values: PRIORITIES },
    departmentId: str(64, { ref: 'department' }),
    assigneeId: str(64, { nullable: true, ref: 'user' }),
    subject: str(200),
    type: str(100, { nullable: true }),
    fields: { kind: 'record' },
  },
  valid: () => ({ priority: 'low' }),
  emptyIsInvalid: true,
};
const MESSAGE: BodySpec = {
  fields: {
    body: str(100_000, { required: true }),
    internal: { kind: 'boolean' },
    attachmentIds: { kind: 'ids', max: 20, ref: 'attachment' },
  },
  valid: () => ({ body: 'Fuzz' }),
};
const WORKFLOW_PRESET: BodySpec = {
  fields: {
    preset: {
      kind: 'enum',
      values: ['portal', 'classic', 'escalation', 'subscription'],
      required: true,
      trim: true,
    },
    statusMapping: { kind: 'record' },
  },
  valid: () => ({ preset: 'classic' }),
};
const WORKFLOW_DOCUMENT: BodySpec = {
  fields: {
    preset: str(64, { required: true }),
    initialStatus: { kind: 'key', required: true },
    statuses: { kind: 'list', min: 1, required: true },
    onCustomerReply: { kind: 'list', min: 0 },
    onStaffReply: { kind: 'list', min: 0 },
    timers: { kind: 'list', min: 0 },
    reopenClosedOnReply: { kind: 'boolean' },
    surveyOnClose: { kind: 'boolean' },
    updatedAt: str(40, { nullable: true }),
    statusMapping: { kind: 'record' },
  },
  valid: (t) => t.workflow,
};
const SURVEY_ANSWER: BodySpec = {
  fields: { rating: { kind: 'int', min: 1, max: 5, required: true, coerce: true }, comment: str(5000) },
  valid: () => ({ rating: 3 }),
};
const SUBSCRIPTIONS_SETTING: BodySpec = {
  fields: { enabled: { kind: 'boolean', required: true } },
  valid: () => ({ enabled: false }),
};
const SERVICE: BodySpec = {
  fields: { name: str(100, { required: true }), description: str(2000) },
  valid: () => ({ name: 'Fuzz service' }),
};
const SERVICE_PATCH: BodySpec = {
  fields: { name: str(100), description: str(2000) },
  valid: () => ({ description: 'Fuzz' }),
};
const PLAN_FIELDS = {
  name: str(100),
  ticketLimit: { kind: 'int', min: 0, max: 1_000_000, nullable: true },
  cycle: { kind: 'enum', values: ['monthly', 'yearly', 'none'] },
  replyAfterExpiry: { kind: 'boolean' },
} as const satisfies Record<string, Field>;
const PLAN: BodySpec = {
  fields: {
    ...PLAN_FIELDS,
    name: str(100, { required: true }),
    ticketLimit: { ...PLAN_FIELDS.ticketLimit, required: true },
    cycle: { ...PLAN_FIELDS.cycle, required: true },
  },
  valid: () => ({ name: 'Fuzz plan', ticketLimit: 5, cycle: 'monthly' }),
};
const PLAN_PATCH: BodySpec = { fields: PLAN_FIELDS, valid: () => ({ ticketLimit: 5 }) };
const SUBSCRIPTION_STATES = ['active', 'expired', 'cancelled'];
const SUBSCRIPTION: BodySpec = {
  fields: {
    // Exactly one holder: without organisationId, or with customerId too, the body is refused.
    organisationId: str(64, { required: true, ref: 'organisation' }),
    customerId: str(64, { ref: 'user' }),
    serviceId: str(64, { required: true, ref: 'service' }),
    planId: str(64, { required: true, ref: 'plan' }),
    state: { kind: 'enum', values: SUBSCRIPTION_STATES },
    startsAt: { kind: 'datetime', required: true },
    endsAt: { kind: 'datetime', nullable: true },
  },
  valid: (t) => ({
    organisationId: t.organisationId,
    serviceId: t.serviceId,
    planId: t.planId,
    startsAt: instant,
  }),
};
const SUBSCRIPTION_PATCH: BodySpec = {
  fields: {
    planId: str(64, { ref: 'plan' }),
    state: { kind: 'enum', values: SUBSCRIPTION_STATES },
    startsAt: { kind: 'datetime' },
    endsAt: { kind: 'datetime', nullable: true },
  },
  valid: () => ({ state: 'active' }),
  emptyIsInvalid: true,
};
const BILLING_SUBSCRIPTION: BodySpec = {
  fields: {
    // Exactly one of organisationId, customerId and customerEmail.
    organisationId: str(64, { required: true, ref: 'organisation' }),
    customerId: str(64, { ref: 'user' }),
    customerEmail: str(254),
    service: str(100, { required: true, ref: 'service' }),
    plan: str(100, { required: true, ref: 'plan' }),
    state: { kind: 'enum', values: SUBSCRIPTION_STATES, required: true },
    startsAt: { kind: 'datetime', required: true },
    endsAt: { kind: 'datetime', nullable: true },
  },
  valid: (t) => ({
    organisationId: t.organisationId,
    service: t.serviceId,
    plan: t.planId,
    state: 'active',
    startsAt: instant,
  }),
};
const PREFERENCE_EVENTS = [
  'ticket.created',
  'ticket.customer_reply',
  'ticket.assigned',
  'ticket.urgent',
  'ticket.staff_reply',
  'ticket.waiting_on_customer',
  'ticket.reminder',
  'ticket.resolved',
  'ticket.survey',
];
const PREFERENCES: BodySpec = {
  fields: Object.fromEntries(PREFERENCE_EVENTS.map((e) => [e, { kind: 'flags', keys: ['email'] } as const])),
  valid: () => ({ 'ticket.staff_reply': { email: true } }),
  emptyIsInvalid: true,
};

const EMAIL_SETTINGS: BodySpec = {
  fields: {
    smtpUrl: str(2000, { nullable: true }),
    from: str(320, { nullable: true }),
    inboundAddress: str(254, { nullable: true }),
    imapUrl: str(2000, { nullable: true }),
  },
  valid: () => ({ from: 'Fuzz <fuzz@example.test>' }),
};
const WHATSAPP_SETTINGS: BodySpec = {
  fields: {
    apiUrl: str(2000, { nullable: true }),
    token: str(4000, { nullable: true }),
    phoneNumberId: str(40, { nullable: true }),
    appSecret: str(1000, { nullable: true }),
    verifyToken: str(1000, { nullable: true }),
    templateName: str(512, { nullable: true }),
    templateLanguage: str(10, { nullable: true }),
  },
  valid: () => ({ templateLanguage: 'en' }),
};
const TELEGRAM_SETTINGS: BodySpec = {
  fields: {
    apiUrl: str(2000, { nullable: true }),
    botToken: str(200, { nullable: true }),
    webhookSecret: str(256, { nullable: true }),
    botUsername: str(33, { nullable: true }),
  },
  valid: () => ({ botUsername: 'fuzz_bot' }),
};
const EMAIL_TEST: BodySpec = { fields: { to: str(254) }, valid: () => ({ to: 'fuzz@example.test' }) };
const WHATSAPP_TEST: BodySpec = {
  fields: { to: str(32, { required: true }) },
  valid: () => ({ to: '+44 7700 900123' }),
};
/** `{}` and nothing else. */
const EMPTY_OBJECT: BodySpec = { fields: {}, valid: () => ({}) };

const TICKET_TYPE_FIELDS = {
  name: str(100),
  description: str(2000, { nullable: true }),
  urgent: { kind: 'boolean' },
  position: { kind: 'int', min: 0, max: 10_000 },
  active: { kind: 'boolean' },
} as const satisfies Record<string, Field>;
const TICKET_TYPE: BodySpec = {
  fields: { ...TICKET_TYPE_FIELDS, key: { kind: 'key', required: true }, name: str(100, { required: true }) },
  valid: () => ({ key: 'fuzz_type', name: 'Fuzz' }),
};
const TICKET_TYPE_PATCH: BodySpec = { fields: TICKET_TYPE_FIELDS, valid: () => ({ name: 'Fuzz' }) };
const FIELD_FIELDS = {
  label: str(200),
  options: { kind: 'list', min: 0 },
  required: { kind: 'boolean' },
  departmentIds: { kind: 'ids', max: 200 },
  typeKeys: { kind: 'ids', max: 200 },
  help: str(2000, { nullable: true }),
  position: { kind: 'int', min: 0, max: 10_000 },
  active: { kind: 'boolean' },
} as const satisfies Record<string, Field>;
const CUSTOM_FIELD: BodySpec = {
  fields: {
    ...FIELD_FIELDS,
    key: { kind: 'key', required: true },
    label: str(200, { required: true }),
    kind: { kind: 'enum', values: ['select', 'text', 'multiline', 'checkbox', 'date'], required: true },
  },
  valid: () => ({ key: 'fuzz_field', label: 'Fuzz', kind: 'text' }),
};
const CUSTOM_FIELD_PATCH: BodySpec = { fields: FIELD_FIELDS, valid: () => ({ label: 'Fuzz' }) };
const URGENT_ROUTING: BodySpec = {
  fields: { urgentPriority: { kind: 'boolean', required: true } },
  valid: () => ({ urgentPriority: false }),
};
const PRIORITY_HELP: BodySpec = {
  fields: Object.fromEntries(
    PRIORITIES.map((p) => [p, { kind: 'string', max: 300, required: true } as const]),
  ),
  valid: () => Object.fromEntries(PRIORITIES.map((p) => [p, `What ${p} means here`])),
};
const CANNED_FIELDS = {
  title: str(200),
  body: str(20_000),
  departmentId: str(64, { nullable: true, ref: 'department' }),
} as const satisfies Record<string, Field>;
const CANNED: BodySpec = {
  fields: { ...CANNED_FIELDS, title: str(200, { required: true }), body: str(20_000, { required: true }) },
  valid: () => ({ title: 'Fuzz', body: 'Hello {{customer.name}}' }),
};
const CANNED_PATCH: BodySpec = { fields: CANNED_FIELDS, valid: () => ({ title: 'Fuzz' }) };
const CANNED_RENDER: BodySpec = {
  fields: {
    ticketNumber: { kind: 'int', min: 1, max: Number.MAX_SAFE_INTEGER, required: true, ref: 'ticket' },
  },
  valid: (t) => ({ ticketNumber: t.ticketNumber }),
};
const MERGE: BodySpec = {
  fields: { into: { kind: 'int', min: 1, max: Number.MAX_SAFE_INTEGER, required: true, ref: 'ticket' } },
  valid: (t) => ({ into: t.otherTicketNumber }),
};

const PAGE: QuerySpec = { fields: { limit: { kind: 'limit' }, cursor: { kind: 'cursor', arity: 2 } } };
const USERS: QuerySpec = {
  fields: {
    ...PAGE.fields,
    role: { kind: 'enum', values: ROLES },
    organisationId: { kind: 'id', valid: (t) => [t.organisationId] },
  },
};
const TICKETS: QuerySpec = {
  ticketCursor: true,
  fields: {
    ...PAGE.fields,
    status: { kind: 'statuses' },
    statusCategory: { kind: 'csv', values: ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] },
    priority: { kind: 'csv', values: PRIORITIES },
    departmentId: { kind: 'id', valid: (t) => [t.departmentId] },
    assigneeId: { kind: 'id', valid: (t) => ['me', 'none', t.userId] },
    organisationId: { kind: 'id', valid: (t) => [t.organisationId] },
    requesterId: { kind: 'id', valid: (t) => [t.userId] },
    q: { kind: 'search' },
    sort: { kind: 'enum', values: TICKET_SORTS },
    order: { kind: 'enum', values: ['asc', 'desc'] },
    urgent: { kind: 'enum', values: ['true', 'false'] },
  },
  dynamic: { pattern: /^fields\.[a-z][a-z0-9_]{0,63}$/, example: 'fields.platform', max: 200 },
};
const CSAT: QuerySpec = { fields: { from: { kind: 'datetime' }, to: { kind: 'datetime' } } };
const VOLUME: QuerySpec = { fields: { ...CSAT.fields, interval: { kind: 'enum', values: ['day', 'week'] } } };
const SUBSCRIPTIONS: QuerySpec = {
  fields: {
    customerId: { kind: 'id', valid: (t) => [t.userId], emptyOk: true },
    organisationId: { kind: 'id', valid: (t) => [t.organisationId], emptyOk: true },
    serviceId: { kind: 'id', valid: (t) => [t.serviceId], emptyOk: true },
  },
};
const OUTBOX: QuerySpec = {
  fields: {
    limit: { kind: 'limit' },
    cursor: { kind: 'cursor', arity: 1 },
    state: { kind: 'enum', values: ['pending', 'done', 'failed'] },
    topic: { kind: 'text', max: 100 },
  },
};
const INBOUND_LIST: QuerySpec = {
  fields: {
    limit: { kind: 'limit' },
    cursor: { kind: 'cursor', arity: 2 },
    state: {
      kind: 'enum',
      values: ['received', 'processed', 'ignored', 'quarantined', 'refused', 'failed', 'discarded'],
    },
    channel: { kind: 'enum', values: ['email', 'whatsapp', 'telegram'] },
    autoReply: { kind: 'enum', values: ['sent', 'suppressed'] },
  },
};
const INBOUND_ATTACH: BodySpec = {
  fields: { ticket: { kind: 'int', min: 1, max: Number.MAX_SAFE_INTEGER, required: true, ref: 'ticket' } },
  valid: (t) => ({ ticket: t.ticketNumber }),
};
const INBOUND: QuerySpec = { fields: { rcpt: { kind: 'text', max: 2000 } } };
const FIELDS_QUERY: QuerySpec = {
  fields: {
    departmentId: { kind: 'id', valid: (t) => [t.departmentId], emptyOk: true },
    type: { kind: 'id', valid: (t) => [t.ticketTypeKey], emptyOk: true },
  },
};
const CANNED_QUERY: QuerySpec = {
  fields: { departmentId: { kind: 'id', valid: (t) => [t.departmentId], emptyOk: true } },
};
const WHATSAPP_VERIFY: QuerySpec = {
  loose: true,
  fields: {
    'hub.mode': { kind: 'text', max: 100 },
    'hub.verify_token': { kind: 'text', max: 1000 },
    'hub.challenge': { kind: 'text', max: 1000 },
  },
};

const ROUTES: Route[] = [
  { method: 'GET', path: '/', customer: true },
  // The built web app serves its own set-up page; without it the server has a plain one.
  ...(hasWebBuild() ? [] : [{ method: 'GET', path: '/setup' } as const]),
  { method: 'GET', path: '/api/health', customer: true },
  { method: 'GET', path: '/api/v1/openapi.json' },
  { method: 'POST', path: '/api/v1/auth/login', body: LOGIN, customer: true },
  { method: 'POST', path: '/api/v1/auth/logout', body: 'none', customer: true },
  { method: 'POST', path: '/api/v1/setup', body: SETUP },
  { method: 'GET', path: '/api/v1/setup', customer: true },
  { method: 'GET', path: '/api/v1/me', customer: true },
  { method: 'POST', path: '/api/v1/tokens', body: TOKEN, customer: true },
  { method: 'GET', path: '/api/v1/tokens', customer: true },
  { method: 'DELETE', path: '/api/v1/tokens/:id', param: 'token', body: 'none', customer: true },
  { method: 'POST', path: '/api/v1/organisations', body: NAME_ONLY },
  { method: 'GET', path: '/api/v1/organisations', query: PAGE, customer: true },
  { method: 'GET', path: '/api/v1/organisations/:id', param: 'organisation', customer: true },
  { method: 'PATCH', path: '/api/v1/organisations/:id', param: 'organisation', body: NAME_ONLY },
  { method: 'POST', path: '/api/v1/departments', body: DEPARTMENT },
  { method: 'GET', path: '/api/v1/departments', customer: true },
  { method: 'PATCH', path: '/api/v1/departments/:id', param: 'department', body: DEPARTMENT_PATCH },
  { method: 'POST', path: '/api/v1/users', body: USER },
  { method: 'GET', path: '/api/v1/users', query: USERS },
  { method: 'GET', path: '/api/v1/users/:id', param: 'user' },
  { method: 'PATCH', path: '/api/v1/users/:id', param: 'user', body: USER_PATCH },
  { method: 'POST', path: '/api/v1/tickets', body: TICKET, customer: true },
  { method: 'GET', path: '/api/v1/tickets', query: TICKETS, customer: true },
  { method: 'GET', path: '/api/v1/tickets/:number', param: 'ticket', customer: true },
  { method: 'PATCH', path: '/api/v1/tickets/:number', param: 'ticket', body: TICKET_PATCH, customer: true },
  { method: 'DELETE', path: '/api/v1/tickets/:number', param: 'ticket', body: 'none', customer: true },
  { method: 'GET', path: '/api/v1/tickets/:number/messages', param: 'ticket', query: PAGE, customer: true },
  {
    method: 'POST',
    path: '/api/v1/tickets/:number/messages',
    param: 'ticket',
    body: MESSAGE,
    customer: true,
  },
  { method: 'GET', path: '/api/v1/tickets/:number/events', param: 'ticket', customer: true },
  { method: 'GET', path: '/api/v1/workflow', customer: true },
  { method: 'PUT', path: '/api/v1/workflow', body: [WORKFLOW_PRESET, WORKFLOW_DOCUMENT], customer: true },
  { method: 'GET', path: '/api/v1/reports/csat', query: CSAT, customer: true },
  { method: 'GET', path: '/api/v1/reports/volume', query: VOLUME, customer: true },
  { method: 'GET', path: '/api/v1/reports/backlog', customer: true },
  { method: 'GET', path: '/api/v1/reports/response-times', query: CSAT, customer: true },
  { method: 'GET', path: '/survey/:token', param: 'survey', page: true, customer: true },
  { method: 'POST', path: '/survey/:token', param: 'survey', body: SURVEY_ANSWER, customer: true },
  { method: 'GET', path: '/api/v1/settings/subscriptions' },
  { method: 'PUT', path: '/api/v1/settings/subscriptions', body: SUBSCRIPTIONS_SETTING, customer: true },
  { method: 'GET', path: '/api/v1/services', customer: true },
  { method: 'POST', path: '/api/v1/services', body: SERVICE },
  { method: 'PATCH', path: '/api/v1/services/:id', param: 'service', body: SERVICE_PATCH },
  { method: 'GET', path: '/api/v1/plans', customer: true },
  { method: 'POST', path: '/api/v1/plans', body: PLAN },
  { method: 'PATCH', path: '/api/v1/plans/:id', param: 'plan', body: PLAN_PATCH },
  { method: 'GET', path: '/api/v1/subscriptions', query: SUBSCRIPTIONS, customer: true },
  { method: 'POST', path: '/api/v1/subscriptions', body: SUBSCRIPTION, customer: true },
  { method: 'GET', path: '/api/v1/subscriptions/:id', param: 'subscription' },
  { method: 'PATCH', path: '/api/v1/subscriptions/:id', param: 'subscription', body: SUBSCRIPTION_PATCH },
  {
    method: 'PUT',
    path: '/api/v1/subscriptions/:externalId',
    param: 'externalId',
    body: BILLING_SUBSCRIPTION,
    customer: true,
  },
  { method: 'GET', path: '/api/v1/me/subscriptions', customer: true },
  { method: 'GET', path: '/api/v1/users/:id/subscriptions', param: 'user' },
  { method: 'GET', path: '/api/v1/me/notification-preferences', customer: true },
  { method: 'PUT', path: '/api/v1/me/notification-preferences', body: PREFERENCES, customer: true },
  { method: 'GET', path: '/api/v1/admin/outbox', query: OUTBOX },
  { method: 'POST', path: '/api/v1/admin/outbox/:id/retry', param: 'outbox', body: 'none' },
  { method: 'GET', path: '/api/v1/admin/inbound', query: INBOUND_LIST },
  { method: 'GET', path: '/api/v1/admin/inbound/:id/raw', param: 'inbound' },
  { method: 'POST', path: '/api/v1/admin/inbound/:id/process', param: 'inbound', body: 'none' },
  { method: 'POST', path: '/api/v1/admin/inbound/:id/attach', param: 'inbound', body: INBOUND_ATTACH },
  { method: 'POST', path: '/api/v1/admin/inbound/:id/discard', param: 'inbound', body: 'none' },
  { method: 'POST', path: '/api/v1/inbound/email', query: INBOUND, body: 'raw', customer: true },
  { method: 'POST', path: '/api/v1/attachments', body: 'upload', customer: true },
  { method: 'GET', path: '/api/v1/attachments/:id', param: 'attachment', customer: true },
  { method: 'GET', path: '/api/v1/ticket-types', customer: true },
  { method: 'POST', path: '/api/v1/ticket-types', body: TICKET_TYPE },
  { method: 'PATCH', path: '/api/v1/ticket-types/:key', param: 'ticketType', body: TICKET_TYPE_PATCH },
  { method: 'GET', path: '/api/v1/fields', query: FIELDS_QUERY, customer: true },
  { method: 'POST', path: '/api/v1/fields', body: CUSTOM_FIELD },
  { method: 'PATCH', path: '/api/v1/fields/:key', param: 'field', body: CUSTOM_FIELD_PATCH },
  { method: 'POST', path: '/api/v1/intake/triage', body: 'none' },
  { method: 'GET', path: '/api/v1/settings/urgent-routing' },
  { method: 'PUT', path: '/api/v1/settings/urgent-routing', body: URGENT_ROUTING },
  { method: 'GET', path: '/api/v1/settings/priority-help', customer: true },
  { method: 'PUT', path: '/api/v1/settings/priority-help', body: PRIORITY_HELP },
  { method: 'GET', path: '/api/v1/canned-responses', query: CANNED_QUERY },
  { method: 'POST', path: '/api/v1/canned-responses', body: CANNED },
  { method: 'PATCH', path: '/api/v1/canned-responses/:id', param: 'canned', body: CANNED_PATCH },
  { method: 'DELETE', path: '/api/v1/canned-responses/:id', param: 'canned', body: 'none' },
  { method: 'POST', path: '/api/v1/canned-responses/:id/render', param: 'canned', body: CANNED_RENDER },
  { method: 'POST', path: '/api/v1/tickets/:number/merge', param: 'ticket', body: MERGE, customer: true },
  // The channels' webhooks: WhatsApp and Telegram are not set up here, so every caller is refused.
  { method: 'GET', path: '/webhooks/whatsapp', query: WHATSAPP_VERIFY, customer: true },
  { method: 'POST', path: '/webhooks/whatsapp', body: 'raw', customer: true },
  { method: 'POST', path: '/webhooks/telegram', body: 'raw', customer: true },
  { method: 'GET', path: '/api/v1/me/telegram', customer: true },
  { method: 'POST', path: '/api/v1/me/telegram/link', body: 'none', customer: true },
  { method: 'DELETE', path: '/api/v1/me/telegram', body: 'none', customer: true },
  // Channel settings: no generated body is valid, so no test ever reaches a mail server or an API.
  { method: 'GET', path: '/api/v1/admin/channels', customer: true },
  { method: 'PUT', path: '/api/v1/admin/channels/email', body: EMAIL_SETTINGS, customer: true },
  { method: 'PUT', path: '/api/v1/admin/channels/whatsapp', body: WHATSAPP_SETTINGS },
  { method: 'PUT', path: '/api/v1/admin/channels/telegram', body: TELEGRAM_SETTINGS },
  { method: 'POST', path: '/api/v1/admin/channels/email/test', body: EMAIL_TEST, customer: true },
  { method: 'POST', path: '/api/v1/admin/channels/imap/test', body: EMPTY_OBJECT },
  { method: 'POST', path: '/api/v1/admin/channels/whatsapp/test', body: WHATSAPP_TEST },
  { method: 'POST', path: '/api/v1/admin/channels/telegram/test', body: EMPTY_OBJECT },
];

/** Registered routes that are not fuzzed, and why. HEAD routes mirror their GET route. */
const NOT_FUZZED: { match: (route: string) => boolean; why: string }[] = [
  { match: (r) => r.startsWith('GET /api/docs'), why: '@fastify/swagger-ui: the API browser’s static files' },
  { match: (r) => r === 'GET /*', why: 'the web app’s files and client-side routes (when it is built)' },
  {
    match: (r) => r === 'GET /api/v1/stream',
    why: 'a never-ending event stream; test/live.test.ts covers it over real HTTP',
  },
];

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

// ---------------------------------------------------------------------------------------------
// The world: real resources for the valid parts of each request.
// ---------------------------------------------------------------------------------------------

type Targets = {
  ticketNumber: number;
  organisationId: string;
  departmentId: string;
  userId: string;
  tokenId: string;
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
  /** Another ticket of the same organisation, to merge into. */
  otherTicketNumber: number;
  /** The token of a survey link not yet answered. */
  surveyToken: string;
  /** The workflow document as GET /api/v1/workflow gives it to staff. */
  workflow: Record<string, unknown>;
  /** Every id and name in the database, so generated "unknown" ids are certainly unknown. */
  knownIds: Set<string>;
  ticketNumbers: Set<number>;
};

let env: TestEnv;
let world: Awaited<ReturnType<typeof makeWorld>>;
const actors = {} as Record<Who, { client: Client; targets: Targets }>;
let tables: { schema?: string; name: string }[] = [];
const fixed = {
  surveyToken: '',
  serviceId: '',
  planId: '',
  subscriptionId: '',
  externalId: 'fuzz-billing-1',
  attachmentId: '',
  ticketTypeKey: 'question',
  fieldKey: 'platform',
};

beforeAll(async () => {
  env = await startTestApp();
  world = await makeWorld(env.app);
  const { admin, agent, alice } = world;
  // Some history, so lists have pages, tickets have messages, notes and events.
  const first = await openTicket(alice, world.billing.id);
  await agent.expect(201, 'POST', `/api/v1/tickets/${first.number}/messages`, { body: 'On it' });
  await agent.expect(201, 'POST', `/api/v1/tickets/${first.number}/messages`, {
    body: 'Note',
    internal: true,
  });
  await alice.expect(201, 'POST', `/api/v1/tickets/${first.number}/messages`, { body: 'Thanks' });
  await openTicket(world.bob, world.tech.id, { priority: 'urgent' });
  await openTicket(world.carol, world.billing.id);
  await openTicket(admin, world.tech.id, { requesterId: alice.user?.id });
  // A file on a public reply, so the customer may download it too.
  const upload = multipart([{ name: 'file', filename: 'notes.txt', content: 'Restart the bot.' }]);
  const res = await agent.request('POST', '/api/v1/attachments', upload.text, {
    'content-type': upload.contentType,
  });
  if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  fixed.attachmentId = res.json().id;
  await agent.expect(201, 'POST', `/api/v1/tickets/${first.number}/messages`, {
    body: 'See the file',
    attachmentIds: [fixed.attachmentId],
  });

  // A survey link, as the requester of a closed ticket receives it.
  const workflow = await admin.get('/api/v1/workflow');
  await admin.expect(200, 'PUT', '/api/v1/workflow', { ...workflow, surveyOnClose: true });
  const closed = await openTicket(alice, world.billing.id);
  await agent.expect(200, 'PATCH', `/api/v1/tickets/${closed.number}`, { status: 'closed' });
  const invites = await env.database.db.selectFrom('outbox').select('payload').execute();
  const link = invites
    .map((r) => JSON.parse(r.payload) as { ticketNumber?: number; url?: string })
    .find((p) => p.ticketNumber === closed.number && p.url?.includes('/survey/'))?.url;
  if (!link) throw new Error('closing a ticket put no survey link in the outbox');
  fixed.surveyToken = String(link.split('/survey/')[1]);

  // A service, a plan, a subscription of the first organisation and one from the billing system.
  fixed.serviceId = (await admin.expect<{ id: string }>(201, 'POST', '/api/v1/services', { name: 'Bot' })).id;
  fixed.planId = (
    await admin.expect<{ id: string }>(201, 'POST', '/api/v1/plans', {
      name: 'Pro',
      ticketLimit: 10,
      cycle: 'monthly',
    })
  ).id;
  fixed.subscriptionId = (
    await admin.expect<{ id: string }>(201, 'POST', '/api/v1/subscriptions', {
      organisationId: world.orgA.id,
      serviceId: fixed.serviceId,
      planId: fixed.planId,
      startsAt: instant,
    })
  ).id;
  await admin.expect(200, 'PUT', `/api/v1/subscriptions/${fixed.externalId}`, {
    customerId: world.carol.user?.id,
    service: 'Bot',
    plan: 'Pro',
    state: 'active',
    startsAt: instant,
  });

  // A ticket type and a custom field.
  await admin.expect(201, 'POST', '/api/v1/ticket-types', { key: fixed.ticketTypeKey, name: 'Question' });
  await admin.expect(201, 'POST', '/api/v1/fields', { key: fixed.fieldKey, label: 'Platform', kind: 'text' });

  tables = (await env.database.db.introspection.getTables()).map((t) => ({ schema: t.schema, name: t.name }));
}, 120_000);
afterAll(() => env?.close());

/** Every row of every table; on PostgreSQL in one round trip. */
async function readTables(): Promise<Map<string, Record<string, unknown>[]>> {
  const db = env.database.db;
  const ref = (t: (typeof tables)[number]) => sql.table(t.schema ? `${t.schema}.${t.name}` : t.name);
  if (env.database.dialect === 'postgres') {
    const columns = tables.map(
      (t, i) => sql`(select coalesce(json_agg(r), '[]'::json) from ${ref(t)} r) as ${sql.ref(`t${i}`)}`,
    );
    const { rows } = await sql<
      Record<string, Record<string, unknown>[]>
    >`select ${sql.join(columns)}`.execute(db);
    return new Map(tables.map((t, i) => [t.name, rows[0]?.[`t${i}`] ?? []]));
  }
  const entries = await Promise.all(
    tables.map(async (t) => {
      const { rows } = await sql<Record<string, unknown>>`select * from ${ref(t)}`.execute(db);
      return [t.name, rows] as const;
    }),
  );
  return new Map(entries);
}

/** The files of the attachment store, with their sizes. */
function storedFiles(): string[] {
  const root = path.join(env.app.ctx.config.dataDir, 'attachments');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter((f) => statSync(path.join(root, f)).isFile())
    .map((f) => `${f}:${statSync(path.join(root, f)).size}`)
    .sort();
}

/** Row count and a hash of the rows of every table, and the files of the attachment store. */
async function snapshot(): Promise<Map<string, string>> {
  const files = storedFiles();
  const result = new Map<string, string>([
    ['(attachment files)', `${files.length} files, ${files.join(' ')}`],
  ]);
  for (const [table, rows] of await readTables()) {
    const lines = rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
    const hash = createHash('sha256').update(lines.sort().join('\n')).digest('hex').slice(0, 16);
    result.set(table, `${rows.length} rows, ${hash}`);
  }
  return result;
}

/**
 * Before each property: fresh sessions, a fresh ticket and tokens, so a property that found a
 * request which logs out or deletes does not leave the next one probing a world without them.
 */
beforeEach(async () => {
  lastSnapshot = null;
  const admin = await loginAdmin(env.app);
  const customer = await login(env.app, String(world.alice.user?.email), world.password);
  const ticket = await openTicket(customer, world.billing.id);
  const other = await openTicket(customer, world.billing.id);
  const canned = await admin.expect<{ id: string }>(201, 'POST', '/api/v1/canned-responses', {
    title: 'Fuzz target',
    body: 'Hello {{customer.name}}',
  });
  const token = async (c: Client) =>
    (await c.expect<{ id: string }>(201, 'POST', '/api/v1/tokens', { name: 'fuzz target' })).id;
  const [adminToken, customerToken] = [await token(admin), await token(customer)];

  const knownIds = new Set<string>();
  const ticketNumbers = new Set<number>();
  let outboxId = '';
  let inboundId = '';
  for (const [table, rows] of await readTables()) {
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === 'string' && /^(id|name|key)$|_id$/.test(column)) knownIds.add(value);
      }
      if (table === 'tickets') ticketNumbers.add(Number(row.number));
      if (table === 'outbox') outboxId = String(row.id);
      if (table === 'inbound_messages') inboundId = String(row.id);
    }
  }
  const common = {
    ...fixed,
    ticketNumber: ticket.number,
    otherTicketNumber: other.number,
    cannedId: canned.id,
    organisationId: world.orgA.id,
    departmentId: world.billing.id,
    outboxId,
    inboundId,
    workflow: await admin.get('/api/v1/workflow'),
    knownIds,
    ticketNumbers,
  };
  actors.admin = {
    client: admin,
    targets: { ...common, userId: String(world.agent.user?.id), tokenId: adminToken },
  };
  actors.customer = {
    client: customer,
    targets: { ...common, userId: String(customer.user?.id), tokenId: customerToken },
  };
});

// ---------------------------------------------------------------------------------------------
// Cases and the oracle.
// ---------------------------------------------------------------------------------------------

type Case = {
  who: Who;
  method: Method;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The request is certainly invalid: only a 4xx is right. Otherwise anything but a 5xx is. */
  mustReject: boolean;
  /** An HTML page's route, whose errors may be HTML. */
  page?: boolean;
  what: string;
  [fc.toStringMethod]: () => string;
};

const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

function describeCase(c: Omit<Case, typeof fc.toStringMethod>): string {
  const body = c.body === undefined ? '(none)' : JSON.stringify(clip(c.body));
  return `[${c.who}] ${c.what}: ${c.method} ${clip(c.url)} headers=${JSON.stringify(c.headers)} body=${body}`;
}

function mkCase(c: Omit<Case, typeof fc.toStringMethod>): Case {
  return { ...c, [fc.toStringMethod]: () => describeCase(c) };
}

const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * The state after the last checked request. Within a property nothing else writes between two
 * requests, so it is the state before the next one; `beforeEach` forgets it.
 */
let lastSnapshot: Map<string, string> | null = null;

async function check(c: Case): Promise<void> {
  const before = lastSnapshot ?? (await snapshot());
  lastSnapshot = null;
  const res: LightMyRequestResponse = await actors[c.who].client.request(c.method, c.url, c.body, c.headers);
  const after = await snapshot();
  lastSnapshot = after;

  const wrong: string[] = [];
  const status = res.statusCode;
  if (status >= 500) wrong.push(`answered ${status}`);
  else if (c.mustReject && status < 400) wrong.push(`accepted invalid input with ${status}`);
  const type = String(res.headers['content-type'] ?? '');
  if (status >= 400 && !(c.page && type.startsWith('text/html'))) {
    if (!type.startsWith('application/problem+json')) wrong.push(`Content-Type ${type || '(none)'}`);
    let problem: Record<string, unknown> | null = null;
    try {
      problem = res.json();
    } catch {
      wrong.push('the body is not JSON');
    }
    if (problem) {
      for (const key of ['type', 'title', 'detail', 'code'] as const) {
        if (typeof problem[key] !== 'string') wrong.push(`problem.${key} is ${JSON.stringify(problem[key])}`);
      }
      if (problem.status !== status)
        wrong.push(`problem.status ${JSON.stringify(problem.status)} ≠ ${status}`);
    }
  }
  const changed = [...after].filter(([table, v]) => before.get(table) !== v).map(([table]) => table);
  if (changed.length > 0) {
    wrong.push(`changed ${changed.map((t) => `${t} (${before.get(t)} → ${after.get(t)})`).join(', ')}`);
  }
  if (wrong.length > 0) {
    throw new Error(
      `${wrong.join('; ')}\n  request:  ${describeCase(c)}\n  response: ${status} ${type} ${clip(res.body, 600)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Generators.
// ---------------------------------------------------------------------------------------------

const NASTY = [
  '\u0000',
  'a\u0000b',
  '😀',
  '\uD800',
  'é',
  'Ω≈ç√',
  '\u202Eevil',
  '\uFEFF',
  '\u0085',
  "' or '1'='1",
  '"; drop table tickets; --',
  '%',
  '_',
  '*',
  '\\',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  ' ',
  '\t\n',
];
const anyString = (maxLength = 40) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.constantFrom(...NASTY),
    fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...NASTY)).map(([a, b]) => a + b),
  );
const encodable = (s: string) => {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};
const text = (s: fc.Arbitrary<string>) => s.filter(encodable);
const isJson = (s: string) => {
  try {
    JSON.parse(s.replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
};
const j = (v: unknown) => JSON.stringify(v);

type Entry = [key: string, valueText: string];
const objectText = (entries: Entry[]) => `{${entries.map(([k, v]) => `${j(k)}:${v}`).join(',')}}`;

/** A string value (as JSON text) too long for any string field. */
const hugeString = fc.oneof(
  fc
    .tuple(fc.integer({ min: 200_000, max: 300_000 }), fc.constantFrom('a', 'é', ' ', '😀', '\u0000'))
    .map(([n, ch]) => ({
      text: j(ch.repeat(Math.ceil(n / ch.length))),
      what: `${n}-unit string of ${j(ch)}`,
    })),
  fc
    .integer({ min: 1_100_000, max: 1_300_000 })
    .map((n) => ({ text: j('a'.repeat(n)), what: `${n}-char string (over the body limit)` })),
);

const deepValue = fc
  .tuple(fc.integer({ min: 64, max: 20_000 }), fc.constantFrom('array', 'object', 'mixed'))
  .map(([depth, shape]) => ({
    text:
      shape === 'array'
        ? '['.repeat(depth) + ']'.repeat(depth)
        : shape === 'object'
          ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
          : '[{"a":'.repeat(depth) + '[]' + '}]'.repeat(depth),
    what: `${shape} nested ${depth} deep`,
  }));

const anyJsonText = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map(j),
  anyString().map(j),
  fc.constantFrom('null', 'true', '0', '-1', '1e308', '[]', '{}'),
);

const notAString = (nullable: boolean) =>
  fc
    .oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.array(anyString(8), { maxLength: 3 }),
      fc.dictionary(anyString(8), anyString(8), { maxKeys: 3 }),
      ...(nullable ? [] : [fc.constant(null)]),
    )
    .map(j);

const unknownId = (t: Targets) =>
  anyString(64).filter((s) => s.length >= 1 && s.length <= 64 && !t.knownIds.has(s));

/** Date and time strings that are not ISO 8601 date-times, with or without an offset. */
const notADatetime = fc.oneof(
  fc.constantFrom(
    '',
    'yesterday',
    'now',
    '2024-01-01',
    '2024-01-01 00:00:00',
    '2024-13-01T00:00:00Z',
    '2024-01-01T25:00:00Z',
    '2024-02-30T00:00:00Z',
    '1700000000',
    'Invalid Date',
  ),
  anyString(30).filter((s) => !/\d{4}-\d\d-\d\dT/.test(s)),
);

function wrongType(f: Field): fc.Arbitrary<string> {
  switch (f.kind) {
    case 'string':
      return notAString(f.nullable === true);
    case 'enum':
    case 'key':
      return notAString(false);
    case 'datetime':
      return fc.oneof(notAString(f.nullable === true), notADatetime.map(j));
    case 'int': {
      const ok = (v: unknown) => {
        const n = f.coerce ? Number(v) : v;
        return typeof n === 'number' && Number.isInteger(n) && n >= f.min && n <= f.max;
      };
      return fc
        .oneof(
          fc.constantFrom<unknown>(null, false, true, '', 'abc', '3', '3.5', 2.5, -1, f.min - 1, f.max + 1),
          fc.constantFrom<unknown>(1e9, 1e300, '1e9', 'Infinity', [], {}, [3], [1, 2]),
          fc.jsonValue({ maxDepth: 2 }),
          anyString(),
        )
        .filter((v) => !ok(v) && !(v === null && f.nullable))
        .map(j);
    }
    case 'list':
      return fc.oneof(
        fc
          .oneof(
            anyString(),
            fc.integer(),
            fc.boolean(),
            fc.constant(null),
            fc.dictionary(anyString(8), anyString(8)),
          )
          .map(j),
        fc
          .array(
            fc.oneof(anyString(8), fc.integer(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 })),
            {
              minLength: 1,
              maxLength: 3,
            },
          )
          .map(j),
        ...(f.min > 0 ? [fc.constant('[]')] : []),
      );
    case 'boolean':
      return fc
        .oneof(
          fc.constantFrom('true', 'false', '1', '0', 'yes', 'on', ''),
          fc.integer(),
          fc.constant(null),
          fc.array(fc.boolean(), { maxLength: 2 }),
          fc.dictionary(anyString(8), fc.boolean(), { maxKeys: 2 }),
        )
        .map(j);
    case 'ids':
      return fc.oneof(
        anyString().map(j),
        fc.integer().map(j),
        fc.constantFrom('null', 'true', '{}', '[""]', j(['x'.repeat(65)])),
        fc
          .array(
            fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 })),
            {
              minLength: 1,
              maxLength: 3,
            },
          )
          .map(j),
        fc.array(fc.uuid(), { minLength: f.max + 1, maxLength: f.max + 5 }).map(j),
      );
    case 'record':
      return fc.oneof(
        fc.array(anyString(8), { maxLength: 3 }).map(j),
        anyString().map(j),
        fc.constantFrom('null', 'true', '1', '"{}"'),
        fc
          .tuple(anyString(8), fc.oneof(fc.dictionary(fc.string(), fc.string()), fc.array(fc.integer())))
          .map(([k, v]) => j({ [k]: v })),
        fc.string({ minLength: 101, maxLength: 150 }).map((k) => j({ [k]: 'v' })),
        fc.integer({ min: 10_001, max: 12_000 }).map((n) => j({ k: 'v'.repeat(n) })),
      );
    case 'flags':
      return fc.oneof(
        fc.oneof(anyString(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.boolean())).map(j),
        fc
          .tuple(fc.constantFrom(...f.keys), fc.oneof(anyString(8), fc.integer(), fc.constant(null)))
          .map(([k, v]) => j({ [k]: v })),
        anyString(12)
          .filter((k) => !f.keys.includes(k))
          .map((k) => j({ [k]: true })),
      );
  }
}

function badEnum(f: Field): fc.Arbitrary<string> | null {
  if (f.kind === 'key') {
    return anyString(80)
      .filter((s) => !/^[a-z][a-z0-9_]{0,63}$/.test(s))
      .map(j);
  }
  if (f.kind !== 'enum') return null;
  const values = f.values;
  const known = (s: string) => values.includes(f.trim ? s.trim() : s);
  return fc
    .oneof(
      anyString(20),
      fc
        .constantFrom(...values)
        .chain((v) =>
          fc.constantFrom(
            v.toUpperCase(),
            ` ${v}`,
            `${v} `,
            `${v}\u0000`,
            v.slice(0, -1),
            `${v}x`,
            `${v},${v}`,
          ),
        ),
    )
    .filter((s) => !known(s))
    .map(j);
}

/** Text that is not JSON, though the Content-Type says it is. */
const notJson = (validText: string) =>
  fc
    .oneof(
      fc.constantFrom(
        '{',
        '}',
        '[',
        '{"a":',
        "{'a':1}",
        '{"a":1,}',
        '[1,]',
        'NaN',
        'Infinity',
        'undefined',
        'nul',
        'tru',
        '{"a" 1}',
        '{a:1}',
        '\u0000',
        '/* */ {}',
        '{"a":"\u0000"}',
        '{"a":"\\x41"}',
        '"unterminated',
        '01',
        '.5',
        '+1',
        '0x10',
        '[1 2]',
        ' ',
        '{"__proto__":{"admin":true}}',
        '{"constructor":{"prototype":{"admin":true}}}',
      ),
      fc.integer({ min: 1, max: validText.length - 1 }).map((k) => validText.slice(0, k)),
      fc.constantFrom(
        `${validText}}`,
        `${validText},`,
        `${validText} x`,
        validText.replaceAll('"', "'"),
        `{${validText}`,
        `${validText}${validText}`,
      ),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
    )
    // Prototype-polluting keys are valid JSON that the server must refuse all the same.
    .filter((s) => s.length > 0 && (!isJson(s) || /__proto__|constructor/.test(s)));

const UNSUPPORTED_TYPES = [
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----fuzz',
  'application/xml',
  'text/html',
  'application/octet-stream',
  'image/png',
  'application/vnd.api+json',
  'text/json',
];

type BodyCase = { text: string; contentType: string; what: string };

/** A JSON text of a type other than object. */
const notAnObject = (validText: string) =>
  fc.oneof(
    fc.constantFrom(
      'null',
      'true',
      'false',
      '0',
      '-1.5',
      '1e308',
      '[]',
      '""',
      `[${validText}]`,
      j(validText),
    ),
    anyString().map(j),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }).map(j),
  );

/**
 * Bodies certainly refused by a route that takes `spec` (one of the shapes in `union`): the valid
 * body with one thing wrong.
 */
function badBody(spec: BodySpec, t: Targets, union: BodySpec[] = [spec]): fc.Arbitrary<BodyCase> {
  const valid = spec.valid(t);
  const validText = j(valid);
  const entries: Entry[] = Object.entries(valid).map(([k, v]) => [k, j(v)]);
  const keys = Object.keys(spec.fields);
  const withField = (key: string, valueText: string) =>
    objectText([...entries.filter(([k]) => k !== key), [key, valueText]]);
  const json = (text: string, what: string): BodyCase => ({ text, contentType: 'application/json', what });
  const pick = (pred: (f: Field) => boolean) => keys.filter((k) => pred(spec.fields[k] as Field));
  const required = pick((f) => 'required' in f && f.required === true);
  const enums = pick((f) => f.kind === 'enum' || f.kind === 'key');
  const refs = pick((f) => 'ref' in f && f.ref !== undefined);
  if (union.length > 1 && required.length === 0)
    throw new Error('each shape of a union needs a required field');
  // Unknown to every shape of a union, so adding it cannot turn the body into another shape.
  const anyKeys = union.flatMap((u) => Object.keys(u.fields));
  const unknownKey = fc
    .oneof(
      anyString(20),
      fc.constantFrom('id', 'number', 'role', 'admin', 'createdAt', 'organisation_id', ''),
    )
    .filter((k) => !anyKeys.includes(k));
  const EXTRA = '(unknown field)';
  const WHOLE = '(whole body)';

  const arbs: fc.Arbitrary<BodyCase>[] = [
    fc
      .tuple(unknownKey, anyJsonText)
      .map(([k, v]) => json(objectText([...entries, [k, v]]), `unknown field ${j(clip(k, 40))}`)),
    ...(keys.length === 0
      ? []
      : [
          fc
            .constantFrom(...keys)
            .chain((k) =>
              wrongType(spec.fields[k] as Field).map((v) => json(withField(k, v), `wrong type for ${k}`)),
            ),
        ]),
    fc
      .tuple(fc.constantFrom(...keys, EXTRA, '(unknown key)'), hugeString)
      .map(([k, h]) =>
        k === EXTRA
          ? json(objectText([...entries, ['fuzz', h.text]]), `unknown field holding a ${h.what}`)
          : k === '(unknown key)'
            ? json(`${validText.slice(0, -1)},${h.text}:1}`, `a ${h.what} as a key`)
            : json(withField(k, h.text), `${k} is a ${h.what}`),
      ),
    fc
      .tuple(fc.constantFrom(...keys, EXTRA, WHOLE), deepValue)
      .map(([k, d]) =>
        k === WHOLE
          ? json(d.text, `the body is ${d.what}`)
          : k === EXTRA
            ? json(objectText([...entries, ['fuzz', d.text]]), `unknown field ${d.what}`)
            : json(withField(k, d.text), `${k} ${d.what}`),
      ),
    notAnObject(validText).map((text) => json(text, 'the body is not an object')),
    notJson(validText).map((text) => json(text, 'the body is not JSON')),
    fc.constant(json('', 'an empty body')),
    fc
      .tuple(
        fc.constantFrom(...UNSUPPORTED_TYPES, 'text/plain'),
        fc.constantFrom(validText, 'a=1&b=2', '<a/>'),
      )
      .map(([contentType, text]) => ({ text, contentType, what: `a ${contentType} body` })),
  ];
  if (enums.length > 0) {
    arbs.push(
      fc
        .constantFrom(...enums)
        .chain((k) =>
          (badEnum(spec.fields[k] as Field) as fc.Arbitrary<string>).map((v) =>
            json(withField(k, v), `bad ${k}`),
          ),
        ),
    );
  }
  if (required.length > 0) {
    arbs.push(
      fc
        .constantFrom(...required)
        .map((k) => json(objectText(entries.filter(([key]) => key !== k)), `${k} missing`)),
    );
  }
  if (spec.emptyIsInvalid) arbs.push(fc.constant(json('{}', 'nothing to change')));
  if (refs.length > 0) {
    arbs.push(
      fc.constantFrom(...refs).chain((k) => {
        const f = spec.fields[k] as Field;
        const value =
          f.kind === 'int'
            ? fc
                .integer({ min: 1_000_000, max: f.max })
                .filter((n) => !t.ticketNumbers.has(n))
                .map(j)
            : f.kind === 'ids'
              ? fc.array(unknownId(t), { minLength: 1, maxLength: 3 }).map(j)
              : unknownId(t).map(j);
        return value.map((v) => json(withField(k, v), `${k} names nothing`));
      }),
    );
  }
  return fc.oneof(...arbs);
}

/** Any body at all, for a route that takes none. */
const unwantedBody: fc.Arbitrary<BodyCase> = fc.oneof(
  notJson('{"fuzz":1}').map((text) => ({
    text,
    contentType: 'application/json',
    what: 'the body is not JSON',
  })),
  notAnObject('{"fuzz":1}').map((text) => ({ text, contentType: 'application/json', what: 'a JSON body' })),
  fc
    .dictionary(anyString(10), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 })
    .map((o) => ({ text: j(o), contentType: 'application/json', what: 'a JSON object body' })),
  deepValue.map((d) => ({ text: d.text, contentType: 'application/json', what: `a body ${d.what}` })),
  hugeString.map((h) => ({ text: h.text, contentType: 'application/json', what: `a body of a ${h.what}` })),
  fc
    .tuple(
      fc.constantFrom(...UNSUPPORTED_TYPES, 'text/plain', 'message/rfc822'),
      fc.constantFrom('{"fuzz":1}', 'a=1', 'x'),
    )
    .map(([contentType, text]) => ({ text, contentType, what: `a ${contentType} body` })),
);

type Part = { name: string; filename?: string; content: string };
const BOUNDARY = 'fuzz-boundary';
function multipart(parts: Part[], boundary = BOUNDARY) {
  const part = (p: Part) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"` +
    (p.filename === undefined ? '\r\n' : `; filename="${p.filename}"\r\nContent-Type: text/plain\r\n`) +
    `\r\n${p.content}\r\n`;
  return {
    text: `${parts.map(part).join('')}--${boundary}--\r\n`,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Uploads certainly refused: no file in the field "file", an empty one, or no multipart at all. */
const badUpload: fc.Arbitrary<BodyCase> = (() => {
  const fieldName = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/).filter((n) => n !== 'file');
  const content = fc.string({ minLength: 1, maxLength: 200 }).filter((c) => !c.includes(`--${BOUNDARY}`));
  const upload = (parts: Part[], what: string): BodyCase => ({ ...multipart(parts), what });
  return fc.oneof(
    fc
      .tuple(fieldName, content)
      .map(([name, c]) =>
        upload([{ name, filename: 'a.txt', content: c }], `the file in the field ${j(name)}`),
      ),
    fc.constant(upload([{ name: 'file', filename: 'a.txt', content: '' }], 'an empty file')),
    content.map((c) => upload([{ name: 'file', content: c }], 'a field "file" that is no file')),
    fc.array(fc.tuple(fieldName, content), { minLength: 1, maxLength: 10 }).map((fields) =>
      upload(
        fields.map(([name, c]) => ({ name, content: c })),
        `${fields.length} fields, no file`,
      ),
    ),
    fc.constant(upload([], 'no parts')),
    fc
      .tuple(
        fc.constantFrom(`multipart/form-data; boundary=${BOUNDARY}`, 'multipart/form-data'),
        anyString(200),
      )
      .map(([contentType, text]) => ({ text, contentType, what: 'a broken multipart body' })),
    unwantedBody,
  );
})();

// ---- query strings ----

type QueryPart = { raw: string; what: string };
const BAD_URL_ENCODINGS = ['%', '%zz', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%FF'];
const pair = (k: string, v: string): string => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`;
const cursorOf = (v: unknown) => Buffer.from(j(v)).toString('base64url');
const isCursorShape = (s: string, arity: number) => {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    return (
      Array.isArray(v) &&
      v.length === arity &&
      v.every((x) => x === null || ['string', 'number'].includes(typeof x))
    );
  } catch {
    return false;
  }
};
const cursorScalar = fc.oneof(
  anyString(20),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1.5, -0.5, 1e300, -1e300, 2 ** 53, 2 ** 63, 0, -1, null),
);

/** A value the field certainly refuses. */
function badQueryValue(f: QField, ticketCursor: boolean): fc.Arbitrary<string> {
  switch (f.kind) {
    case 'limit':
      return fc
        .oneof(
          fc.integer({ min: -1_000_000, max: 0 }).map(String),
          fc.integer({ min: 101, max: 2 ** 31 }).map(String),
          fc.double({ noNaN: true }).map(String),
          fc.constantFrom('', 'abc', '1.5', '1e400', '-0', 'NaN', 'Infinity', '1,2', '[1]', '25abc', '١٠'),
          text(anyString(10)),
        )
        .filter((v) => {
          const n = Number(v);
          return !(Number.isInteger(n) && n >= 1 && n <= 100);
        });
    case 'cursor':
      return fc.oneof(
        text(anyString(60)).filter((s) => s.length > 0 && !isCursorShape(s, f.arity)),
        fc
          .oneof(
            fc.jsonValue({ maxDepth: 2 }).filter((v) => !Array.isArray(v) || v.length !== f.arity),
            fc.tuple(fc.constantFrom(true, {}, [], [1, 2]), cursorScalar),
            fc.tuple(cursorScalar, fc.constantFrom(false, { a: 1 }, [null])),
            fc.array(cursorScalar, { minLength: f.arity + 1, maxLength: f.arity + 3 }),
            ...(ticketCursor ? [fc.tuple(cursorScalar, anyString(10))] : []),
          )
          .map(cursorOf),
        fc.integer({ min: 501, max: 2000 }).map((n) => 'A'.repeat(n)),
        fc.constantFrom('%', '%zz', '!!!!', 'W1', 'bnVsbA'),
      );
    case 'id':
      return fc.oneof(
        ...(f.emptyOk ? [] : [fc.constant('')]),
        text(fc.string({ minLength: 65, maxLength: 300 })),
      );
    case 'text':
      return text(fc.string({ minLength: f.max + 1, maxLength: f.max + 100 }));
    case 'search':
      return fc.oneof(
        fc.constantFrom('', ' ', '\t', '!!!', '"*"', '-', '_', '()', '\u0000'),
        fc.string({
          unit: fc.constantFrom(...' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'),
          minLength: 1,
          maxLength: 30,
        }),
        fc.string({ minLength: 201, maxLength: 400 }).filter((s) => s.trim().length > 200),
      );
    case 'enum':
      return text(anyString(20)).filter((s) => !f.values.includes(s));
    case 'csv':
      return fc
        .tuple(
          fc.array(fc.constantFrom(...f.values), { maxLength: 2 }),
          text(anyString(12)).filter((s) => !s.includes(',') && !f.values.includes(s.trim())),
        )
        .map(([good, bad]) => [...good, bad].join(','));
    case 'statuses':
      return fc.oneof(
        fc.constantFrom('', ',', 'open,', ',open', 'open,,closed', ' '),
        fc.string({ minLength: 65, maxLength: 120 }).filter((s) => !s.includes(',') && s.trim().length > 64),
        fc.string({ minLength: 501, maxLength: 600 }),
      );
    case 'datetime':
      return text(fc.oneof(notADatetime, fc.constant('2024-01-01T00:00:00+01:00')));
  }
}

/** A value that is odd but not certainly refused (unknown filter values, forged cursors). */
function oddQueryValue(f: QField): fc.Arbitrary<string> | null {
  switch (f.kind) {
    case 'cursor':
      return fc.oneof(
        fc.constant(''),
        fc.array(cursorScalar, { minLength: f.arity, maxLength: f.arity }).map(cursorOf),
        fc
          .tuple(anyString(20), fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })))
          .map((v) => cursorOf(v.slice(0, f.arity))),
      );
    case 'id':
      return text(anyString(64)).filter((s) => s.length >= 1 && s.length <= 64);
    case 'text':
      return text(anyString(60));
    case 'search':
      return text(anyString(60)).map((s) => `${s} fuzz`);
    case 'statuses':
      return text(anyString(30)).filter((s) => s.trim().length > 0 && !s.includes(','));
    case 'datetime':
      return fc
        .date({
          min: new Date('0000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString());
    default:
      return null;
  }
}

/** A valid value for the field, to surround the wrong part with. */
function goodQueryValue(f: QField, t: Targets): fc.Arbitrary<string> | null {
  switch (f.kind) {
    case 'limit':
      return fc.integer({ min: 1, max: 100 }).map(String);
    case 'id':
      return fc.constantFrom(...f.valid(t));
    case 'text':
      return fc.constantFrom('x', 'notification');
    case 'search':
      return fc.constantFrom('bot', 'trading positions');
    case 'enum':
      return fc.constantFrom(...f.values);
    case 'csv':
      return fc.subarray([...f.values], { minLength: 1 }).map((v) => v.join(','));
    case 'statuses':
      return fc.constantFrom('open', 'open,answered');
    case 'datetime':
      return fc.constantFrom('2020-01-01T00:00:00Z', '2030-01-01T00:00:00.000Z');
    case 'cursor':
      return null;
  }
}

function queryCase(
  spec: QuerySpec | undefined,
  t: Targets,
): fc.Arbitrary<QueryPart & { mustReject: boolean }> {
  const noise = fc
    .array(fc.tuple(text(anyString(12)), text(anyString(12))), { minLength: 1, maxLength: 3 })
    .map((pairs) => ({
      raw: pairs.map(([k, v]) => pair(k, v)).join('&'),
      what: 'query parameters',
      mustReject: false,
    }));
  if (!spec) return noise;
  const keys = Object.keys(spec.fields);
  const field = (k: string) => spec.fields[k] as QField;
  const base = (except: string) => {
    const others = keys.filter((k) => k !== except && goodQueryValue(field(k), t) !== null);
    return fc
      .subarray(others, { maxLength: Math.min(3, others.length) })
      .chain((ks) =>
        ks.length === 0
          ? fc.constant([] as string[])
          : fc.tuple(
              ...ks.map((k) => (goodQueryValue(field(k), t) as fc.Arbitrary<string>).map((v) => pair(k, v))),
            ),
      );
  };
  const around = (except: string, part: QueryPart, mustReject: boolean) =>
    fc.tuple(base(except), fc.nat()).map(([pairs, at]) => {
      const all = [...pairs];
      all.splice(at % (all.length + 1), 0, part.raw);
      return { raw: all.join('&'), what: part.what, mustReject };
    });
  const unknownKey = fc
    .oneof(
      text(anyString(20)),
      fc.constantFrom(
        '__proto__',
        'constructor',
        'toString',
        'limit[]',
        'Limit',
        'LIMIT',
        ' limit',
        'a[b]',
        '',
      ),
    )
    .filter((k) => !keys.includes(k) && !spec.dynamic?.pattern.test(k));
  const bad = fc.constantFrom(...keys).chain((k) => {
    const f = field(k);
    const wrongValue = badQueryValue(f, spec.ticketCursor === true);
    const parts: fc.Arbitrary<QueryPart>[] = [
      wrongValue.map((v) => ({ raw: pair(k, v), what: `bad ${k}` })),
      // Given twice where one value is expected: 400, whatever the values.
      fc
        .array(fc.oneof(goodQueryValue(f, t) ?? wrongValue, wrongValue), { minLength: 2, maxLength: 3 })
        .map((vs) => ({ raw: vs.map((v) => pair(k, v)).join('&'), what: `${k} given ${vs.length} times` })),
    ];
    const emptyOk = f.kind === 'cursor' || f.kind === 'text' || (f.kind === 'id' && f.emptyOk);
    if (!emptyOk) parts.push(fc.constant({ raw: encodeURIComponent(k), what: `${k} without a value` }));
    return fc.oneof(...parts).chain((part) => around(k, part, true));
  });
  const unknown = fc
    .tuple(unknownKey, text(anyString(12)))
    .chain(([k, v]) => around(k, { raw: pair(k, v), what: `unknown parameter ${j(k)}` }, !spec.loose));
  const dynamic = spec.dynamic;
  const named = dynamic
    ? [
        text(fc.string({ minLength: dynamic.max + 1, maxLength: dynamic.max + 50 })).chain((v) =>
          around('', { raw: pair(dynamic.example, v), what: `${dynamic.example} too long` }, true),
        ),
        fc.tuple(text(anyString(12)), text(anyString(12))).chain(([a, b]) =>
          around(
            '',
            {
              raw: `${pair(dynamic.example, a)}&${pair(dynamic.example, b)}`,
              what: `${dynamic.example} twice`,
            },
            true,
          ),
        ),
        fc
          .tuple(fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/), text(anyString(40)))
          .chain(([key, v]) =>
            around('', { raw: pair(`fields.${key}`, v), what: `odd fields.${key}` }, false),
          ),
      ]
    : [];
  const oddKeys = keys.filter((k) => oddQueryValue(field(k)) !== null);
  const odd = fc.oneof(
    ...(oddKeys.length === 0
      ? []
      : [
          fc
            .constantFrom(...oddKeys)
            .chain((k) =>
              (oddQueryValue(field(k)) as fc.Arbitrary<string>).chain((v) =>
                around(k, { raw: pair(k, v), what: `odd ${k}` }, false),
              ),
            ),
        ]),
    // Left to the query parser: what a malformed escape decodes to depends on it.
    fc
      .tuple(fc.constantFrom(...keys), fc.constantFrom(...BAD_URL_ENCODINGS))
      .chain(([k, v]) => around(k, { raw: `${k}=${v}`, what: `${k} malformed percent-encoding` }, false)),
  );
  return fc.oneof(
    { arbitrary: bad, weight: 4 },
    { arbitrary: unknown, weight: 2 },
    { arbitrary: odd, weight: 1 },
    ...named.map((arbitrary) => ({ arbitrary, weight: 1 })),
  );
}

// ---- path parameters ----

type ParamCase = { raw: string; what: string };

function badParam(kind: ParamKind, t: Targets): fc.Arbitrary<ParamCase> {
  const encoded = (s: fc.Arbitrary<string>, what: string) =>
    text(s).map((v) => ({ raw: encodeURIComponent(v), what: `${what} ${j(clip(v, 40))}` }));
  const common = [
    fc.constantFrom(...BAD_URL_ENCODINGS).map((raw) => ({ raw, what: 'malformed percent-encoding' })),
    fc
      .integer({ min: 201, max: 400 })
      .map((n) => ({ raw: '7'.repeat(n), what: `a ${n}-character parameter` })),
  ];
  const decoded = (p: ParamCase) => {
    try {
      return decodeURIComponent(p.raw);
    } catch {
      return null;
    }
  };
  if (kind === 'externalId') return fc.oneof(...common, fc.constant({ raw: '', what: 'an empty parameter' }));
  if (kind === 'ticket') {
    return fc
      .oneof(
        ...common,
        encoded(anyString(30), 'the string'),
        encoded(
          fc.constantFrom(
            '0',
            '-1',
            '1.5',
            '1e400',
            'Infinity',
            'NaN',
            '１',
            '١',
            '0x',
            '1/2',
            '9007199254740993',
          ),
          'the number',
        ),
        encoded(
          fc.stringMatching(/^[1-9][0-9]{16,199}$/).filter((s) => Number(s) > Number.MAX_SAFE_INTEGER),
          'the huge number',
        ),
        encoded(
          fc.integer({ min: 1_000_000, max: Number.MAX_SAFE_INTEGER }).map(String),
          'the unknown ticket number',
        ),
      )
      .filter((p) => !t.ticketNumbers.has(Number(decoded(p) ?? Number.NaN)));
  }
  return fc
    .oneof(
      ...common,
      encoded(anyString(64), 'the id'),
      encoded(fc.uuid(), 'the unknown id'),
      encoded(fc.string({ minLength: 65, maxLength: 200 }), 'the long id'),
    )
    .filter((p) => {
      const value = decoded(p);
      return value === null || (!t.knownIds.has(value) && value !== t.surveyToken);
    });
}

// ---- whole requests ----

function pathFor(r: Route, t: Targets, param?: string): string {
  const real: Record<ParamKind, string> = {
    ticket: String(t.ticketNumber),
    organisation: t.organisationId,
    department: t.departmentId,
    user: t.userId,
    token: t.tokenId,
    survey: t.surveyToken,
    service: t.serviceId,
    plan: t.planId,
    subscription: t.subscriptionId,
    outbox: t.outboxId,
    inbound: t.inboundId,
    attachment: t.attachmentId,
    ticketType: t.ticketTypeKey,
    field: t.fieldKey,
    canned: t.cannedId,
    externalId: t.externalId,
  };
  return r.param ? r.path.replace(/:[A-Za-z]+/, param ?? encodeURIComponent(real[r.param])) : r.path;
}

const routesFor = (who: Who) => ROUTES.filter((r) => who === 'admin' || r.customer);
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

/** Bodies for the routes that take no JSON: none at all, raw mail, or an upload. */
function otherBodyCases(who: Who): fc.Arbitrary<Case> {
  const t = actors[who].targets;
  const routes = routesFor(who).filter((r) => r.body === 'none' || r.body === 'raw' || r.body === 'upload');
  const note = { none: 'takes no body', raw: 'refuses this caller', upload: 'takes one file' } as const;
  return fc.constantFrom(...routes).chain((r) =>
    (r.body === 'upload' ? badUpload : unwantedBody).map((b) =>
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
    badParam(r.param as ParamKind, t).map((p) => {
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
    fc.asyncProperty(arb, (c) => check(c)),
    { numRuns, examples: examples.map((e) => [e] as [Case]) },
  );
}

/** A hand-written case, for the regressions pinned as examples. */
function example(
  what: string,
  method: Method,
  url: string,
  body?: string,
  opts: { who?: Who; mustReject?: boolean } = {},
): Case {
  const headers = body === undefined ? {} : JSON_TYPE;
  return mkCase({
    who: opts.who ?? 'admin',
    method,
    url,
    headers,
    body,
    mustReject: opts.mustReject ?? true,
    what,
  });
}

// ---------------------------------------------------------------------------------------------

describe('fuzzing the route table with malformed requests', () => {
  it('has a fuzz entry for every registered route, and a registered route for every entry', () => {
    const registered = registeredRoutes(env.app);
    const exempt = (r: string) => NOT_FUZZED.some((n) => n.match(r.replace(/^HEAD /, 'GET ')));
    // The parse of printRoutes is checked against the router itself and the OpenAPI document.
    for (const route of [...registered].filter((r) => !exempt(r))) {
      const [method, url] = route.split(' ') as [Method, string];
      expect(env.app.hasRoute({ method, url }), route).toBe(true);
    }
    const documented = Object.entries(env.app.swagger().paths ?? {}).flatMap(([path, ops]) =>
      Object.keys(ops ?? {})
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.length).toBeGreaterThan(10);
    expect(
      documented.filter((d) => !registered.has(d)),
      'documented but not parsed',
    ).toEqual([]);

    const fuzzed = new Set(ROUTES.map(routeKey));
    const missing = [...registered].filter((r) => !r.startsWith('HEAD ') && !fuzzed.has(r) && !exempt(r));
    expect(missing, 'routes without an entry in ROUTES of test/property.test.ts').toEqual([]);
    expect(
      [...fuzzed].filter((r) => !registered.has(r)),
      'entries for routes that do not exist',
    ).toEqual([]);
    expect(fuzzed.size, 'duplicate entries').toBe(ROUTES.length);
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
          j({ ...TICKET.valid(t), departmentId: '\u0000' }),
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
