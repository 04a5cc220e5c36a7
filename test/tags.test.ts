import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// Free tags on tickets: set, added and removed through the ticket's PATCH, on the staff timeline,
// hidden from customers, filtered by, suggested from what the caller can see, kept by a merge,
// and renamed, merged or removed across tickets by an administrator.

type Json = Record<string, unknown>;
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  env = await startTestApp();
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await env?.close();
});

const patch = (c: Client, n: number, body: Json) => c.request('PATCH', `/api/v1/tickets/${n}`, body);
const tagsOf = async (c: Client, n: number) =>
  (await c.get<{ tags?: string[] }>(`/api/v1/tickets/${n}`)).tags;
const numbers = async (c: Client, query: string) =>
  (await c.get<{ items: { number: number }[] }>(`/api/v1/tickets?${query}`)).items
    .map((t) => t.number)
    .sort();

describe('tags on a ticket', () => {
  it('are set, added and removed by staff, normalised, on the staff timeline only, and hidden from customers', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const set = await patch(w.agent, t.number, { tags: ['VIP  Customer', 'refund', 'refund'] });
    expect(set.statusCode).toBe(200);
    expect(set.json().tags).toEqual(['refund', 'vip customer']);

    expect(
      (await patch(w.agent, t.number, { addTags: ['Billing'], removeTags: ['refund'] })).json().tags,
    ).toEqual(['billing', 'vip customer']);
    expect(await tagsOf(w.agent, t.number)).toEqual(['billing', 'vip customer']);

    const bad = await patch(w.agent, t.number, { addTags: ['a,b'] });
    expect(bad.statusCode).toBe(400);
    expect((await patch(w.agent, t.number, { tags: ['x'.repeat(51)] })).statusCode).toBe(400);
    expect(await tagsOf(w.agent, t.number)).toEqual(['billing', 'vip customer']);

    const events = await w.agent.get<{ items: Json[] }>(`/api/v1/tickets/${t.number}/events`);
    expect(events.items.filter((e) => e.field === 'tags')).toMatchObject([
      { type: 'changed', from: null, to: 'refund, vip customer', public: false },
      { type: 'changed', from: 'refund, vip customer', to: 'billing, vip customer', public: false },
    ]);

    const seen = await w.alice.get<Json>(`/api/v1/tickets/${t.number}`);
    expect(seen).not.toHaveProperty('tags');
    const theirs = await w.alice.get<{ items: Json[] }>(`/api/v1/tickets/${t.number}/events`);
    expect(theirs.items.some((e) => e.field === 'tags')).toBe(false);
    expect((await patch(w.alice, t.number, { tags: ['mine'] })).statusCode).toBe(403);
  });

  it('filter the list (every tag given must be there), for staff only', async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => openTicket(w.bob, w.billing.id)));
    await patch(w.agent, a!.number, { tags: ['outage', 'eu'] });
    await patch(w.agent, b!.number, { tags: ['outage'] });
    await patch(w.agent, c!.number, { tags: ['eu'] });
    expect(await numbers(w.agent, 'tag=outage')).toEqual([a!.number, b!.number].sort());
    expect(await numbers(w.agent, 'tag=Outage,EU')).toEqual([a!.number]);
    expect(await numbers(w.agent, 'tag=nothing-has-this')).toEqual([]);
    expect((await w.alice.request('GET', '/api/v1/tickets?tag=outage')).statusCode).toBe(403);
  });

  it('suggests tags with counts from the tickets the caller can see', async () => {
    const billingTicket = await openTicket(w.carol, w.billing.id);
    const techTicket = await openTicket(w.carol, w.tech.id);
    await patch(w.agent, billingTicket.number, { tags: ['suggest-me', 'suggest-too'] });
    await patch(w.admin, techTicket.number, { tags: ['suggest-me', 'suggest-secret'] });

    const admin = await w.admin.get<{ items: Json[] }>('/api/v1/tags?q=Suggest');
    expect(admin.items).toEqual([
      { name: 'suggest-me', tickets: 2 },
      { name: 'suggest-secret', tickets: 1 },
      { name: 'suggest-too', tickets: 1 },
    ]);
    // The billing agent does not see the technical department's ticket, nor its tags.
    const agent = await w.agent.get<{ items: Json[] }>('/api/v1/tags?q=suggest');
    expect(agent.items).toEqual([
      { name: 'suggest-me', tickets: 1 },
      { name: 'suggest-too', tickets: 1 },
    ]);
    expect((await w.alice.request('GET', '/api/v1/tags')).statusCode).toBe(403);
  });

  it('survive a merge: the ticket merged into gets the other one’s tags', async () => {
    const source = await openTicket(w.alice, w.billing.id);
    const target = await openTicket(w.alice, w.billing.id);
    await patch(w.agent, source.number, { tags: ['from-source', 'shared'] });
    await patch(w.agent, target.number, { tags: ['shared', 'target-only'] });
    await w.agent.expect(200, 'POST', `/api/v1/tickets/${source.number}/merge`, { into: target.number });
    expect(await tagsOf(w.agent, target.number)).toEqual(['from-source', 'shared', 'target-only']);
  });
});

describe('managing tags across tickets', () => {
  it('renames (merging into an existing tag) and removes, administrators only, on the audit trail', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => openTicket(w.alice, w.billing.id)));
    await patch(w.agent, a!.number, { tags: ['colour', 'color'] });
    await patch(w.agent, b!.number, { tags: ['color'] });

    expect((await w.agent.request('PATCH', '/api/v1/tags/color', { name: 'colour' })).statusCode).toBe(403);
    const renamed = await w.admin.expect<Json>(200, 'PATCH', '/api/v1/tags/color', { name: 'Colour' });
    expect(renamed).toEqual({ name: 'colour', tickets: 2 });
    expect(await tagsOf(w.agent, a!.number)).toEqual(['colour']);
    expect(await tagsOf(w.agent, b!.number)).toEqual(['colour']);
    expect((await w.admin.request('PATCH', '/api/v1/tags/color', { name: 'hue' })).statusCode).toBe(404);
    expect((await w.admin.request('PATCH', '/api/v1/tags/colour', { name: 'a,b' })).statusCode).toBe(400);

    expect((await w.agent.request('DELETE', '/api/v1/tags/colour')).statusCode).toBe(403);
    await w.admin.expect(204, 'DELETE', '/api/v1/tags/colour');
    expect(await tagsOf(w.agent, a!.number)).toEqual([]);
    expect(await numbers(w.agent, 'tag=colour')).toEqual([]);

    const trail = await w.admin.get<{ items: Json[] }>('/api/v1/admin/audit?action=settings_changed&limit=2');
    expect(trail.items.map((e) => e.details)).toEqual([
      { area: 'tags', removed: 'colour', tickets: 2 },
      { area: 'tags', renamed: { from: 'color', to: 'colour' }, tickets: 2 },
    ]);
  });
});
