import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../common/api.js';
import type { Actor } from '../src/context.js';
import { policyPlugin } from '../src/http/policy.plugin.js';
import { authorize } from '../src/policies/policy.js';
import { ROUTE_POLICIES } from '../src/policies/routes.js';
import { type Client, makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// Every route that changes something is held to the policy: it names the action its service
// authorizes, or why it is public. The route table itself is walked, so a new route is covered
// the moment it exists.

let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  env = await startTestApp();
  w = await makeWorld(env.app);
});
afterAll(() => env?.close());

describe('the route table', () => {
  it('has mutating routes, each one declared', () => {
    expect(env.app.mutatingRoutes.length).toBeGreaterThan(50);
    const undeclared = env.app.mutatingRoutes.filter((key) => !ROUTE_POLICIES[key]);
    expect(undeclared).toEqual([]);
  });

  it('declares no route that does not exist', () => {
    const routes = new Set(env.app.mutatingRoutes);
    expect(Object.keys(ROUTE_POLICIES).filter((key) => !routes.has(key))).toEqual([]);
  });

  it('gives a reason for every public route', () => {
    for (const [key, policy] of Object.entries(ROUTE_POLICIES)) {
      if (typeof policy === 'object') expect(policy.public.length, key).toBeGreaterThan(10);
    }
  });
});

describe('a route that forgets its check', () => {
  const actor: Actor = {
    id: 'u',
    email: 'u@x.test',
    name: 'U',
    role: 'admin',
    organisationId: null,
    departmentIds: [],
  };
  const build = async () => {
    const app = Fastify();
    app.decorateRequest('actor', null);
    app.addHook('onRequest', async (req) => {
      req.actor = { ...actor };
    });
    await app.register(policyPlugin);
    return app;
  };

  it('stops the app from starting when it declares nothing', async () => {
    const app = await build();
    expect(() => app.post('/api/v1/undeclared', async () => ({}))).toThrow(
      'POST /api/v1/undeclared declares no policy in src/policies/routes.ts',
    );
    await app.close();
  });

  it('answers 500, not success, when its service skips the declared action', async () => {
    ROUTE_POLICIES['POST /test/forgetful'] = 'ticket.delete';
    ROUTE_POLICIES['POST /test/careful'] = 'ticket.delete';
    try {
      const app = await build();
      app.post('/test/forgetful', async () => ({ ok: true }));
      app.post('/test/careful', async (req) => {
        authorize(req.actor as Actor, 'ticket.delete');
        return { ok: true };
      });
      expect((await app.inject({ method: 'POST', url: '/test/forgetful' })).statusCode).toBe(500);
      expect((await app.inject({ method: 'POST', url: '/test/careful' })).statusCode).toBe(200);
      await app.close();
    } finally {
      delete ROUTE_POLICIES['POST /test/forgetful'];
      delete ROUTE_POLICIES['POST /test/careful'];
    }
  });
});

describe('abilities say what the API then allows', () => {
  const cases: [string, (x: typeof w) => Client][] = [
    ['a customer', (x) => x.alice],
    ['an agent of the department', (x) => x.agent],
    ['an administrator', (x) => x.admin],
  ];
  it.each(cases)('for %s', async (_who, pick) => {
    const client = pick(w);
    const opened = await openTicket(w.alice, w.billing.id, { subject: 'Abilities check' });
    const { abilities } = await client.get<Ticket>(`/api/v1/tickets/${opened.number}`);
    const path = `/api/v1/tickets/${opened.number}`;
    const update = await client.request('PATCH', path, { priority: 'high' });
    expect(update.statusCode).toBe(abilities.update ? 200 : 403);
    const note = await client.request('POST', `${path}/messages`, { body: 'A note', internal: true });
    expect(note.statusCode).toBe(abilities.addInternalNote ? 201 : 403);
    const reply = await client.request('POST', `${path}/messages`, { body: 'A reply' });
    expect(reply.statusCode).toBe(abilities.reply ? 201 : 403);
    const remove = await client.request('DELETE', path);
    expect(remove.statusCode).toBe(abilities.delete ? 204 : 403);
  });
});

describe('administrators change anyone’s role or access but their own', () => {
  it('answers 409 to demoting or deactivating oneself and changes nothing', async () => {
    const me = await w.admin.get<{ id: string; role: string }>('/api/v1/me');
    const path = `/api/v1/users/${me.id}`;
    for (const change of [{ role: 'agent' }, { active: false }]) {
      const res = await w.admin.request('PATCH', path, change);
      expect(res.statusCode, JSON.stringify(change)).toBe(409);
      expect(res.json().detail).toBe('You cannot demote or deactivate yourself');
    }
    expect(await w.admin.get<{ role: string; active: boolean }>(path)).toMatchObject({
      role: 'admin',
      active: true,
    });
  });

  it('lets an administrator demote another one', async () => {
    const email = `second-admin-${Date.now()}@example.test`;
    const other = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/users', {
      email,
      name: 'Second Admin',
      role: 'admin',
      password: w.password,
    });
    const res = await w.admin.request('PATCH', `/api/v1/users/${other.id}`, { role: 'agent', active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'agent', active: false });
  });
});
