import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../common/api.js';
import { type Client, makeWorld, openTicket } from './client.js';
import { manualClock, startTestApp, type TestEnv } from './helpers.js';

// Black-box scenarios, one per preset: timers are shortened through PUT /api/v1/workflow; the
// app's clock moves only when a test says so, and the scheduler's sweep runs when the test calls it.

type World = Awaited<ReturnType<typeof makeWorld>>;
type Ev = {
  type: string;
  field: string | null;
  from: string | null;
  to: string | null;
  actor: { kind: string };
  reason?: string;
};
type Doc = Record<string, unknown> & { timers: unknown[] };

type Env = TestEnv & { advance(ms: number): void };

async function setup(preset: string): Promise<{ env: Env; w: World; doc: Doc }> {
  const time = manualClock();
  const env = { ...(await startTestApp({ clock: time.clock })), advance: time.advance };
  const w = await makeWorld(env.app);
  const doc = await w.admin.expect<Doc>(200, 'PUT', '/api/v1/workflow', { preset });
  return { env, w, doc };
}

const ticket = (c: Client, n: number) => c.get<Ticket>(`/api/v1/tickets/${n}`);
const events = async (c: Client, n: number) =>
  (await c.get<{ items: Ev[] }>(`/api/v1/tickets/${n}/events`)).items;
const reply = (c: Client, n: number, body = 'A reply') =>
  c.request('POST', `/api/v1/tickets/${n}/messages`, { body });
const statusOf = async (c: Client, n: number) => (await ticket(c, n)).status.key;
/** Lets `seconds` pass one at a time, with a scheduler sweep after each. */
async function elapse(env: Env, seconds: number) {
  for (let i = 0; i < seconds; i++) {
    env.advance(1000);
    await env.sweep();
  }
}

async function notices(env: TestEnv, ticketNumber: number): Promise<string[]> {
  const rows = await env.database.db
    .selectFrom('outbox')
    .select('payload')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows
    .map((r) => JSON.parse(r.payload) as { event: string; ticketNumber: number })
    .filter((p) => p.ticketNumber === ticketNumber)
    .map((p) => p.event);
}

describe('portal (seed 000)', () => {
  let env: Env;
  let w: World;
  beforeAll(async () => {
    ({ env, w } = await setup('portal'));
    const doc = await w.admin.get<Doc>('/api/v1/workflow');
    await w.admin.expect(200, 'PUT', '/api/v1/workflow', {
      ...doc,
      timers: [{ status: 'resolved', after: 'PT1S', action: 'transition', to: 'closed' }],
    });
  });
  afterAll(() => env?.close());

  it('a reply in Waiting on You reopens to Open and tells staff', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    expect(t.status).toMatchObject({ key: 'open', label: 'Open' });
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'waiting_on_you' });
    expect((await ticket(w.alice, t.number)).status.label).toBe('Waiting on You');
    expect((await ticket(w.agent, t.number)).status.label).toBe('Awaiting customer');
    expect((await reply(w.alice, t.number, 'Here are the details')).statusCode).toBe(201);
    expect(await statusOf(w.agent, t.number)).toBe('open');
    expect(await notices(env, t.number)).toEqual([
      'ticket.created',
      'ticket.waiting_on_customer',
      'ticket.customer_reply',
    ]);
  });

  it('no replies once Resolved; Resolved closes by itself; still no replies when Closed', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'resolved' });
    const seen = await ticket(w.alice, t.number);
    expect(seen.canReply).toBe(false);
    expect(seen.replyBlockedReason).toBe(
      `This ticket is resolved. Open a new ticket and mention #${t.number}.`,
    );
    const refused = await reply(w.alice, t.number);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'reply_not_allowed', detail: seen.replyBlockedReason });

    await elapse(env, 1);
    expect(await statusOf(w.agent, t.number)).toBe('closed');
    const closing = (await events(w.agent, t.number)).at(-1);
    expect(closing).toMatchObject({
      field: 'status',
      from: 'resolved',
      to: 'closed',
      actor: { kind: 'automation' },
    });
    expect((await reply(w.alice, t.number)).json().detail).toBe(
      `This ticket is closed. Open a new ticket and mention #${t.number}.`,
    );
    const closed = await ticket(w.alice, t.number);
    expect(closed.closedAt).not.toBeNull();
    // In the customer's own language: the reason shown, and the refusal of a reply.
    await w.alice.expect(200, 'PATCH', '/api/v1/me', { locale: 'de' });
    try {
      const german = `Bitte eröffnen Sie ein neues Ticket und nennen Sie darin #${t.number}.`;
      expect((await ticket(w.alice, t.number)).replyBlockedReason).toMatch(/^Dieses Ticket ist /);
      expect((await ticket(w.alice, t.number)).replyBlockedReason).toContain(german);
      expect((await reply(w.alice, t.number)).json().detail).toContain(german);
    } finally {
      await w.alice.expect(200, 'PATCH', '/api/v1/me', { locale: null });
    }
    expect(await notices(env, t.number)).toEqual(['ticket.created', 'ticket.resolved', 'ticket.closed']);
  });
});

