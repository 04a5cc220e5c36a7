import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// Macros: a canned response that may also add an internal note and change the ticket, applied in
// one transaction through POST /tickets/:number/actions (also "send and set status").

type Json = Record<string, unknown>;
type Msg = { body: string; internal: boolean };
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  env = await startTestApp({ env: { TESSERA_WORKFLOW_PRESET: 'classic' } });
  w = await makeWorld(env.app);
});
afterAll(() => env?.close());

const act = (c: Client, n: number, body: Json) => c.request('POST', `/api/v1/tickets/${n}/actions`, body);
const messages = async (c: Client, n: number) =>
  (await c.get<{ items: Msg[] }>(`/api/v1/tickets/${n}/messages`)).items.slice(1);
const macro = (body: Json) => w.admin.request('POST', '/api/v1/canned-responses', body);

describe('macros', () => {
  it('gives the reply, the note and the changes in one go, filled in for the ticket', async () => {
    const made = await macro({
      title: 'Ask for logs',
      body: 'Hi {{customer.name}}, could you send the logs of #{{ticket.number}}?',
      departmentId: w.billing.id,
      actions: {
        note: 'Asked for logs ({{agent.name}})',
        changes: { status: 'on_hold', priority: 'urgent', addTags: ['needs logs'] },
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const m = made.json() as { id: string; actions: Json };
    expect(m.actions).toMatchObject({ changes: { status: 'on_hold' } });

    const t = await openTicket(w.alice, w.billing.id);
    const res = await act(w.agent, t.number, { macroId: m.id });
    expect(res.statusCode, res.body).toBe(200);
    // The reply moved it to Answered (the workflow's rule), then the macro set On Hold.
    expect(res.json()).toMatchObject({
      status: { key: 'on_hold' },
      priority: 'urgent',
      tags: ['needs logs'],
    });
    const alice = await w.alice.get<{ name: string }>('/api/v1/me');
    const agent = await w.agent.get<{ name: string }>('/api/v1/me');
    expect(await messages(w.agent, t.number)).toMatchObject([
      { body: `Hi ${alice.name}, could you send the logs of #${t.number}?`, internal: false },
      { body: `Asked for logs (${agent.name})`, internal: true },
    ]);
    expect((await messages(w.alice, t.number)).map((x) => x.internal)).toEqual([false]);
    const events = await w.agent.get<{ items: Json[] }>(`/api/v1/tickets/${t.number}/events`);
    expect(events.items.filter((e) => e.field === 'status').map((e) => e.to)).toEqual([
      'open',
      'answered',
      'on_hold',
    ]);
    const list = await w.agent.get<{ items: { id: string; usageCount: number }[] }>(
      '/api/v1/canned-responses',
    );
    expect(list.items.find((x) => x.id === m.id)?.usageCount).toBe(1);

    // The agent's own edit of the text replaces the macro's; its note and changes still apply.
    const u = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(200, 'POST', `/api/v1/tickets/${u.number}/actions`, {
      macroId: m.id,
      reply: 'Logs please',
    });
    expect((await messages(w.agent, u.number)).map((x) => x.body)).toEqual([
      'Logs please',
      `Asked for logs (${agent.name})`,
    ]);
  });

  it('in bulk: each ticket through the workflow, its own text; what the agent may not see is skipped', async () => {
    const m = (
      await macro({
        title: 'Bulk ask',
        body: 'About #{{ticket.number}}: please confirm.',
        actions: { note: 'Asked in bulk', changes: { status: 'on_hold', addTags: ['asked'] } },
      })
    ).json() as { id: string };
    const mine = await Promise.all([1, 2, 3].map(() => openTicket(w.alice, w.billing.id)));
    const tech = await openTicket(w.carol, w.tech.id);
    const numbers = [...mine, tech].map((t) => t.number);
    const started = await w.agent.expect<{ id: string }>(202, 'POST', '/api/v1/tickets/bulk', {
      numbers,
      action: { kind: 'macro', macroId: m.id },
    });
    await env.drain();
    const job = await w.agent.get<Json>(`/api/v1/tickets/bulk/${started.id}`);
    expect(job).toMatchObject({ status: 'done', action: 'macro', changed: 3, skipped: 1 });
    expect(job.skippedTickets).toEqual([
      { number: tech.number, reason: expect.stringContaining('not yours') },
    ]);
    for (const t of mine) {
      expect((await messages(w.agent, t.number)).map((x) => [x.body, x.internal])).toEqual([
        [`About #${t.number}: please confirm.`, false],
        ['Asked in bulk', true],
      ]);
      const events = await w.agent.get<{ items: Json[] }>(`/api/v1/tickets/${t.number}/events`);
      expect(events.items.filter((e) => e.field === 'status').map((e) => e.to)).toEqual([
        'open',
        'answered',
        'on_hold',
      ]);
    }
    expect(await messages(w.admin, tech.number)).toEqual([]);
    const bad = await w.agent.request('POST', '/api/v1/tickets/bulk', {
      numbers,
      action: { kind: 'macro', macroId: 'nope' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('send and set status: one reply, one move', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const res = await act(w.agent, t.number, { reply: 'Fixed on our side.', changes: { status: 'closed' } });
    expect(res.json()).toMatchObject({ status: { key: 'closed' } });
    expect(await messages(w.alice, t.number)).toMatchObject([{ body: 'Fixed on our side.' }]);
  });

  it('asks first when newer messages came in, as a reply does', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const [first] = (await w.agent.get<{ items: { id: string }[] }>(`/api/v1/tickets/${t.number}/messages`))
      .items;
    await w.alice.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Any news?' });
    const held = await act(w.agent, t.number, {
      reply: 'Done',
      changes: { status: 'closed' },
      seenUpTo: first!.id,
    });
    expect(held.statusCode).toBe(409);
    expect(
      (await w.agent.get<{ status: { key: string } }>(`/api/v1/tickets/${t.number}`)).status.key,
    ).not.toBe('closed');
    const sent = await act(w.agent, t.number, {
      reply: 'Done',
      changes: { status: 'closed' },
      seenUpTo: first!.id,
      confirm: true,
    });
    expect(sent.json()).toMatchObject({ status: { key: 'closed' } });
  });

  it('is refused as a whole: a bad change leaves no reply behind', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const res = await act(w.agent, t.number, { reply: 'On it', changes: { assigneeId: 'nobody' } });
    expect(res.statusCode).toBe(400);
    expect(await messages(w.agent, t.number)).toEqual([]);
    expect((await act(w.agent, t.number, { reply: 'x', changes: { status: 'nope' } })).statusCode).toBe(409);
    expect(await messages(w.agent, t.number)).toEqual([]);
    expect((await act(w.agent, t.number, {})).statusCode).toBe(400);
    expect((await act(w.agent, t.number, { reply: 'x', extra: 1 })).statusCode).toBe(400);
  });

  it('is for staff who see the ticket and the macro', async () => {
    const tech = await openTicket(w.carol, w.tech.id);
    const mine = await openTicket(w.alice, w.billing.id);
    const techMacro = (
      await macro({ title: 'Tech only', body: 'Reboot', departmentId: w.tech.id })
    ).json() as Json;
    expect((await act(w.alice, mine.number, { reply: 'hi' })).statusCode).toBe(403);
    expect((await act(w.agent, tech.number, { reply: 'hi' })).statusCode).toBe(404);
    expect((await act(w.agent, mine.number, { macroId: techMacro.id })).statusCode).toBe(404);
    expect(await messages(w.agent, mine.number)).toEqual([]);
  });

  it('a macro must do something that exists; a plain canned response still works', async () => {
    expect((await macro({ title: 'Nothing', body: '' })).statusCode).toBe(400);
    expect(
      (await macro({ title: 'Bad', body: '', actions: { changes: { status: 'nope' } } })).statusCode,
    ).toBe(400);
    expect(
      (await macro({ title: 'Bad', body: 'x', actions: { note: 'Hi {{agent.phone}}' } })).statusCode,
    ).toBe(400);
    expect((await macro({ title: 'Bad', body: 'x', actions: { changes: {} } })).statusCode).toBe(400);
    const plain = await w.admin.expect<Json>(201, 'POST', '/api/v1/canned-responses', {
      title: 'Thanks',
      body: 'Thanks!',
    });
    expect(plain).toMatchObject({ body: 'Thanks!', actions: {} });
    // Only actions, no text: the reply box applies it in one click.
    const tagOnly = await w.admin.expect<{ id: string }>(201, 'POST', '/api/v1/canned-responses', {
      title: 'Mark VIP',
      body: '',
      actions: { changes: { addTags: ['vip'] } },
    });
    const t = await openTicket(w.alice, w.billing.id);
    expect((await act(w.agent, t.number, { macroId: tagOnly.id })).json()).toMatchObject({ tags: ['vip'] });
    expect(await messages(w.agent, t.number)).toEqual([]);
  });
});
