import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
type Doc = Record<string, unknown> & { preset: string; statuses: { key: string }[]; timers: unknown[] };

beforeAll(async () => {
  env = await startTestApp();
  w = await makeWorld(env.app);
});
afterAll(() => env?.close());

describe('GET /api/v1/workflow', () => {
  it('a new installation starts on classic; staff see the document, customers their labels', async () => {
    const doc = await w.agent.get<Doc>('/api/v1/workflow');
    expect(doc.preset).toBe('classic');
    expect(doc.statuses.map((s) => s.key)).toContain('customer_reply');
    const mine = await w.alice.get<{ statuses: Record<string, unknown>[] }>('/api/v1/workflow');
    expect(mine.statuses[0]).toEqual({
      key: 'open',
      label: 'Open',
      category: 'open',
      customerCanReply: true,
    });
    expect(JSON.stringify(mine)).not.toContain('staffLabel');
  });
});

describe('PUT /api/v1/workflow', () => {
  it('only admins change it', async () => {
    expect((await w.agent.request('PUT', '/api/v1/workflow', { preset: 'portal' })).statusCode).toBe(403);
  });

  it('accepts exactly what GET returns', async () => {
    const doc = await w.admin.get<Doc>('/api/v1/workflow');
    const back = await w.admin.expect<Doc>(200, 'PUT', '/api/v1/workflow', doc);
    expect({ ...back, updatedAt: null }).toEqual({ ...doc, updatedAt: null });
  });

  it('refuses an unknown preset (400) and an inconsistent document (409 naming the rule)', async () => {
    const unknown = await w.admin.request('PUT', '/api/v1/workflow', { preset: 'kanban' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toMatch(/portal, classic, escalation, subscription/);
    const doc = await w.admin.get<Doc>('/api/v1/workflow');
    const loop = await w.admin.request('PUT', '/api/v1/workflow', {
      ...doc,
      timers: [
        { status: 'open', after: 'PT1S', action: 'transition', to: 'on_hold' },
        { status: 'on_hold', after: 'PT1S', action: 'transition', to: 'open' },
      ],
    });
    expect(loop.statusCode).toBe(409);
    expect(loop.json().detail).toMatch(/loop/);
    const dangling = await w.admin.request('PUT', '/api/v1/workflow', {
      ...doc,
      onCustomerReply: [{ from: ['*'], to: 'limbo' }],
    });
    expect(dangling.statusCode).toBe(409);
    expect(dangling.json().errors[0]).toMatchObject({ path: 'onCustomerReply.0.to' });
    const unknownField = await w.admin.request('PUT', '/api/v1/workflow', { ...doc, colour: 'blue' });
    expect(unknownField.statusCode).toBe(400);
    expect((await w.admin.get<Doc>('/api/v1/workflow')).timers).toEqual(doc.timers);
  });

  it('refuses to strand tickets, naming them; moves them with statusMapping', async () => {
    const t1 = await openTicket(w.alice, w.billing.id);
    const t2 = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t1.number}/messages`, { body: 'Answer' });
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t2.number}`, { status: 'on_hold' });
    const refused = await w.admin.request('PUT', '/api/v1/workflow', { preset: 'portal' });
    expect(refused.statusCode).toBe(409);
    const body = refused.json();
    expect(body.detail).toMatch(/answered/);
    expect(JSON.stringify(body.errors)).toContain(`#${t1.number}`);
    expect(JSON.stringify(body.errors)).toContain(`#${t2.number}`);
    expect((await w.admin.get<Doc>('/api/v1/workflow')).preset).toBe('classic');

    const partial = await w.admin.request('PUT', '/api/v1/workflow', {
      preset: 'portal',
      statusMapping: { answered: 'waiting_on_you' },
    });
    expect(partial.statusCode).toBe(409);
    expect(partial.json().errors.map((e: { path: string }) => e.path)).toEqual(['statusMapping.on_hold']);

    const done = await w.admin.expect<Doc>(200, 'PUT', '/api/v1/workflow', {
      preset: 'portal',
      statusMapping: { answered: 'waiting_on_you', on_hold: 'in_progress' },
    });
    expect(done.preset).toBe('portal');
    const moved = await w.alice.get<{ status: { key: string; label: string } }>(
      `/api/v1/tickets/${t1.number}`,
    );
    expect(moved.status).toMatchObject({ key: 'waiting_on_you', label: 'Waiting on You' });
    const events = await w.agent.get<{
      items: { field: string; from: string; to: string; reason: string }[];
    }>(`/api/v1/tickets/${t2.number}/events`);
    expect(events.items.at(-1)).toMatchObject({
      from: 'on_hold',
      to: 'in_progress',
      reason: 'workflow changed from classic to portal',
    });
  });
});
