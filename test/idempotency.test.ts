import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../common/api.js';
import { type Client, makeWorld } from './client.js';
import { manualClock, startTestApp, type TestEnv } from './helpers.js';

// Idempotency-Key on creations: an integration that retries never creates twice.

const time = manualClock();
let env: TestEnv;
let world: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  env = await startTestApp({ clock: time.clock });
  world = await makeWorld(env.app);
});
afterAll(() => env?.close());

let n = 0;
const newKey = () => `key-${++n}-${Date.now()}`;
const ticketBody = (subject = 'Invoice missing') => ({
  subject,
  description: 'The March invoice never arrived.',
  departmentId: world.billing.id,
  priority: 'normal',
});
const createTicket = (who: Client, key: string, body: object = ticketBody()) =>
  who.request('POST', '/api/v1/tickets', body, { 'idempotency-key': key });
const countTickets = async (who: Client) =>
  (await who.get<{ items: Ticket[] }>('/api/v1/tickets?limit=100')).items.length;
const countRows = async () =>
  Number(
    (
      await env.database.db
        .selectFrom('idempotency_keys')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('POST /api/v1/tickets with an Idempotency-Key', () => {
  it('creates once: a retry gets the same ticket, marked as replayed, and nothing new', async () => {
    const key = newKey();
    const first = await createTicket(world.alice, key);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const before = await countTickets(world.alice);
    const retry = await createTicket(world.alice, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await countTickets(world.alice)).toBe(before);
  });

  it('refuses the same key with a different request (422), creating nothing', async () => {
    const key = newKey();
    await createTicket(world.alice, key);
    const before = await countTickets(world.alice);
    const other = await createTicket(world.alice, key, ticketBody('Another subject'));
    expect(other.statusCode).toBe(422);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(other.json()).toMatchObject({ code: 'unprocessable', status: 422 });
    expect(other.json().detail).toMatch(/different request/);
    expect(await countTickets(world.alice)).toBe(before);
  });

  it('keeps keys per caller: the same key from two people makes two tickets', async () => {
    const key = newKey();
    const a = await createTicket(world.alice, key);
    const b = await createTicket(world.carol, key);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(a.json().number).not.toBe(b.json().number);
  });

  it('refuses a malformed key (400) and keeps nothing of a refused request', async () => {
    const before = await countTickets(world.alice);
    for (const bad of ['', 'x'.repeat(256), 'tab\there', 'naïve'])
      expect((await createTicket(world.alice, bad)).statusCode, JSON.stringify(bad)).toBe(400);
    expect(await countTickets(world.alice)).toBe(before);
    // A request the service refuses lets its key go: corrected, it may use the key again.
    const key = newKey();
    const refused = await createTicket(world.alice, key, { ...ticketBody(), departmentId: 'nope' });
    expect(refused.statusCode).toBe(400);
    expect((await createTicket(world.alice, key)).statusCode).toBe(201);
  });

  it('answers 409 while a request with the key is still running, until it is given up for dead', async () => {
    const key = newKey();
    const body = ticketBody('Killed mid-way');
    const now = time.clock().toISOString();
    // What a request that was killed mid-way leaves: its claim, and no ticket.
    await env.database.db
      .insertInto('idempotency_keys')
      .values({
        user_id: world.alice.user!.id,
        key,
        operation: 'createTicket',
        request_hash: await sameHashAs(body),
        state: 'running',
        resource: null,
        status: null,
        body: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const busy = await createTicket(world.alice, key, body);
    expect(busy.statusCode).toBe(409);
    expect(busy.json().code).toBe('conflict');
    time.advance(3 * 60_000);
    expect((await createTicket(world.alice, key, body)).statusCode).toBe(201);
  });

  it('creates one ticket when retries race each other', async () => {
    const key = newKey();
    const body = ticketBody('Sent four times at once');
    const answers = await Promise.all([1, 2, 3, 4].map(() => createTicket(world.alice, key, body)));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(
      statuses.every((s) => s === 201 || s === 409),
      statuses.join(),
    ).toBe(true);
    const numbers = new Set(answers.filter((a) => a.statusCode === 201).map((a) => a.json().number));
    expect(numbers.size).toBe(1);
    const all = await world.alice.get<{ items: Ticket[] }>('/api/v1/tickets?limit=100');
    expect(all.items.filter((t) => t.subject === 'Sent four times at once')).toHaveLength(1);
  });

  it('forgets keys after a day: the sweep prunes them', async () => {
    const key = newKey();
    await createTicket(world.alice, key);
    const rows = await countRows();
    time.advance(24 * 3600_000 + 1000);
    await env.sweep();
    expect(await countRows()).toBeLessThan(rows);
    const again = await createTicket(world.alice, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
  });

  it('replays from what was created when the answer itself was not kept', async () => {
    const key = newKey();
    const first = await createTicket(world.alice, key);
    // As if the process stopped between the commit and keeping the answer.
    await env.database.db
      .updateTable('idempotency_keys')
      .set({ body: null })
      .where('key', '=', key)
      .execute();
    const retry = await createTicket(world.alice, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().number).toBe(first.json().number);
  });
});

describe('POST /api/v1/tickets/:number/messages with an Idempotency-Key', () => {
  it('posts one message however often it is retried', async () => {
    const ticket = (await createTicket(world.alice, newKey())).json() as Ticket;
    const url = `/api/v1/tickets/${ticket.number}/messages`;
    const key = newKey();
    const send = () => world.alice.request('POST', url, { body: 'Any news?' }, { 'idempotency-key': key });
    const answers = [await send(), await send(), await send()];
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    const messages = await world.alice.get<{ items: { body: string }[] }>(url);
    expect(messages.items.filter((m) => m.body === 'Any news?')).toHaveLength(1);
    // An answer lost before it was kept is read back from the message itself.
    await env.database.db
      .updateTable('idempotency_keys')
      .set({ body: null })
      .where('key', '=', key)
      .execute();
    const reread = await send();
    expect(reread.statusCode).toBe(201);
    expect(reread.json()).toEqual(answers[0]?.json());
    // The same key on another ticket is another request.
    const other = (await createTicket(world.alice, newKey())).json() as Ticket;
    const elsewhere = await world.alice.request(
      'POST',
      `/api/v1/tickets/${other.number}/messages`,
      { body: 'Any news?' },
      { 'idempotency-key': key },
    );
    expect(elsewhere.statusCode).toBe(422);
  });
});

/** The hash a request with this body gets, read from a key it really used. */
async function sameHashAs(body: object): Promise<string> {
  const key = newKey();
  await createTicket(world.carol, key, body);
  const row = await env.database.db
    .selectFrom('idempotency_keys')
    .select('request_hash')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.request_hash;
}
