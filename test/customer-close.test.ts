import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../src/db/migrations/0024_customer_close.js';
import { PRESETS } from '../src/workflow/presets/index.js';
import { type Client, makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// Customers close their own tickets, and reopen finished ones, where the workflow has a rule for
// the ticket's status: one status event by the customer, their comment as a message that does not
// also trigger the reply rules, staff notified; everyone else, and every other status, refused.

type Json = Record<string, unknown>;
type T = { number: number; status: { key: string }; abilities: { close: boolean; reopen: boolean } };
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  env = await startTestApp({ env: { TESSERA_WORKFLOW_PRESET: 'classic' } });
  w = await makeWorld(env.app);
});
afterAll(() => env?.close());

const move = (c: Client, n: number, m: 'close' | 'reopen', body: Json = {}) =>
  c.request('POST', `/api/v1/tickets/${n}/${m}`, body);
const ticket = (c: Client, n: number) => c.get<T>(`/api/v1/tickets/${n}`);
const statusEvents = async (n: number) =>
  (await w.agent.get<{ items: Json[] }>(`/api/v1/tickets/${n}/events`)).items.filter(
    (e) => e.field === 'status' && e.type !== 'created',
  );
const noticesOf = async (ticketId: string) =>
  (await env.database.db.selectFrom('outbox').select('payload').where('topic', '=', 'notification').execute())
    .map((r) => JSON.parse(r.payload) as Json)
    .filter((p) => p.ticketId === ticketId)
    .map((p) => p.event);
const idOf = async (n: number) =>
  (await env.database.db.selectFrom('tickets').select('id').where('number', '=', n).executeTakeFirstOrThrow())
    .id;

describe('a customer closes and reopens their own ticket (classic)', () => {
  it('closes with a comment: one status event by the customer, the comment kept, staff told', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    expect((await ticket(w.alice, t.number)).abilities).toMatchObject({ close: true, reopen: false });
    expect((await ticket(w.agent, t.number)).abilities).toMatchObject({ close: false, reopen: false });

    const res = await move(w.alice, t.number, 'close', { comment: '  Sorted, thanks!  ' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: { key: 'closed' },
      abilities: { close: false, reopen: true },
    });

    const messages = await w.alice.get<{ items: { body: string; internal: boolean; author: Json }[] }>(
      `/api/v1/tickets/${t.number}/messages`,
    );
    expect(messages.items.at(-1)).toMatchObject({ body: 'Sorted, thanks!', internal: false });
    // The comment did not also move the ticket to Customer Reply on its way.
    const events = await statusEvents(t.number);
    expect(events.map((e) => [e.from, e.to, e.reason])).toEqual([
      ['open', 'closed', 'closed by the customer'],
    ]);
    expect(await noticesOf(await idOf(t.number))).toContain('ticket.closed');
  });

  it('reopens where a rule says so, and refuses what no rule allows', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    expect((await move(w.alice, t.number, 'reopen')).statusCode).toBe(409);
    await move(w.alice, t.number, 'close');
    const again = await move(w.alice, t.number, 'close');
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/cannot be closed/);

    // A colleague of the same organisation sees the ticket, and may reopen it.
    const res = await move(w.bob, t.number, 'reopen', { comment: 'Broken again since this morning.' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: { key: 'customer_reply' } });
    expect(await noticesOf(await idOf(t.number))).toContain('ticket.reopened');
  });

  it('is for the customers who see the ticket, with a body it accepts; nothing changes otherwise', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    expect((await move(w.carol, t.number, 'close')).statusCode).toBe(404);
    expect((await move(w.agent, t.number, 'close')).statusCode).toBe(403);
    expect((await move(w.admin, t.number, 'reopen')).statusCode).toBe(403);
    expect((await move(w.alice, 999_999, 'close')).statusCode).toBe(404);
    expect((await move(w.alice, t.number, 'close', { comment: 'x'.repeat(100_001) })).statusCode).toBe(400);
    expect((await move(w.alice, t.number, 'close', { status: 'closed' })).statusCode).toBe(400);
    expect((await ticket(w.alice, t.number)).status.key).toBe('open');
    expect(await statusEvents(t.number)).toEqual([]);
  });

  it('a merged ticket cannot be reopened on its own', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => openTicket(w.alice, w.billing.id)));
    await w.agent.expect(200, 'POST', `/api/v1/tickets/${a!.number}/merge`, { into: b!.number });
    const res = await move(w.alice, a!.number, 'reopen');
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/merged into/);
  });
});

