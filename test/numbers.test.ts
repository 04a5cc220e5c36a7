import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import type { App } from '../src/http/types.js';
import { loginAdmin, makeWorld, openTicket } from './client.js';
import { engine, startTestApp, type TestEnv } from './helpers.js';

let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  env = await startTestApp();
  w = await makeWorld(env.app);
});
afterAll(() => env?.close());

const consecutive = (ns: number[]) => {
  const sorted = [...ns].sort((a, b) => a - b);
  return sorted.every((n, i) => i === 0 || n === (sorted[i - 1] ?? 0) + 1);
};

describe('ticket numbers', () => {
  it('100 concurrent creations get 100 distinct consecutive numbers', async () => {
    const tickets = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        openTicket(i % 2 ? w.alice : w.bob, w.billing.id, { subject: `Concurrent ${i}` }),
      ),
    );
    const numbers = tickets.map((t) => t.number);
    expect(new Set(numbers).size).toBe(100);
    expect(consecutive(numbers)).toBe(true);
  });

  it('a deleted ticket’s number is never handed out again', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await w.admin.expect(204, 'DELETE', `/api/v1/tickets/${t.number}`);
    expect((await w.admin.request('GET', `/api/v1/tickets/${t.number}`)).statusCode).toBe(404);
    const next = await openTicket(w.alice, w.billing.id);
    expect(next.number).toBe(t.number + 1);
    // only admins delete
    expect((await w.agent.request('DELETE', `/api/v1/tickets/${next.number}`)).statusCode).toBe(403);
  });

  it.runIf(engine === 'postgres')(
    'two app nodes on one database never hand out the same number',
    async () => {
      const second = openDatabase(env.url, { poolSize: 10 });
      const node2: App = await buildApp({ config: env.app.ctx.config, database: second, logger: false });
      try {
        const admin2 = await loginAdmin(node2);
        const body = (i: number) => ({
          subject: `Node ticket ${i}`,
          description: 'From a node',
          departmentId: w.billing.id,
          priority: 'normal',
        });
        const results = await Promise.all(
          Array.from({ length: 60 }, (_, i) =>
            (i % 2 ? w.admin : admin2).expect<{ number: number }>(201, 'POST', '/api/v1/tickets', body(i)),
          ),
        );
        const numbers = results.map((r) => r.number);
        expect(new Set(numbers).size).toBe(60);
        expect(consecutive(numbers)).toBe(true);
      } finally {
        await node2.close();
        await second.close();
      }
    },
  );
});

describe('the timeline', () => {
  it('records who changed what, from and to; customers see public events only', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, {
      priority: 'urgent',
      assigneeId: w.agent.user?.id,
      status: 'in_progress',
    });
    await w.alice.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Any news?' });
    type Ev = {
      type: string;
      field: string | null;
      from: string | null;
      to: string | null;
      actor: { kind: string; id: string | null };
    };
    const staff = await w.agent.get<{ items: Ev[] }>(`/api/v1/tickets/${t.number}/events`);
    const changes = staff.items.map((e) => [e.field, e.from, e.to, e.actor.kind]);
    expect(changes).toEqual([
      ['status', null, 'open', 'user'],
      ['status', 'open', 'in_progress', 'user'],
      ['priority', 'high', 'urgent', 'user'],
      ['assignee', null, w.agent.user?.id, 'user'],
      ['status', 'in_progress', 'customer_reply', 'automation'],
    ]);
    expect(staff.items[1]?.actor.id).toBe(w.agent.user?.id);
    const customer = await w.alice.get<{ items: Ev[] }>(`/api/v1/tickets/${t.number}/events`);
    expect(customer.items.map((e) => e.field)).not.toContain('assignee');
    expect(customer.items).toHaveLength(4);
  });

  it('customer and staff see their own status labels and reply abilities', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const staffView = await w.agent.get<{ abilities: Record<string, boolean> }>(
      `/api/v1/tickets/${t.number}`,
    );
    expect(staffView.abilities).toMatchObject({
      reply: true,
      addInternalNote: true,
      update: true,
      delete: false,
    });
    const customerView = await w.alice.get<{ abilities: Record<string, boolean>; canReply: boolean }>(
      `/api/v1/tickets/${t.number}`,
    );
    expect(customerView.abilities).toMatchObject({ reply: true, addInternalNote: false, update: false });
    expect(customerView.canReply).toBe(true);
  });

  it('first response time is set by the first public staff reply, not by a note', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'note',
      internal: true,
    });
    const afterNote = await w.agent.get<{ firstResponseAt: string | null; status: { key: string } }>(
      `/api/v1/tickets/${t.number}`,
    );
    expect(afterNote.firstResponseAt).toBeNull();
    expect(afterNote.status.key).toBe('open');
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Hello!' });
    const afterReply = await w.agent.get<{ firstResponseAt: string | null; status: { key: string } }>(
      `/api/v1/tickets/${t.number}`,
    );
    expect(afterReply.firstResponseAt).not.toBeNull();
    expect(afterReply.status.key).toBe('answered');
  });
});
