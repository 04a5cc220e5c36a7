import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, login, makeWorld } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// Entitlements with a clock the test sets: cycles are computed from the subscription's anchor.

let now = Date.parse('2026-03-10T12:00:00.000Z');
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let service: { id: string; name: string };
type Sub = {
  id: string;
  usage: { used: number; left: number | null };
  renewsAt: string | null;
  effectiveState: string;
};

beforeAll(async () => {
  env = await startTestApp({
    clock: () => new Date(now),
    env: { TESSERA_SUBSCRIPTIONS: 'on', TESSERA_SESSION_DAYS: '365' },
  });
  w = await makeWorld(env.app);
  service = await w.admin.expect(201, 'POST', '/api/v1/services', { name: 'Trading bot' });
});
afterAll(() => env?.close());

const plan = (name: string, ticketLimit: number | null, cycle: string, replyAfterExpiry = false) =>
  w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/plans', {
    name,
    ticketLimit,
    cycle,
    replyAfterExpiry,
  });
const subscribe = (body: Record<string, unknown>) =>
  w.admin.expect<Sub>(201, 'POST', '/api/v1/subscriptions', { serviceId: service.id, ...body });
const create = (c: Client, extra: Record<string, unknown> = {}) =>
  c.request('POST', '/api/v1/tickets', {
    subject: 'Help',
    description: 'Please help',
    departmentId: w.billing.id,
    priority: 'normal',
    serviceId: service.id,
    ...extra,
  });
async function newCustomer(organisationId?: string) {
  const email = `c${Math.random().toString(36).slice(2)}@example.test`;
  await w.admin.expect(201, 'POST', '/api/v1/users', {
    email,
    name: 'Cust',
    role: 'customer',
    password: w.password,
    organisationId,
  });
  return login(env.app, email, w.password);
}

describe('opening tickets', () => {
  it('without a subscription: subscription_required with what to do, and nothing created', async () => {
    const c = await newCustomer();
    const res = await create(c);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'subscription_required' });
    expect(res.json().detail).toMatch(/You must have an active subscription/);
    expect((await c.get<{ items: unknown[] }>('/api/v1/tickets')).items).toEqual([]);
  });

  it('monthly quota: used up gives quota_exceeded with the renewal date; the next cycle restores it by itself', async () => {
    const c = await newCustomer();
    const p = await plan('Basic monthly', 2, 'monthly');
    await subscribe({ customerId: c.user?.id, planId: p.id, startsAt: '2026-01-15T00:00:00Z' });
    expect((await create(c)).statusCode).toBe(201);
    expect((await create(c)).statusCode).toBe(201);
    const refused = await create(c);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'quota_exceeded', renewsAt: '2026-03-15T00:00:00.000Z' });
    expect(refused.json().detail).toMatch(/renews on 2026-03-15/);
    const mine = await c.get<{ items: Sub[] }>('/api/v1/me/subscriptions');
    expect(mine.items[0]).toMatchObject({
      usage: { used: 2, left: 0 },
      renewsAt: '2026-03-15T00:00:00.000Z',
    });

    now = Date.parse('2026-03-15T00:00:01.000Z');
    expect((await create(c)).statusCode).toBe(201);
    const after = await c.get<{ items: Sub[] }>('/api/v1/me/subscriptions');
    expect(after.items[0]?.usage).toMatchObject({ used: 1, left: 1 });
    now = Date.parse('2026-03-10T12:00:00.000Z');
  });

  it('yearly quota resets on the anniversary', async () => {
    const c = await newCustomer();
    const p = await plan('Yearly one', 1, 'yearly');
    await subscribe({ customerId: c.user?.id, planId: p.id, startsAt: '2025-06-01T00:00:00Z' });
    expect((await create(c)).statusCode).toBe(201);
    expect((await create(c)).json()).toMatchObject({
      code: 'quota_exceeded',
      renewsAt: '2026-06-01T00:00:00.000Z',
    });
    now = Date.parse('2026-06-01T08:00:00.000Z');
    expect((await create(c)).statusCode).toBe(201);
    now = Date.parse('2026-03-10T12:00:00.000Z');
  });

  it('an organisation’s subscription covers its customers', async () => {
    const org = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/organisations', {
      name: 'Covered Ltd',
    });
    const c = await newCustomer(org.id);
    const p = await plan('Org unlimited', null, 'none');
    await subscribe({ organisationId: org.id, planId: p.id, startsAt: '2026-01-01T00:00:00Z' });
    expect((await create(c)).statusCode).toBe(201);
    const mine = await c.get<{ items: Sub[] }>('/api/v1/me/subscriptions');
    expect(mine.items[0]?.usage.left).toBeNull();
  });

  it('staff open tickets on a customer’s behalf past the quota', async () => {
    const c = await newCustomer();
    const p = await plan('Tiny', 1, 'monthly');
    await subscribe({ customerId: c.user?.id, planId: p.id, startsAt: '2026-03-01T00:00:00Z' });
    expect((await create(c)).statusCode).toBe(201);
    expect((await create(c)).statusCode).toBe(403);
    const staff = await create(w.agent, { requesterId: c.user?.id });
    expect(staff.statusCode).toBe(201);
    expect(staff.json().requester.id).toBe(c.user?.id);
  });

  it('with 9 of 10 used, 20 parallel creations: exactly one succeeds', async () => {
    const c = await newCustomer();
    const p = await plan('Ten a month', 10, 'monthly');
    await subscribe({ customerId: c.user?.id, planId: p.id, startsAt: '2026-03-01T00:00:00Z' });
    for (let i = 0; i < 9; i++) expect((await create(c)).statusCode).toBe(201);
    const results = await Promise.all(Array.from({ length: 20 }, () => create(c)));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((s) => s === 201)).toHaveLength(1);
    expect(codes.filter((s) => s === 403)).toHaveLength(19);
    const mine = await c.get<{ items: Sub[] }>('/api/v1/me/subscriptions');
    expect(mine.items[0]?.usage).toMatchObject({ used: 10, left: 0 });
  });
});

