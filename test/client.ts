import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Ticket } from '../common/api.js';
import type { App } from '../src/http/types.js';
import { ADMIN } from './helpers.js';

type Json = Record<string, unknown>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** An API caller signed in one way or another, speaking HTTP to the app through inject(). */
export class Client {
  constructor(
    readonly app: App,
    readonly auth: { cookie?: string; token?: string } = {},
    readonly user?: Json & { id: string; email: string },
  ) {}

  request(
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { ...headers };
    if (this.auth.cookie) h.cookie = `tessera_session=${this.auth.cookie}`;
    if (this.auth.token) h.authorization = `Bearer ${this.auth.token}`;
    const opts: InjectOptions = { method, url, headers: h };
    if (body !== undefined) opts.payload = body as InjectOptions['payload'];
    return this.app.inject(opts);
  }

  /** The parsed JSON of a request that must answer `status`. */
  async expect<T = Json>(status: number, method: Method, url: string, body?: unknown): Promise<T> {
    const res = await this.request(method, url, body);
    if (res.statusCode !== status) {
      throw new Error(`${method} ${url}: expected ${status}, got ${res.statusCode}: ${res.body}`);
    }
    return (res.body ? res.json() : null) as T;
  }

  get = <T = Json>(url: string) => this.expect<T>(200, 'GET', url);
}

export async function login(app: App, email: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'tessera_session');
  return new Client(app, { cookie: cookie?.value }, res.json().user);
}

export const loginAdmin = (app: App) => login(app, ADMIN.email, ADMIN.password);

let seq = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++seq}`;

/**
 * A small world for one test: an organisation with two customers, another organisation with one,
 * two departments, an agent in the first only, and the admin. Everyone is signed in.
 */
export async function makeWorld(app: App) {
  const admin = await loginAdmin(app);
  const [orgA, orgB] = await Promise.all([
    admin.expect<Json & { id: string }>(201, 'POST', '/api/v1/organisations', { name: unique('Acme') }),
    admin.expect<Json & { id: string }>(201, 'POST', '/api/v1/organisations', { name: unique('Globex') }),
  ]);
  const billing = await admin.expect<{ id: string; name: string }>(201, 'POST', '/api/v1/departments', {
    name: unique('Billing'),
  });
  const tech = await admin.expect<{ id: string; name: string }>(201, 'POST', '/api/v1/departments', {
    name: unique('Technical'),
  });
  const password = 'correct horse battery';
  const mk = async (role: string, extra: Json = {}) => {
    const email = `${unique(role)}@example.test`;
    await admin.expect(201, 'POST', '/api/v1/users', { email, name: unique(role), role, password, ...extra });
    return login(app, email, password);
  };
  const [alice, bob, carol, agent, outsider] = await Promise.all([
    mk('customer', { organisationId: orgA.id }),
    mk('customer', { organisationId: orgA.id }),
    mk('customer', { organisationId: orgB.id }),
    mk('agent', { departmentIds: [billing.id] }),
    mk('agent', { departmentIds: [tech.id] }),
  ]);
  return { admin, orgA, orgB, billing, tech, alice, bob, carol, agent, techAgent: outsider, password };
}

export function openTicket(client: Client, departmentId: string, extra: Json = {}): Promise<Ticket> {
  return client.expect<Ticket>(201, 'POST', '/api/v1/tickets', {
    subject: 'Bot stopped trading',
    description: 'Since this morning the bot does not open positions.',
    departmentId,
    priority: 'high',
    ...extra,
  });
}