describe('classic (seed 004)', () => {
  let env: Env;
  let w: World;
  beforeAll(async () => {
    ({ env, w } = await setup('classic'));
  });
  afterAll(() => env?.close());

  it('a staff reply sets Answered, which cannot be set by hand; a customer reply sets Customer Reply', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const manual = await w.agent.request('PATCH', `/api/v1/tickets/${t.number}`, { status: 'answered' });
    expect(manual.statusCode).toBe(409);
    expect(manual.json().code).toBe('invalid_transition');
    expect((await reply(w.agent, t.number, 'We are on it')).statusCode).toBe(201);
    expect(await statusOf(w.agent, t.number)).toBe('answered');
    expect((await reply(w.alice, t.number, 'Thanks')).statusCode).toBe(201);
    expect(await statusOf(w.agent, t.number)).toBe('customer_reply');
    const statusEvents = (await events(w.agent, t.number))
      .filter((e) => e.field === 'status')
      .map((e) => [e.from, e.to]);
    expect(statusEvents).toEqual([
      [null, 'open'],
      ['open', 'answered'],
      ['answered', 'customer_reply'],
    ]);
  });

  it('closes tickets after the configured time without activity', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await reply(w.agent, t.number, 'Did that help?');
    const doc = await w.admin.get<Doc>('/api/v1/workflow');
    await w.admin.expect(200, 'PUT', '/api/v1/workflow', {
      ...doc,
      timers: [{ status: '*', after: 'PT2S', since: 'lastActivity', action: 'transition', to: 'closed' }],
    });
    await elapse(env, 1);
    expect(await statusOf(w.agent, t.number)).toBe('answered');
    await elapse(env, 1);
    expect(await statusOf(w.agent, t.number)).toBe('closed');
    const last = (await events(w.agent, t.number)).at(-1);
    expect(last).toMatchObject({
      from: 'answered',
      to: 'closed',
      actor: { kind: 'automation' },
      reason: '2 seconds without activity',
    });
  });
});

