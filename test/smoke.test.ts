import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestApp();
});
afterAll(() => env?.close());

describe('smoke', () => {
  it('opens a ticket and answers it', async () => {
    const w = await makeWorld(env.app);
    const t = await openTicket(w.alice, w.billing.id);
    expect(t.number).toBeGreaterThan(0);
    expect(t.status.key).toBe('open');
    const list = await w.agent.get<{ items: { number: number }[] }>('/api/v1/tickets');
    expect(list.items.map((i) => i.number)).toContain(t.number);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Looking into it' });
    const after = await w.alice.get<{ status: { key: string } }>(`/api/v1/tickets/${t.number}`);
    expect(after.status.key).toBe('answered');
  });
});
