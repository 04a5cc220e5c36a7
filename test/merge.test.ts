import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../common/api.js';
import { replyAddress, replyToken } from '../src/channels/email/reply-token.js';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { type Client, makeWorld, openTicket } from './client.js';
import type { TestEnv } from './helpers.js';
import { type MailApp, startMailApp } from './mail-app.js';

// Merging: never into a closed ticket unless it is reopened; a merged ticket's number leads to
// where its conversation went, and a reply sent to it by any channel lands there.

let mail: MailApp;
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;
let send: MailApp['send'];

beforeAll(async () => {
  mail = await startMailApp({ env: { TESSERA_WORKFLOW_PRESET: 'classic' } });
  ({ env, send } = mail);
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await mail?.close();
});

type Msg = { body: string; channel: string };
type Ev = {
  type: string;
  field: string | null;
  from: string | null;
  to: string | null;
  reason: string | null;
};
const messages = async (c: Client, n: number) =>
  (await c.get<{ items: Msg[] }>(`/api/v1/tickets/${n}/messages`)).items.map((m) => m.body);
const events = async (c: Client, n: number) =>
  (await c.get<{ items: Ev[] }>(`/api/v1/tickets/${n}/events`)).items;
const statusOf = async (c: Client, n: number) => (await c.get<Ticket>(`/api/v1/tickets/${n}`)).status.key;
const merge = (c: Client, n: number, body: Record<string, unknown>) =>
  c.request('POST', `/api/v1/tickets/${n}/merge`, body);
async function drain() {
  while ((await runJobsOnce(env.app.ctx, JOB_HANDLERS, { intervalMs: 0 })) > 0);
}

describe('merging into a closed ticket', () => {
  it('is refused, changing nothing, unless the agent reopens it', async () => {
    const source = await openTicket(w.alice, w.billing.id, {
      description: 'Second report of the same fault',
    });
    const target = await openTicket(w.alice, w.billing.id, { description: 'First report' });
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${target.number}`, { status: 'closed' });

    const refused = await merge(w.agent, source.number, { into: target.number });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'conflict', reopenRequired: true });
    expect(refused.json().detail).toMatch(new RegExp(`#${target.number} is closed`));
    expect(await statusOf(w.agent, source.number)).toBe('open');
    expect(await messages(w.agent, source.number)).toEqual(['Second report of the same fault']);
    const declined = await merge(w.agent, source.number, { into: target.number, reopen: false });
    expect(declined.statusCode).toBe(409);

    const merged = await merge(w.agent, source.number, { into: target.number, reopen: true });
    expect(merged.statusCode).toBe(200);
    // Classic: a closed ticket taking in a customer's conversation goes where their reply would.
    expect(merged.json()).toMatchObject({ number: target.number, status: { key: 'customer_reply' } });
    expect((await messages(w.agent, target.number)).sort()).toEqual([
      'First report',
      'Second report of the same fault',
    ]);
    const timeline = await events(w.agent, target.number);
    expect(timeline).toContainEqual(
      expect.objectContaining({
        field: 'status',
        from: 'closed',
        to: 'customer_reply',
        reason: `reopened to take in #${source.number}`,
      }),
    );
    expect(timeline).toContainEqual(expect.objectContaining({ type: 'merged', from: String(source.number) }));
  });

  it('into a merged ticket is refused with the ticket to merge into instead', async () => {
    const a = await openTicket(w.alice, w.billing.id);
    const b = await openTicket(w.alice, w.billing.id);
    const c = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(200, 'POST', `/api/v1/tickets/${b.number}/merge`, { into: c.number });
    for (const body of [{ into: b.number }, { into: b.number, reopen: true }]) {
      const res = await merge(w.agent, a.number, body);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ mergedInto: c.number });
    }
  });
});