describe('escalation (seed 003)', () => {
  let env: Env;
  let w: World;
  beforeAll(async () => {
    ({ env, w } = await setup('escalation'));
    const doc = await w.admin.get<Doc>('/api/v1/workflow');
    await w.admin.expect(200, 'PUT', '/api/v1/workflow', {
      ...doc,
      timers: [
        { status: 'awaiting_customer', after: 'PT1S', action: 'remind' },
        { status: 'awaiting_customer', after: 'PT2S', action: 'remind' },
        { status: 'awaiting_customer', after: 'PT3S', action: 'transition', to: 'closed' },
        { status: 'resolved', after: 'PT1S', action: 'transition', to: 'closed' },
      ],
    });
  });
  afterAll(() => env?.close());

  it('two reminders, then a close with a final notice and a survey, from Awaiting customer reply', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    expect(t.status.key).toBe('submitted');
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'awaiting_customer' });
    await elapse(env, 2);
    expect(await statusOf(w.agent, t.number)).toBe('awaiting_customer');
    await elapse(env, 1);
    expect(await statusOf(w.agent, t.number)).toBe('closed');
    const evs = await events(w.agent, t.number);
    expect(evs.filter((e) => e.type === 'reminder')).toHaveLength(2);
    expect(await notices(env, t.number)).toEqual([
      'ticket.created',
      'ticket.waiting_on_customer',
      'ticket.reminder',
      'ticket.reminder',
      'ticket.closed',
      'ticket.survey',
    ]);
  });

  it('Resolved closes by itself; a reply reopens even a closed ticket to With Support', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'resolved' });
    await elapse(env, 1);
    expect(await statusOf(w.agent, t.number)).toBe('closed');
    expect((await ticket(w.alice, t.number)).canReply).toBe(true);
    expect((await reply(w.alice, t.number, 'It broke again')).statusCode).toBe(201);
    const reopened = await ticket(w.agent, t.number);
    expect(reopened.status.key).toBe('with_support');
    expect(reopened.closedAt).toBeNull();
  });

  it('the survey is answered once from its link, shows on the ticket and in the report', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'closed' });
    const row = await env.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('dedupe_key', 'like', 'ticket.survey:%')
      .execute();
    const url = row
      .map((r) => JSON.parse(r.payload) as { ticketNumber: number; url: string })
      .find((p) => p.ticketNumber === t.number)?.url;
    expect(url).toMatch(/\/survey\//);
    const path = new URL(url ?? '').pathname;

    const form = await env.app.inject({ method: 'GET', url: path });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`#${t.number}`);
    const forged = await env.app.inject({
      method: 'POST',
      url: `${path.slice(0, -3)}abc`,
      payload: { rating: 5 },
    });
    expect(forged.statusCode).toBe(404);
    const bad = await env.app.inject({ method: 'POST', url: path, payload: { rating: 9 } });
    expect(bad.statusCode).toBe(400);
    const ok = await env.app.inject({
      method: 'POST',
      url: path,
      payload: { rating: 4, comment: 'Quick and kind' },
    });
    expect(ok.statusCode).toBe(201);
    const again = await env.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'rating=1',
    });
    expect(again.statusCode).toBe(410);
    expect((await env.app.inject({ method: 'GET', url: path })).statusCode).toBe(410);

    const staffView = await ticket(w.agent, t.number);
    expect(staffView.satisfaction).toMatchObject({ rating: 4, comment: 'Quick and kind' });
    expect((await ticket(w.alice, t.number)).satisfaction).toBeUndefined();
    const csat = await w.admin.get<{
      responses: number;
      average: number;
      distribution: Record<string, number>;
    }>('/api/v1/reports/csat');
    expect(csat).toMatchObject({ responses: 1, average: 4, distribution: { '4': 1 } });
    expect((await w.alice.request('GET', '/api/v1/reports/csat')).statusCode).toBe(403);
  });
});

describe('subscription (seed 002)', () => {
  let env: Env;
  let w: World;
  beforeAll(async () => {
    ({ env, w } = await setup('subscription'));
  });
  afterAll(() => env?.close());

  it('a customer reply reopens; a staff reply keeps the status', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'on_hold' });
    await reply(w.agent, t.number, 'Still waiting on the bank');
    expect(await statusOf(w.agent, t.number)).toBe('on_hold');
    await reply(w.alice, t.number, 'Any update?');
    expect(await statusOf(w.agent, t.number)).toBe('reopened');
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'closed' });
    await reply(w.alice, t.number, 'One more thing');
    expect(await statusOf(w.agent, t.number)).toBe('reopened');
  });
});
