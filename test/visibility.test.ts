import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../common/api.js';
import { makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

type Page = { items: Ticket[]; nextCursor: string | null };
type Msg = { body: string; internal: boolean };

let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let billingTicket: Ticket;
let techTicket: Ticket;
let otherOrgTicket: Ticket;
const SECRET_NOTE = 'zebracorn refund approved internally';

beforeAll(async () => {
  env = await startTestApp();
  w = await makeWorld(env.app);
  billingTicket = await openTicket(w.alice, w.billing.id, { subject: 'Invoice shows the wrong amount' });
  techTicket = await openTicket(w.bob, w.tech.id, { subject: 'Platform is not loading' });
  otherOrgTicket = await openTicket(w.carol, w.billing.id, { subject: 'Globex payment question' });
  await w.agent.expect(201, 'POST', `/api/v1/tickets/${billingTicket.number}/messages`, {
    body: SECRET_NOTE,
    internal: true,
  });
  await w.agent.expect(201, 'POST', `/api/v1/tickets/${billingTicket.number}/messages`, {
    body: 'We are checking the invoice.',
  });
});
afterAll(() => env?.close());

const numbers = (p: Page) => p.items.map((t) => t.number).sort();

describe('customers see their organisation, never another', () => {
  it('lists every ticket of the organisation, from any of its customers', async () => {
    const page = await w.bob.get<Page>('/api/v1/tickets');
    expect(numbers(page)).toEqual([billingTicket.number, techTicket.number].sort());
  });

  it('answers 404 for another organisation’s ticket, its messages and its timeline', async () => {
    for (const path of ['', '/messages', '/events']) {
      const res = await w.alice.request('GET', `/api/v1/tickets/${otherOrgTicket.number}${path}`);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('not_found');
    }
    const reply = await w.alice.request('POST', `/api/v1/tickets/${otherOrgTicket.number}/messages`, {
      body: 'hi',
    });
    expect(reply.statusCode).toBe(404);
  });

  it('gives the same 404 for a ticket that does not exist', async () => {
    const res = await w.alice.request('GET', '/api/v1/tickets/999999');
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toBe('No ticket #999999');
  });

  it('never filters its way into another organisation', async () => {
    const page = await w.alice.get<Page>(`/api/v1/tickets?organisationId=${w.orgB.id}`);
    expect(page.items).toEqual([]);
    const org = await w.alice.request('GET', `/api/v1/organisations/${w.orgB.id}`);
    expect(org.statusCode).toBe(404);
    const orgs = await w.alice.get<{ items: { id: string }[] }>('/api/v1/organisations');
    expect(orgs.items.map((o) => o.id)).toEqual([w.orgA.id]);
  });

  it('never receives internal note text, in messages, events, search or the ticket', async () => {
    const msgs = await w.alice.get<{ items: Msg[] }>(`/api/v1/tickets/${billingTicket.number}/messages`);
    expect(msgs.items.some((m) => m.internal)).toBe(false);
    expect(msgs.items.map((m) => m.body)).toContain('We are checking the invoice.');
    for (const url of [
      `/api/v1/tickets/${billingTicket.number}/messages`,
      `/api/v1/tickets/${billingTicket.number}/events`,
      `/api/v1/tickets/${billingTicket.number}`,
      '/api/v1/tickets',
      '/api/v1/tickets?q=zebracorn',
    ]) {
      const res = await w.alice.request('GET', url);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('zebracorn');
    }
    const search = await w.alice.get<Page>('/api/v1/tickets?q=zebracorn');
    expect(search.items).toEqual([]);
  });

  it('cannot post an internal note', async () => {
    const res = await w.alice.request('POST', `/api/v1/tickets/${billingTicket.number}/messages`, {
      body: 'let me in',
      internal: true,
    });
    expect(res.statusCode).toBe(403);
    const msgs = await w.agent.get<{ items: Msg[] }>(`/api/v1/tickets/${billingTicket.number}/messages`);
    expect(msgs.items.map((m) => m.body)).not.toContain('let me in');
  });
});

describe('agents see only their departments', () => {
  it('lists only tickets of their departments', async () => {
    const page = await w.agent.get<Page>('/api/v1/tickets');
    expect(numbers(page)).toEqual([billingTicket.number, otherOrgTicket.number].sort());
    const tech = await w.techAgent.get<Page>('/api/v1/tickets');
    expect(numbers(tech)).toEqual([techTicket.number]);
  });

  it('answers 404 for a ticket of another department, also when filtering for it', async () => {
    expect((await w.agent.request('GET', `/api/v1/tickets/${techTicket.number}`)).statusCode).toBe(404);
    expect(
      (await w.agent.request('PATCH', `/api/v1/tickets/${techTicket.number}`, { priority: 'low' }))
        .statusCode,
    ).toBe(404);
    const filtered = await w.agent.get<Page>(`/api/v1/tickets?departmentId=${w.tech.id}`);
    expect(filtered.items).toEqual([]);
  });

  it('search stays inside their departments', async () => {
    const tech = await w.agent.get<Page>('/api/v1/tickets?q=platform');
    expect(tech.items).toEqual([]);
    const own = await w.techAgent.get<Page>('/api/v1/tickets?q=platform');
    expect(numbers(own)).toEqual([techTicket.number]);
  });

  it('staff find internal notes through search; the admin sees everything', async () => {
    const page = await w.agent.get<Page>('/api/v1/tickets?q=zebracorn');
    expect(numbers(page)).toEqual([billingTicket.number]);
    const all = await w.admin.get<Page>('/api/v1/tickets');
    expect(numbers(all)).toEqual([billingTicket.number, techTicket.number, otherOrgTicket.number].sort());
  });

  it('an agent moved out of a department loses its tickets at once', async () => {
    await w.admin.expect(200, 'PATCH', `/api/v1/users/${w.techAgent.user?.id}`, { departmentIds: [] });
    const page = await w.techAgent.get<Page>('/api/v1/tickets');
    expect(page.items).toEqual([]);
    expect((await w.techAgent.request('GET', `/api/v1/tickets/${techTicket.number}`)).statusCode).toBe(404);
    await w.admin.expect(200, 'PATCH', `/api/v1/users/${w.techAgent.user?.id}`, {
      departmentIds: [w.tech.id],
    });
  });
});

describe('an agent in several departments', () => {
  it('pages through exactly the tickets of those departments, newest activity first, also when searching', async () => {
    await w.admin.expect(200, 'PATCH', `/api/v1/users/${w.techAgent.user?.id}`, {
      departmentIds: [w.tech.id, w.billing.id],
    });
    for (let i = 0; i < 5; i++)
      await openTicket(i % 2 ? w.alice : w.carol, i % 2 ? w.tech.id : w.billing.id, {
        subject: `Multi ${i}`,
      });
    const all = await w.admin.get<Page>('/api/v1/tickets?limit=100');
    const expected = all.items
      .filter((t) => [w.tech.id, w.billing.id].includes(t.department.id))
      .map((t) => t.number);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await w.techAgent.get(`/api/v1/tickets?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((t) => t.number));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    const search = await w.techAgent.get<Page>('/api/v1/tickets?q=multi&status=open');
    expect(search.items.map((t) => t.number).sort()).toEqual(
      all.items
        .filter((t) => t.subject.startsWith('Multi'))
        .map((t) => t.number)
        .sort(),
    );
    await w.admin.expect(200, 'PATCH', `/api/v1/users/${w.techAgent.user?.id}`, {
      departmentIds: [w.tech.id],
    });
  });
});