describe('replying', () => {
  it('after expiry: blocked, unless the plan allows replies after expiry', async () => {
    const strict = await newCustomer();
    const lenient = await newCustomer();
    const p1 = await plan('Strict', 5, 'monthly', false);
    const p2 = await plan('Lenient', 5, 'monthly', true);
    await subscribe({
      customerId: strict.user?.id,
      planId: p1.id,
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: '2026-04-01T00:00:00Z',
    });
    await subscribe({
      customerId: lenient.user?.id,
      planId: p2.id,
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: '2026-04-01T00:00:00Z',
    });
    const t1 = (await create(strict)).json();
    const t2 = (await create(lenient)).json();
    expect(t1.canReply).toBe(true);

    now = Date.parse('2026-04-02T00:00:00.000Z');
    const blocked = await strict.request('POST', `/api/v1/tickets/${t1.number}/messages`, { body: 'hello?' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'reply_not_allowed' });
    expect(blocked.json().detail).toMatch(/ended on 2026-04-01/);
    const view = await strict.get<{ canReply: boolean; replyBlockedReason: string }>(
      `/api/v1/tickets/${t1.number}`,
    );
    expect(view).toMatchObject({ canReply: false, replyBlockedReason: blocked.json().detail });
    expect(
      (await lenient.request('POST', `/api/v1/tickets/${t2.number}/messages`, { body: 'hello?' })).statusCode,
    ).toBe(201);
    const newTicket = await create(lenient);
    expect(newTicket.json()).toMatchObject({ code: 'subscription_required' });
    expect(newTicket.json().detail).toMatch(/ended on 2026-04-01/);
    // staff still answer
    expect(
      (await w.agent.request('POST', `/api/v1/tickets/${t1.number}/messages`, { body: 'We are here' }))
        .statusCode,
    ).toBe(201);
    now = Date.parse('2026-03-10T12:00:00.000Z');
  });
});

describe('the billing system', () => {
  it('PUT by external id twice leaves one subscription; a billing token may do only that', async () => {
    const c = await newCustomer();
    await plan('Pro', 50, 'monthly');
    const { token } = await w.admin.expect<{ token: string }>(201, 'POST', '/api/v1/tokens', {
      name: 'billing',
      scope: 'billing',
    });
    const billing = new Client(env.app, { token });
    const body = {
      customerEmail: c.user?.email,
      service: 'Trading bot',
      plan: 'Pro',
      state: 'active',
      startsAt: '2026-03-01T00:00:00Z',
    };
    const first = await billing.expect<Sub>(200, 'PUT', '/api/v1/subscriptions/sub_123', body);
    const second = await billing.expect<Sub>(200, 'PUT', '/api/v1/subscriptions/sub_123', {
      ...body,
      state: 'cancelled',
    });
    expect(second.id).toBe(first.id);
    const all = await w.admin.get<{ items: Sub[] }>(`/api/v1/subscriptions?customerId=${c.user?.id}`);
    expect(all.items).toHaveLength(1);
    expect(all.items[0]).toMatchObject({ effectiveState: 'cancelled' });
    expect((await create(c)).json().code).toBe('subscription_required');

    expect((await billing.request('GET', '/api/v1/tickets')).statusCode).toBe(403);
    expect(
      (await w.agent.request('POST', '/api/v1/tokens', { name: 'x', scope: 'billing' })).statusCode,
    ).toBe(403);
    expect((await w.alice.request('PUT', '/api/v1/subscriptions/sub_999', body)).statusCode).toBe(403);
    const bad = await billing.request('PUT', '/api/v1/subscriptions/sub_124', { ...body, plan: 'Nope' });
    expect(bad.statusCode).toBe(400);
  });

  it('when subscriptions are off nothing is gated', async () => {
    await w.admin.expect(200, 'PUT', '/api/v1/settings/subscriptions', { enabled: false });
    const c = await newCustomer();
    expect((await create(c, { serviceId: undefined })).statusCode).toBe(201);
    await w.admin.expect(200, 'PUT', '/api/v1/settings/subscriptions', { enabled: true });
    expect((await create(c, { serviceId: undefined })).statusCode).toBe(403);
  });
});
