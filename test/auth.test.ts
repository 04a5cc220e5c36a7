import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, login, makeWorld, openTicket } from './client.js';
import { ADMIN, startTestApp, type TestEnv } from './helpers.js';

let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  env = await startTestApp({ env: { TESSERA_LOGIN_RATE_LIMIT: '5' } });
  w = await makeWorld(env.app);
});
afterAll(() => env?.close());

const count = async (table: 'tickets' | 'messages') =>
  Number(
    (
      await env.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('sign-in', () => {
  it('answers 401 problem+json without credentials, and for a bad bearer token', async () => {
    const anon = new Client(env.app);
    for (const url of ['/api/v1/me', '/api/v1/tickets', '/api/v1/departments']) {
      const res = await anon.request('GET', url);
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
    }
    const bad = await new Client(env.app, { token: 'tsr_not-a-token' }).request('GET', '/api/v1/me');
    expect(bad.statusCode).toBe(401);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie and reports the user', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: ADMIN });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'tessera_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(res.json().user).toMatchObject({ email: ADMIN.email, role: 'admin' });
    expect(res.body).not.toContain('password');
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const unknown = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.test', password: 'whatever-123' },
    });
    const wrong = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: w.alice.user?.email, password: 'whatever-123' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
  });

  it('locks an email after repeated failures, even with the right password, with Retry-After', async () => {
    const email = w.bob.user?.email;
    for (let i = 0; i < 5; i++) {
      const r = await env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: `nope-${i}-xx` },
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: w.password },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('logs out: the old cookie no longer works', async () => {
    const c = await login(env.app, w.carol.user!.email, w.password);
    await c.expect(204, 'POST', '/api/v1/auth/logout');
    expect((await c.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('a deactivated user is signed out everywhere', async () => {
    const c = await login(env.app, w.carol.user!.email, w.password);
    await w.admin.expect(200, 'PATCH', `/api/v1/users/${c.user?.id}`, { active: false });
    expect((await c.request('GET', '/api/v1/me')).statusCode).toBe(401);
    await w.admin.expect(200, 'PATCH', `/api/v1/users/${c.user?.id}`, { active: true });
  });
});

describe('cross-site requests', () => {
  it('refuses a cookie-authenticated unsafe request from a foreign Origin, changing nothing', async () => {
    const before = await count('tickets');
    const res = await w.alice.request(
      'POST',
      '/api/v1/tickets',
      { subject: 'x', description: 'y', departmentId: w.billing.id, priority: 'low' },
      { origin: 'https://evil.example' },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
    expect(await count('tickets')).toBe(before);
  });

  it('accepts the same request from the installation’s own origin', async () => {
    const res = await w.alice.request(
      'POST',
      '/api/v1/tickets',
      { subject: 'Same site', description: 'ok', departmentId: w.billing.id, priority: 'low' },
      { origin: 'http://localhost:80', host: 'localhost:80' },
    );
    expect(res.statusCode).toBe(201);
  });

  it('bearer requests are not subject to the Origin check', async () => {
    const { token } = await w.alice.expect<{ token: string }>(201, 'POST', '/api/v1/tokens', {
      name: 'script',
    });
    const api = new Client(env.app, { token });
    const res = await api.request(
      'POST',
      '/api/v1/tickets',
      { subject: 'From a script', description: 'ok', departmentId: w.billing.id, priority: 'low' },
      { origin: 'https://elsewhere.example' },
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().channel).toBe('api');
  });
});

describe('API tokens', () => {
  it('act as their user, are shown once, stored hashed, and stop working when revoked', async () => {
    const created = await w.agent.expect<{ id: string; token: string }>(201, 'POST', '/api/v1/tokens', {
      name: 'ci',
    });
    expect(created.token).toMatch(/^tsr_/);
    const api = new Client(env.app, { token: created.token });
    const me = await api.get<{ id: string; role: string }>('/api/v1/me');
    expect(me).toMatchObject({ id: w.agent.user?.id, role: 'agent' });

    const list = await w.agent.get<{ items: Record<string, unknown>[] }>('/api/v1/tokens');
    expect(JSON.stringify(list)).not.toContain(created.token);
    const stored = await env.database.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(created.token);

    // the token carries the agent's restrictions
    const techTicket = await openTicket(w.bob, w.tech.id);
    expect((await api.request('GET', `/api/v1/tickets/${techTicket.number}`)).statusCode).toBe(404);

    // another user cannot revoke it; its owner can
    expect((await w.techAgent.request('DELETE', `/api/v1/tokens/${created.id}`)).statusCode).toBe(404);
    await w.agent.expect(204, 'DELETE', `/api/v1/tokens/${created.id}`);
    expect((await api.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });
});

describe('permissions', () => {
  it('customers and agents cannot administer', async () => {
    for (const c of [w.alice, w.agent]) {
      expect((await c.request('POST', '/api/v1/departments', { name: 'Sneaky' })).statusCode).toBe(403);
      expect((await c.request('POST', '/api/v1/organisations', { name: 'Sneaky' })).statusCode).toBe(403);
      expect(
        (
          await c.request('POST', '/api/v1/users', {
            email: 's@example.test',
            name: 'S',
            role: 'admin',
            password: 'x'.repeat(10),
          })
        ).statusCode,
      ).toBe(403);
    }
    expect((await w.alice.request('GET', '/api/v1/users')).statusCode).toBe(403);
  });

  it('customers cannot change tickets or open them on behalf of others', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const patch = await w.alice.request('PATCH', `/api/v1/tickets/${t.number}`, { priority: 'urgent' });
    expect(patch.statusCode).toBe(403);
    const onBehalf = await w.alice.request('POST', '/api/v1/tickets', {
      subject: 's',
      description: 'd',
      departmentId: w.billing.id,
      priority: 'low',
      requesterId: w.bob.user?.id,
    });
    expect(onBehalf.statusCode).toBe(403);
  });

  it('staff open a ticket on behalf of a customer, in the customer’s organisation', async () => {
    const t = await openTicket(w.agent, w.billing.id, { requesterId: w.carol.user?.id });
    expect(t.requester.id).toBe(w.carol.user?.id);
    expect(t.organisation?.id).toBe(w.orgB.id);
    const carol = await login(env.app, w.carol.user!.email, w.password);
    const seen = await carol.get<{ number: number }>(`/api/v1/tickets/${t.number}`);
    expect(seen.number).toBe(t.number);
  });

  it('agents find a customer by part of the name or email, to open a ticket for them', async () => {
    const name = String(w.carol.user?.name);
    const byName = await w.agent.get<{ items: { id: string; role: string }[] }>(
      `/api/v1/users?role=customer&q=${encodeURIComponent(name.slice(2).toUpperCase())}`,
    );
    expect(byName.items.map((u) => u.id)).toEqual([w.carol.user?.id]);
    const email = String(w.carol.user?.email);
    const byEmail = await w.agent.get<{ items: { id: string }[] }>(
      `/api/v1/users?q=${encodeURIComponent(email)}`,
    );
    expect(byEmail.items.map((u) => u.id)).toEqual([w.carol.user?.id]);
    // LIKE's wildcards are plain characters in a search.
    const wild = await w.agent.get<{ items: unknown[] }>('/api/v1/users?q=%25');
    expect(wild.items).toEqual([]);
    const under = await w.agent.get<{ items: unknown[] }>('/api/v1/users?q=_');
    expect(under.items).toEqual([]);
    expect((await w.alice.request('GET', `/api/v1/users?q=${encodeURIComponent(email)}`)).statusCode).toBe(
      403,
    );
  });
});
