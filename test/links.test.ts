import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, makeWorld, openTicket } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// Links between tickets: made from either end, shown on both read from each, for staff who see
// both tickets; both timelines say so; a pair is linked once.

type Json = Record<string, unknown>;
let env: TestEnv;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  env = await startTestApp();
  w = await makeWorld(env.app);
});
afterAll(async () => {
  await env?.close();
});

const links = async (c: Client, n: number) =>
  (
    await c.get<{ items: { ticket: { number: number }; kind: string }[] }>(`/api/v1/tickets/${n}/links`)
  ).items.map((l) => [l.ticket.number, l.kind]);
const link = (c: Client, n: number, body: Json) => c.request('POST', `/api/v1/tickets/${n}/links`, body);

describe('linking tickets', () => {
  it('shows a link on both tickets, each read from its own end, and on both timelines', async () => {
    const [dup, original, cause] = await Promise.all([1, 2, 3].map(() => openTicket(w.alice, w.billing.id)));
    const made = await link(w.agent, dup!.number, { ticket: original!.number, kind: 'duplicate_of' });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({
      ticket: { number: original!.number, status: { key: 'open' } },
      kind: 'duplicate_of',
    });
    // Made from the other end: "the original is caused by the cause" read from the cause is "causes".
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${cause!.number}/links`, {
      ticket: original!.number,
      kind: 'causes',
    });

    expect(await links(w.agent, dup!.number)).toEqual([[original!.number, 'duplicate_of']]);
    expect(await links(w.agent, original!.number)).toEqual([
      [dup!.number, 'duplicated_by'],
      [cause!.number, 'caused_by'],
    ]);
    expect(await links(w.admin, cause!.number)).toEqual([[original!.number, 'causes']]);

    const events = await w.agent.get<{ items: Json[] }>(`/api/v1/tickets/${original!.number}/events`);
    expect(events.items.filter((e) => e.type === 'linked').map((e) => e.to)).toEqual([
      `duplicated_by #${dup!.number}`,
      `caused_by #${cause!.number}`,
    ]);
    expect(events.items.filter((e) => e.type === 'linked').every((e) => e.public === false)).toBe(true);
    const customerSees = await w.alice.get<{ items: Json[] }>(`/api/v1/tickets/${original!.number}/events`);
    expect(customerSees.items.some((e) => e.type === 'linked')).toBe(false);
    expect((await w.alice.request('GET', `/api/v1/tickets/${original!.number}/links`)).statusCode).toBe(403);
  });

  it('links a pair once, never a ticket to itself, and unlinks from either end', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => openTicket(w.alice, w.billing.id)));
    await w.agent.expect(201, 'POST', `/api/v1/tickets/${a!.number}/links`, {
      ticket: b!.number,
      kind: 'related',
    });
    const again = await link(w.agent, b!.number, { ticket: a!.number, kind: 'duplicate_of' });
    expect(again.statusCode).toBe(409);
    expect((await link(w.agent, a!.number, { ticket: a!.number, kind: 'related' })).statusCode).toBe(400);
    expect((await link(w.agent, a!.number, { ticket: b!.number, kind: 'sibling' })).statusCode).toBe(400);
    expect((await link(w.alice, a!.number, { ticket: b!.number, kind: 'related' })).statusCode).toBe(403);

    await w.agent.expect(204, 'DELETE', `/api/v1/tickets/${b!.number}/links/${a!.number}`);
    expect(await links(w.agent, a!.number)).toEqual([]);
    expect(
      (await w.agent.request('DELETE', `/api/v1/tickets/${b!.number}/links/${a!.number}`)).statusCode,
    ).toBe(404);
    const events = await w.agent.get<{ items: Json[] }>(`/api/v1/tickets/${a!.number}/events`);
    expect(events.items.filter((e) => e.field === 'link').map((e) => [e.type, e.to])).toEqual([
      ['linked', `related #${b!.number}`],
      ['unlinked', `related #${b!.number}`],
    ]);
  });

  it('needs both ends visible: an agent neither links to nor sees another department’s ticket', async () => {
    const mine = await openTicket(w.alice, w.billing.id);
    const technical = await openTicket(w.alice, w.tech.id);
    const refused = await link(w.agent, mine.number, { ticket: technical.number, kind: 'related' });
    expect(refused.statusCode).toBe(404);
    // An administrator sees both and links them; the billing agent still sees only their end.
    await w.admin.expect(201, 'POST', `/api/v1/tickets/${mine.number}/links`, {
      ticket: technical.number,
      kind: 'related',
    });
    expect(await links(w.admin, mine.number)).toEqual([[technical.number, 'related']]);
    expect(await links(w.agent, mine.number)).toEqual([]);
    expect(
      (await w.agent.request('DELETE', `/api/v1/tickets/${mine.number}/links/${technical.number}`))
        .statusCode,
    ).toBe(404);
  });
});