describe('the rules are the workflow’s', () => {
  beforeAll(async () => {
    await env.close();
    env = await startTestApp({ env: { TESSERA_WORKFLOW_PRESET: 'portal' } });
    w = await makeWorld(env.app);
  });

  it('portal: a resolved ticket may be reopened, a closed one not; no rule, no button', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'resolved' });
    expect((await ticket(w.alice, t.number)).abilities).toMatchObject({ close: true, reopen: true });
    expect((await move(w.alice, t.number, 'reopen')).json()).toMatchObject({ status: { key: 'open' } });
    await move(w.alice, t.number, 'close');
    expect((await ticket(w.alice, t.number)).abilities).toMatchObject({ close: false, reopen: false });
    expect((await move(w.alice, t.number, 'reopen')).statusCode).toBe(409);

    await w.admin.expect(200, 'PUT', '/api/v1/workflow', {
      ...structuredClone(PRESETS.portal),
      onCustomerClose: [],
    });
    const u = await openTicket(w.alice, w.billing.id);
    expect((await ticket(w.alice, u.number)).abilities.close).toBe(false);
    expect((await move(w.alice, u.number, 'close')).statusCode).toBe(409);
  });

  it('a close must end the ticket and a reopen bring it back: anything else is refused', async () => {
    const bad = await w.admin.request('PUT', '/api/v1/workflow', {
      ...structuredClone(PRESETS.portal),
      onCustomerClose: [{ from: ['*'], to: 'in_progress' }],
      onCustomerReopen: [
        { from: ['closed'], to: 'resolved' },
        { from: ['nope'], to: 'open' },
      ],
    });
    expect(bad.statusCode).toBe(409);
    expect(
      bad
        .json()
        .errors.map((e: Json) => e.path)
        .sort(),
    ).toEqual(['onCustomerClose.0.to', 'onCustomerReopen.0.to', 'onCustomerReopen.1.from.0']);
  });

  it('migration 0024 gives a saved shipped preset its rules, and leaves an own document alone', async () => {
    const stored = async (edit?: (doc: Json) => void) => {
      const row = await env.database.db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', 'workflow')
        .executeTakeFirstOrThrow();
      const value = JSON.parse(row.value) as { document: Json };
      if (!edit) return value.document;
      edit(value.document);
      await env.database.db
        .updateTable('settings')
        .set({ value: JSON.stringify(value) })
        .where('key', '=', 'workflow')
        .execute();
      return value.document;
    };
    const old = (doc: Json) => {
      delete doc.onCustomerClose;
      delete doc.onCustomerReopen;
    };
    await w.admin.expect(200, 'PUT', '/api/v1/workflow', { preset: 'portal' });
    await stored(old);
    await up(env.database.db);
    expect(await stored()).toMatchObject({
      onCustomerClose: PRESETS.portal.onCustomerClose,
      onCustomerReopen: PRESETS.portal.onCustomerReopen,
    });
    await down(env.database.db);
    expect(await stored()).not.toHaveProperty('onCustomerClose');

    // An administrator's own statuses, without the preset's "closed": left as it is.
    await stored((doc) => {
      doc.statuses = (doc.statuses as Json[]).filter((s) => s.key !== 'closed');
    });
    await up(env.database.db);
    expect(await stored()).not.toHaveProperty('onCustomerClose');
  });
});
