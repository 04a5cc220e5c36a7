import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, login, makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// Drafts kept on the server per person, ticket and kind; sending removes them in the same commit.
// A reply based on an old view of the thread asks first (409 conflict) and goes with `confirm`.

type Json = Record<string, unknown>;
type Msg = { id: string; body: string };
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  env = await startTestApp();
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await env?.close();
});

const draftUrl = (n: number, kind = 'reply') => `/api/v1/tickets/${n}/draft?kind=${kind}`;
const readDraft = (c: Client, n: number, kind = 'reply') =>
  c.get<{ body: string; updatedAt: string | null }>(draftUrl(n, kind));
const save = (c: Client, n: number, body: Json) => c.request('PUT', `/api/v1/tickets/${n}/draft`, body);
const messages = async (c: Client, n: number) =>
  (await c.get<{ items: Msg[] }>(`/api/v1/tickets/${n}/messages`)).items;
const reply = (c: Client, n: number, body: Json) => c.request('POST', `/api/v1/tickets/${n}/messages`, body);

describe('drafts', () => {
  it('are read back after a reload and in a second session of the same agent, per kind, and private to their writer', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    expect((await save(w.agent, t.number, { kind: 'reply', body: 'Dear Alice, the bot' })).statusCode).toBe(
      200,
    );
    expect(
      (await save(w.agent, t.number, { kind: 'note', body: 'Check the exchange keys' })).statusCode,
    ).toBe(200);
    // Typed on: the later save wins.
    await save(w.agent, t.number, { kind: 'reply', body: 'Dear Alice, the bot restarts now' });
    expect(await readDraft(w.agent, t.number)).toMatchObject({ body: 'Dear Alice, the bot restarts now' });
    expect((await readDraft(w.agent, t.number)).updatedAt).not.toBeNull();

    const again = await login(env.app, w.agent.user!.email, w.password);
    expect(await readDraft(again, t.number, 'note')).toMatchObject({ body: 'Check the exchange keys' });
    expect(await readDraft(again, t.number)).toMatchObject({ body: 'Dear Alice, the bot restarts now' });
    // Another agent (the admin sees every department) has nothing: drafts are their writer's own.
    expect(await readDraft(w.admin, t.number)).toEqual({ kind: 'reply', body: '', updatedAt: null });
  });

  it('are for staff on tickets they see: customers 403, other departments 404', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await save(w.agent, t.number, { kind: 'reply', body: 'secret plan' });
    expect((await w.alice.request('GET', draftUrl(t.number))).statusCode).toBe(403);
    expect((await save(w.alice, t.number, { kind: 'reply', body: 'x' })).statusCode).toBe(403);
    expect((await w.techAgent.request('GET', draftUrl(t.number))).statusCode).toBe(404);
    expect((await save(w.techAgent, t.number, { kind: 'reply', body: 'x' })).statusCode).toBe(404);
    expect((await w.techAgent.request('DELETE', draftUrl(t.number))).statusCode).toBe(404);
    expect((await w.agent.request('GET', draftUrl(999_999))).statusCode).toBe(404);
    expect(await readDraft(w.agent, t.number)).toMatchObject({ body: 'secret plan' });
  });

  it('refuses bad input and keeps the draft as it was', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await save(w.agent, t.number, { kind: 'reply', body: 'kept' });
    for (const body of [
      { kind: 'email', body: 'x' },
      { kind: 'reply' },
      { kind: 'reply', body: 'x'.repeat(100_001) },
      { kind: 'reply', body: 'x', extra: 1 },
      { kind: 'reply', body: 42 },
    ]) {
      const res = await save(w.agent, t.number, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 60)).toBe(400);
    }
    expect((await w.agent.request('GET', `/api/v1/tickets/${t.number}/draft?kind=email`)).statusCode).toBe(
      400,
    );
    expect((await w.agent.request('GET', `/api/v1/tickets/${t.number}/draft`)).statusCode).toBe(400);
    expect(await readDraft(w.agent, t.number)).toMatchObject({ body: 'kept' });
  });

  it('are discarded by DELETE or a blank save, and removed when the reply or note is sent', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await save(w.agent, t.number, { kind: 'reply', body: 'first' });
    expect((await w.agent.request('DELETE', draftUrl(t.number))).statusCode).toBe(204);
    expect((await readDraft(w.agent, t.number)).body).toBe('');
    await save(w.agent, t.number, { kind: 'reply', body: 'second' });
    expect((await save(w.agent, t.number, { kind: 'reply', body: '   ' })).json()).toMatchObject({
      updatedAt: null,
    });
    expect((await readDraft(w.agent, t.number)).body).toBe('');

    await save(w.agent, t.number, { kind: 'reply', body: 'The reply' });
    await save(w.agent, t.number, { kind: 'note', body: 'The note' });
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'The note',
      internal: true,
    });
    expect((await readDraft(w.agent, t.number, 'note')).body).toBe('');
    expect((await readDraft(w.agent, t.number)).body).toBe('The reply');
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'The reply' });
    expect((await readDraft(w.agent, t.number)).body).toBe('');
  });

  it('are removed when a reply goes out with changes (send and set status)', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await save(w.agent, t.number, { kind: 'reply', body: 'Done, closing this' });
    await w.agent.expect(200, 'POST', `/api/v1/tickets/${t.number}/actions`, {
      reply: 'Done, closing this',
      changes: { priority: 'low' },
    });
    expect((await readDraft(w.agent, t.number)).body).toBe('');
  });

  it('stay when the send is refused', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const [first] = await messages(w.agent, t.number);
    await w.alice.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Any news?' });
    await save(w.agent, t.number, { kind: 'reply', body: 'Working on it' });
    expect((await reply(w.agent, t.number, { body: 'Working on it', seenUpTo: first!.id })).statusCode).toBe(
      409,
    );
    expect((await readDraft(w.agent, t.number)).body).toBe('Working on it');
  });
});

