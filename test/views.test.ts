import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, makeWorld, openTicket } from './client.js';
import { listenTestApp, startTestApp, type TestEnv } from './helpers.js';
import { openStream } from './sse.js';

// Saved views on the server: personal, shared with a department or with everyone; who sees and
// who changes which; each view's count of tickets, counted through the caller's own visibility
// and equal to what the list shows them; the default view; bad input refused, changing nothing.

type Json = Record<string, unknown>;
type View = Json & { id: string; name: string; abilities: { edit: boolean } };
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  env = await startTestApp();
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await env?.close();
});

const create = (c: Client, body: Json) => c.request('POST', '/api/v1/views', body);
const made = async (c: Client, body: Json) => {
  const res = await create(c, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as View;
};
const ids = async (c: Client) => (await c.get<{ items: View[] }>('/api/v1/views')).items.map((v) => v.id);
const counts = async (c: Client) =>
  new Map(
    (await c.get<{ items: { id: string; count: number | null }[] }>('/api/v1/views/counts')).items.map(
      (i) => [i.id, i.count],
    ),
  );
/** Every ticket the list shows `c` for this query, page by page. */
async function listTotal(c: Client, query: string): Promise<number> {
  let total = 0;
  let cursor: string | null = null;
  do {
    const page: { items: unknown[]; nextCursor: string | null } = await c.get(
      `/api/v1/tickets?limit=100${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    total += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return total;
}

describe('saved views', () => {
  it('are created, listed, read, changed and deleted by their owner, and seen by nobody else', async () => {
    const v = await made(w.agent, {
      name: '  Urgent billing  ',
      filter: { priority: 'urgent,high', statusCategory: 'new,open' },
      sort: 'priority',
      order: 'asc',
      columns: ['number', 'subject', 'priority'],
    });
    expect(v).toMatchObject({
      name: 'Urgent billing',
      scope: 'personal',
      department: null,
      owner: { id: w.agent.user!.id },
      filter: { priority: 'urgent,high', statusCategory: 'new,open' },
      sort: 'priority',
      order: 'asc',
      columns: ['number', 'subject', 'priority'],
      isDefault: false,
      abilities: { edit: true },
    });
    expect(await ids(w.agent)).toContain(v.id);
    expect(await w.agent.get(`/api/v1/views/${v.id}`)).toEqual(v);

    const renamed = await w.agent.expect<View>(200, 'PATCH', `/api/v1/views/${v.id}`, {
      name: 'Hot',
      columns: ['subject'],
    });
    expect(renamed).toMatchObject({ name: 'Hot', columns: ['subject'], sort: 'priority' });

    // Another agent, even an administrator, does not see someone's personal view.
    for (const other of [w.techAgent, w.admin]) {
      expect(await ids(other)).not.toContain(v.id);
      expect((await other.request('GET', `/api/v1/views/${v.id}`)).statusCode).toBe(404);
      expect((await other.request('PATCH', `/api/v1/views/${v.id}`, { name: 'Mine' })).statusCode).toBe(404);
      expect((await other.request('DELETE', `/api/v1/views/${v.id}`)).statusCode).toBe(404);
    }
    expect((await w.agent.get<View>(`/api/v1/views/${v.id}`)).name).toBe('Hot');

    expect((await w.agent.request('DELETE', `/api/v1/views/${v.id}`)).statusCode).toBe(204);
    expect((await w.agent.request('GET', `/api/v1/views/${v.id}`)).statusCode).toBe(404);
    expect(await ids(w.agent)).not.toContain(v.id);
  });

  it('shared with a department are seen by its agents and administrators only', async () => {
    const tech = await made(w.admin, { name: 'Tech triage', scope: 'department', departmentId: w.tech.id });
    expect(tech.department).toEqual({ id: w.tech.id, name: w.tech.name });
    expect(await ids(w.techAgent)).toContain(tech.id);
    expect((await w.techAgent.get<View>(`/api/v1/views/${tech.id}`)).abilities).toEqual({ edit: false });
    // An agent of another department does not see it at all.
    expect(await ids(w.agent)).not.toContain(tech.id);
    expect((await w.agent.request('GET', `/api/v1/views/${tech.id}`)).statusCode).toBe(404);
    expect((await w.agent.request('PATCH', `/api/v1/views/${tech.id}`, { name: 'x' })).statusCode).toBe(404);
    // Its agents see it but do not change what an administrator made.
    const denied = await w.techAgent.request('PATCH', `/api/v1/views/${tech.id}`, { name: 'x' });
    expect(denied.statusCode).toBe(403);
    expect((await w.techAgent.request('DELETE', `/api/v1/views/${tech.id}`)).statusCode).toBe(403);
    expect((await w.admin.get<View>(`/api/v1/views/${tech.id}`)).name).toBe('Tech triage');

    // An agent shares with their own department, and only with it; they keep changing what they shared.
    const own = await made(w.agent, {
      name: 'Billing team',
      scope: 'department',
      departmentId: w.billing.id,
    });
    expect(own.abilities.edit).toBe(true);
    const elsewhere = await create(w.agent, { name: 'Sneaky', scope: 'department', departmentId: w.tech.id });
    expect(elsewhere.statusCode).toBe(403);
    expect((await w.agent.request('PATCH', `/api/v1/views/${own.id}`, { name: 'Billing' })).statusCode).toBe(
      200,
    );
    const moved = await w.agent.request('PATCH', `/api/v1/views/${own.id}`, { departmentId: w.tech.id });
    expect(moved.statusCode).toBe(403);
    // Administrators change any department's view.
    expect((await w.admin.request('PATCH', `/api/v1/views/${own.id}`, { position: 3 })).statusCode).toBe(200);
    expect(await ids(w.techAgent)).not.toContain(own.id);
  });

  it('shared with everyone are made and changed by administrators only', async () => {
    const before = await ids(w.agent);
    const refused = await create(w.agent, { name: 'For all', scope: 'everyone' });
    expect(refused.statusCode).toBe(403);
    expect(await ids(w.agent)).toEqual(before);
    const personal = await made(w.agent, { name: 'Will not be shared' });
    const widen = await w.agent.request('PATCH', `/api/v1/views/${personal.id}`, { scope: 'everyone' });
    expect(widen.statusCode).toBe(403);
    expect((await w.agent.get<View>(`/api/v1/views/${personal.id}`)).scope).toBe('personal');

    const all = await made(w.admin, {
      name: 'Everything urgent',
      scope: 'everyone',
      filter: { urgent: 'true' },
    });
    for (const c of [w.agent, w.techAgent]) {
      expect(await ids(c)).toContain(all.id);
      expect((await c.request('DELETE', `/api/v1/views/${all.id}`)).statusCode).toBe(403);
    }
    // Customers have no views.
    expect((await w.alice.request('GET', '/api/v1/views')).statusCode).toBe(403);
    expect((await w.alice.request('GET', '/api/v1/views/counts')).statusCode).toBe(403);
    expect((await w.alice.request('GET', `/api/v1/views/${all.id}`)).statusCode).toBe(403);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const v = await made(w.agent, { name: 'Stable', filter: { priority: 'high' } });
    const before = await w.agent.get<{ items: View[] }>('/api/v1/views');
    const bad: Json[] = [
      { name: '' },
      { name: 'x'.repeat(61) },
      { name: 'a', filter: { priority: 'extreme' } },
      { name: 'a', filter: { nonsense: 'x' } },
      { name: 'a', filter: { sort: 'number' } },
      { name: 'a', filter: { statusCategory: 'done' } },
      { name: 'a', filter: { priority: 3 } },
      { name: 'a', sort: 'mood' },
      { name: 'a', columns: [] },
      { name: 'a', columns: ['number', 'number'] },
      { name: 'a', columns: ['secret'] },
      { name: 'a', scope: 'department' },
      { name: 'a', scope: 'personal', departmentId: w.billing.id },
      { name: 'a', scope: 'galaxy' },
      { name: 'a', owner: w.admin.user!.id },
    ];
    for (const body of bad) {
      const res = await create(w.agent, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const admin = await create(w.admin, {
      name: 'a',
      scope: 'department',
      departmentId: 'no-such-department',
    });
    expect(admin.statusCode).toBe(400);
    for (const body of [{}, { name: ' ' }, { filter: { q: '' } }, { scope: 'department' }, { columns: [] }]) {
      const res = await w.agent.request('PATCH', `/api/v1/views/${v.id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await w.agent.get('/api/v1/views')).toEqual(before);
    expect((await w.agent.request('PUT', '/api/v1/views/default', { id: 'nope' })).statusCode).toBe(404);
    expect((await w.agent.request('PUT', '/api/v1/views/default', {})).statusCode).toBe(400);
  });

  it('has a default per person: a saved view they see or a built-in one', async () => {
    const v = await made(w.techAgent, { name: 'My start' });
    expect(await w.techAgent.get('/api/v1/views/default')).toEqual({ id: null });
    await w.techAgent.expect(200, 'PUT', '/api/v1/views/default', { id: v.id });
    expect(await w.techAgent.get('/api/v1/views/default')).toEqual({ id: v.id });
    expect((await w.techAgent.get<View>(`/api/v1/views/${v.id}`)).isDefault).toBe(true);
    // Not someone else's personal view.
    expect((await w.agent.request('PUT', '/api/v1/views/default', { id: v.id })).statusCode).toBe(404);
    await w.agent.expect(200, 'PUT', '/api/v1/views/default', { id: 'mine' });
    expect(await w.agent.get('/api/v1/views/default')).toEqual({ id: 'mine' });
    // Deleting the view leaves no default behind.
    await w.techAgent.expect(204, 'DELETE', `/api/v1/views/${v.id}`);
    expect(await w.techAgent.get('/api/v1/views/default')).toEqual({ id: null });
  });
});

