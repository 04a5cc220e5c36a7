import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// Signatures for public replies: each staff member's own and each department's (set by
// administrators, on the audit trail), with placeholders checked when saved and filled per ticket.

type Json = Record<string, unknown>;
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  env = await startTestApp();
  w = await makeWorld(env.app);
});
afterAll(() => env?.close());

describe('signatures', () => {
  it('a reply gets the agent’s own signature, then the department’s, filled in for the ticket', async () => {
    const t = await openTicket(w.alice, w.billing.id, { subject: 'Refund please' });
    const sig = () => w.agent.get<{ body: string }>(`/api/v1/tickets/${t.number}/signature`);
    expect(await sig()).toEqual({ body: '' });

    const mine = await w.agent.expect<Json>(200, 'PUT', '/api/v1/me/signature', {
      body: '  Best,\n{{ agent.name }} ({{agent.email}})  ',
    });
    expect(mine).toMatchObject({ body: 'Best,\n{{ agent.name }} ({{agent.email}})' });
    expect(await w.agent.get('/api/v1/me/signature')).toEqual(mine);
    await w.admin.expect(200, 'PUT', `/api/v1/departments/${w.billing.id}/signature`, {
      body: '{{department.name}} team · ticket #{{ticket.number}} for {{customer.name}}',
    });

    const me = await w.agent.get<{ name: string; email: string }>('/api/v1/me');
    const alice = await w.alice.get<{ name: string }>('/api/v1/me');
    expect((await sig()).body).toBe(
      `Best,\n${me.name} (${me.email})\n\n${w.billing.name} team · ticket #${t.number} for ${alice.name}`,
    );
    // The department's signature is on the trail; the agent may read it, not change it.
    const trail = await w.admin.get<{ items: { details: Json }[] }>(
      '/api/v1/admin/audit?action=settings_changed',
    );
    expect(JSON.stringify(trail.items)).toContain(`signature of department ${w.billing.id}`);
    expect(await w.agent.get(`/api/v1/departments/${w.billing.id}/signature`)).toMatchObject({
      body: expect.stringContaining('team'),
    });
    const refused = await w.agent.request('PUT', `/api/v1/departments/${w.billing.id}/signature`, {
      body: 'x',
    });
    expect(refused.statusCode).toBe(403);

    // An empty body removes the agent's own; the department's stays.
    await w.agent.expect(200, 'PUT', '/api/v1/me/signature', { body: '' });
    expect((await sig()).body).toBe(`${w.billing.name} team · ticket #${t.number} for ${alice.name}`);
  });

  it('refuses unknown placeholders, long bodies, customers, and what the caller may not see', async () => {
    const before = await w.agent.get('/api/v1/me/signature');
    for (const body of [{ body: 'Hi {{agent.phone}}' }, { body: 'x'.repeat(2001) }, { text: 'x' }, {}]) {
      expect(
        (await w.agent.request('PUT', '/api/v1/me/signature', body)).statusCode,
        JSON.stringify(body),
      ).toBe(400);
    }
    expect(await w.agent.get('/api/v1/me/signature')).toEqual(before);
    expect((await w.alice.request('GET', '/api/v1/me/signature')).statusCode).toBe(403);
    expect((await w.alice.request('PUT', '/api/v1/me/signature', { body: 'x' })).statusCode).toBe(403);

    const tech = await openTicket(w.carol, w.tech.id);
    expect((await w.agent.request('GET', `/api/v1/tickets/${tech.number}/signature`)).statusCode).toBe(404);
    expect((await w.agent.request('GET', `/api/v1/departments/${w.tech.id}/signature`)).statusCode).toBe(404);
    expect(
      (await w.admin.request('PUT', '/api/v1/departments/nope/signature', { body: 'x' })).statusCode,
    ).toBe(404);
    expect((await w.alice.request('GET', `/api/v1/tickets/${tech.number}/signature`)).statusCode).toBe(403);
  });
});