describe('a reply based on an old view of the thread', () => {
  it('is refused with the newer messages, and goes through with confirm', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const [opening] = await messages(w.agent, t.number);
    // Another agent answers, and the customer writes, after the first agent loaded the page.
    const other = await w.admin.expect<Msg>(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'On it — admin',
    });
    const note = await w.admin.expect<Msg>(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'note',
      internal: true,
    });
    const res = await reply(w.agent, t.number, { body: 'Restarting the bot', seenUpTo: opening!.id });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'conflict', messages: [other.id] });
    expect((await messages(w.agent, t.number)).map((m) => m.body)).not.toContain('Restarting the bot');

    // Seen up to the newest (an internal note counts as seen too): no question asked.
    const okay = await reply(w.agent, t.number, { body: 'Seen it all', seenUpTo: note.id });
    expect(okay.statusCode).toBe(201);
    // Its own reply is not news to its writer.
    expect((await reply(w.agent, t.number, { body: 'And more', seenUpTo: note.id })).statusCode).toBe(201);
    const confirmed = await reply(w.agent, t.number, {
      body: 'Restarting the bot',
      seenUpTo: opening!.id,
      confirm: true,
    });
    expect(confirmed.statusCode).toBe(201);
    expect((await messages(w.agent, t.number)).map((m) => m.body)).toContain('Restarting the bot');
  });

  it('applies to customers too, without revealing internal notes; notes are never held back', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const [opening] = await messages(w.alice, t.number);
    const note = await w.agent.expect<Msg>(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'internal',
      internal: true,
    });
    // An internal note's id is not a message the customer has: 400, as any unknown id.
    expect((await reply(w.alice, t.number, { body: 'x', seenUpTo: note.id })).statusCode).toBe(400);
    expect((await reply(w.alice, t.number, { body: 'x', seenUpTo: 'no-such-message' })).statusCode).toBe(400);
    // Only the note is newer: nothing public to read first.
    expect((await reply(w.alice, t.number, { body: 'Hello?', seenUpTo: opening!.id })).statusCode).toBe(201);
    const agentReply = await w.agent.expect<Msg>(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'Hi Alice',
    });
    const res = await reply(w.alice, t.number, { body: 'Hello again?', seenUpTo: opening!.id });
    expect(res.json()).toMatchObject({ code: 'conflict', messages: [agentReply.id] });
    // An internal note is never held back, whatever it was based on.
    expect(
      (await reply(w.agent, t.number, { body: 'n', internal: true, seenUpTo: opening!.id })).statusCode,
    ).toBe(201);
  });

  it('must name a message of this ticket', async () => {
    const [a, b] = await Promise.all([openTicket(w.alice, w.billing.id), openTicket(w.alice, w.billing.id)]);
    const [ofB] = await messages(w.agent, b.number);
    expect((await reply(w.agent, a.number, { body: 'x', seenUpTo: ofB!.id })).statusCode).toBe(400);
    expect((await messages(w.agent, a.number)).map((m) => m.body)).not.toContain('x');
  });
});