describe('a merged ticket', () => {
  let source: Ticket;
  let target: Ticket;
  beforeAll(async () => {
    source = await openTicket(w.alice, w.billing.id, { description: 'Duplicate report' });
    target = await openTicket(w.alice, w.billing.id, { description: 'Original report' });
    await w.agent.expect(200, 'POST', `/api/v1/tickets/${source.number}/merge`, { into: target.number });
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${target.number}/messages`, {
      body: 'Looking into it',
    });
  });

  it('leads its customer to the target: its thread and its status', async () => {
    const res = await w.alice.request('GET', `/api/v1/tickets/${source.number}`);
    expect(res.statusCode).toBe(308);
    expect(res.headers.location).toBe(`/api/v1/tickets/${target.number}`);
    expect(res.json()).toMatchObject({ number: source.number, mergedInto: target.number });
    const followed = await w.alice.get<Ticket>(String(res.headers.location));
    expect(followed).toMatchObject({ number: target.number, status: { key: 'answered' } });
    expect(await messages(w.alice, target.number)).toEqual(
      expect.arrayContaining(['Duplicate report', 'Original report', 'Looking into it']),
    );
  });

  it('a reply posted to it through the API lands on the target, with a note on the target’s timeline', async () => {
    const res = await w.alice.request('POST', `/api/v1/tickets/${source.number}/messages`, {
      body: 'Any news?',
    });
    expect(res.statusCode).toBe(201);
    expect(await messages(w.agent, target.number)).toContain('Any news?');
    expect(await messages(w.agent, source.number)).toEqual([]);
    expect(await statusOf(w.agent, target.number)).toBe('customer_reply');
    expect(await events(w.agent, target.number)).toContainEqual(
      expect.objectContaining({
        type: 'reply_moved',
        from: String(source.number),
        to: String(target.number),
      }),
    );
    // An agent's reply there goes the same way.
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${source.number}/messages`, { body: 'Nearly done' });
    expect(await messages(w.alice, target.number)).toContain('Nearly done');
  });

  it('a reply by email with the old ticket’s reply token lands on the target', async () => {
    await send({
      from: w.alice.user?.email,
      to: replyAddress(
        'support@helpdesk.test',
        replyToken(env.app.ctx.config.secret, source.number, w.alice.user?.id ?? ''),
      ),
      subject: `Re: [#${source.number}] Bot stopped trading`,
      messageId: '<merged-reply-1@mail.example.test>',
      text: 'Replying to the old mail',
    });
    await drain();
    expect(await messages(w.agent, target.number)).toContain('Replying to the old mail');
    expect(await messages(w.agent, source.number)).toEqual([]);
  });

  it('a merge chain is followed to the live ticket', async () => {
    const last = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(200, 'POST', `/api/v1/tickets/${target.number}/merge`, { into: last.number });
    await w.alice.expect(201, 'POST', `/api/v1/tickets/${source.number}/messages`, { body: 'Two hops' });
    expect(await messages(w.agent, last.number)).toContain('Two hops');
  });
});

describe('visibility still holds', () => {
  it('an agent who may not see the target gets 404 replying to the merged ticket, and nothing is written', async () => {
    const source = await openTicket(w.alice, w.billing.id);
    const target = await openTicket(w.alice, w.tech.id);
    await w.admin.expect(200, 'POST', `/api/v1/tickets/${source.number}/merge`, { into: target.number });
    const before = await messages(w.admin, target.number);
    const res = await w.agent.request('POST', `/api/v1/tickets/${source.number}/messages`, {
      body: 'Hidden?',
    });
    expect(res.statusCode).toBe(404);
    expect(await messages(w.admin, target.number)).toEqual(before);
    const redirect = await w.agent.request('GET', `/api/v1/tickets/${source.number}`);
    expect(redirect.statusCode).toBe(308);
    expect((await w.agent.request('GET', String(redirect.headers.location))).statusCode).toBe(404);
    expect(await messages(w.admin, source.number)).toEqual([]);
  });
});