describe('view counts', () => {
  it('match the list for each filter, for an administrator and a restricted agent', async () => {
    const word = `zebra${Date.now().toString(36)}`;
    const opened = await Promise.all([
      openTicket(w.alice, w.billing.id, { priority: 'urgent', subject: `Invoice ${word}` }),
      openTicket(w.alice, w.billing.id, { priority: 'low' }),
      openTicket(w.bob, w.billing.id, { priority: 'urgent' }),
      openTicket(w.carol, w.tech.id, { priority: 'urgent', subject: `Crash ${word}` }),
      openTicket(w.carol, w.tech.id, { priority: 'normal' }),
    ]);
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${opened[1]!.number}`, {
      assigneeId: w.agent.user!.id,
      tags: ['vip'],
    });
    await w.admin.expect(200, 'PATCH', `/api/v1/tickets/${opened[4]!.number}`, { tags: ['vip'] });
    const filters: Record<string, string>[] = [
      {},
      { priority: 'urgent' },
      { priority: 'urgent,low', departmentId: w.billing.id },
      { departmentId: w.tech.id },
      { q: word },
      { tag: 'vip' },
      { assigneeId: 'me' },
      { assigneeId: 'none', statusCategory: 'new,open,pending,on_hold' },
      { organisationId: w.orgA.id },
    ];
    const shared = [];
    for (const [i, filter] of filters.entries()) {
      shared.push(await made(w.admin, { name: `Shared ${i}`, scope: 'everyone', filter }));
    }
    for (const c of [w.admin, w.agent, w.techAgent]) {
      const got = await counts(c);
      for (const [i, filter] of filters.entries()) {
        const expected = await listTotal(c, new URLSearchParams(filter).toString());
        expect(got.get(shared[i]!.id), `${JSON.stringify(filter)} for ${c.user!.role}`).toBe(expected);
      }
      expect(got.get('all')).toBe(await listTotal(c, ''));
      expect(got.get('mine')).toBe(
        await listTotal(c, 'assigneeId=me&statusCategory=new,open,pending,on_hold'),
      );
    }
    // A restricted agent counts only their department's tickets in a view shared with everyone.
    const urgent = shared[1]!.id;
    const [admin, agent, techAgent] = await Promise.all([
      counts(w.admin),
      counts(w.agent),
      counts(w.techAgent),
    ]);
    expect(agent.get(urgent)! + techAgent.get(urgent)!).toBe(admin.get(urgent));
    expect(agent.get(urgent)).toBeGreaterThanOrEqual(2);
    expect(techAgent.get(urgent)).toBeGreaterThanOrEqual(1);
    expect(agent.get(shared[3]!.id)).toBe(0);
  });

  it('follow ticket changes at once', async () => {
    const v = await made(w.agent, { name: 'Urgent now', filter: { priority: 'urgent' } });
    const before = (await counts(w.agent)).get(v.id)!;
    const t = await openTicket(w.alice, w.billing.id, { priority: 'urgent' });
    expect((await counts(w.agent)).get(v.id)).toBe(before + 1);
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { priority: 'low' });
    expect((await counts(w.agent)).get(v.id)).toBe(before);
    await w.agent.expect(200, 'PATCH', `/api/v1/views/${v.id}`, { filter: { priority: 'low' } });
    expect((await counts(w.agent)).get(v.id)).toBe(await listTotal(w.agent, 'priority=low'));
  });
});

// Last: while its app listens on PostgreSQL, its relay makes counts cached until the next signal.
describe('view counts, live', () => {
  let live: TestEnv & { baseUrl: string };
  let lw: Awaited<ReturnType<typeof makeWorld>>;
  beforeAll(async () => {
    live = await listenTestApp();
    lw = await makeWorld(live.app);
  });
  afterAll(() => live?.close());

  it('staff hear "counts" when a ticket leaves their sight; customers do not', async () => {
    const t = await openTicket(lw.alice, lw.billing.id, { priority: 'urgent' });
    const v = await made(lw.agent, { name: 'Urgent', filter: { priority: 'urgent' } });
    expect((await counts(lw.agent)).get(v.id)).toBe(1);
    const heard = { agent: [] as string[], alice: [] as string[] };
    const streams = await Promise.all(
      (['agent', 'alice'] as const).map((who) =>
        openStream(live.baseUrl, lw[who].auth.cookie, (event) => heard[who].push(event)),
      ),
    );
    try {
      // Moved to a department the agent is not in: no `ticket` event for them, but `counts`.
      await lw.admin.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { departmentId: lw.tech.id });
      await expect.poll(() => heard.agent, { timeout: 10_000 }).toContain('counts');
      expect(heard.agent).not.toContain('ticket');
      await expect.poll(async () => (await counts(lw.agent)).get(v.id)).toBe(0);
      expect(heard.alice).not.toContain('counts');
    } finally {
      for (const s of streams) s.close();
    }
  });
});
