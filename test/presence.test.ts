import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { startLiveRelay } from '../src/modules/live/live.js';
import { expirePresence, PRESENCE_TTL_MS } from '../src/modules/live/presence.js';
import { type Client, makeWorld, openTicket } from './client.js';
import { engine, listenTestApp, type TestEnv } from './helpers.js';
import { openStream } from './sse.js';
import { waitFor } from './wait.js';

// Who is on a ticket, over the live stream: staff who may see the ticket hear who else has it
// open and who writes on it; customers and other departments never do; a page that stops its
// heartbeat goes after the TTL; on PostgreSQL it reaches streams on every node.

type Viewer = { user: { id: string; name: string }; drafting: 'reply' | 'note' | null };
type PresenceEvent = { number: number; viewers: Viewer[] };
let env: TestEnv & { baseUrl: string };
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  env = await listenTestApp();
  w = await makeWorld(env.app);
});
afterAll(() => env?.close());

/** A stream opened as `client`, collecting every event by kind. */
async function stream(client: Client, baseUrl = env.baseUrl) {
  const presence: PresenceEvent[] = [];
  const tickets: number[] = [];
  const { close } = await openStream(baseUrl, client.auth.cookie, (event, data) => {
    if (event === 'presence') presence.push(data as PresenceEvent);
    if (event === 'ticket') tickets.push(data.number as number);
  });
  /** The last presence event heard for ticket `n`. */
  const last = (n: number) => presence.filter((p) => p.number === n).at(-1);
  /** Waits for the last presence event of ticket `n` to be one `ok` accepts. */
  const until = (n: number, ok: (p: PresenceEvent) => boolean) =>
    waitFor(async () => {
      const p = last(n);
      return p && ok(p) ? p : undefined;
    });
  return { presence, tickets, last, until, close };
}

let page = 0;
const clientId = () => `page-${process.pid}-${++page}-abcdef`;
const beat = (c: Client, n: number, body: Record<string, unknown>) =>
  c.request('PUT', `/api/v1/tickets/${n}/presence`, body);
const names = (p: PresenceEvent | undefined) => p?.viewers.map((v) => [v.user.name, v.drafting]);

describe('presence on a ticket', () => {
  it('two agents on one ticket see each other, and who is drafting; a page that leaves goes', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const [agentStream, adminStream] = await Promise.all([stream(w.agent), stream(w.admin)]);
    try {
      const agentPage = clientId();
      const first = await beat(w.agent, t.number, { clientId: agentPage, state: 'viewing' });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toEqual({ number: t.number, viewers: [] });
      await adminStream.until(t.number, (p) => p.viewers.length === 1);
      expect(names(adminStream.last(t.number))).toEqual([[w.agent.user!.name, null]]);

      const adminPage = clientId();
      const second = await beat(w.admin, t.number, { clientId: adminPage, state: 'viewing' });
      expect(second.json()).toMatchObject({ viewers: [{ user: { id: w.agent.user!.id }, drafting: null }] });
      await agentStream.until(t.number, (p) => p.viewers.length === 1);
      expect(names(agentStream.last(t.number))).toEqual([[w.admin.user!.name, null]]);

      await beat(w.agent, t.number, { clientId: agentPage, state: 'viewing', drafting: 'reply' });
      await adminStream.until(t.number, (p) => p.viewers[0]?.drafting === 'reply');
      await beat(w.agent, t.number, { clientId: agentPage, state: 'left' });
      await adminStream.until(t.number, (p) => p.viewers.length === 0);
      // Nobody hears of themselves.
      expect(agentStream.presence.every((p) => p.viewers.every((v) => v.user.id !== w.agent.user!.id))).toBe(
        true,
      );
    } finally {
      agentStream.close();
      adminStream.close();
    }
  });

  it('ends a page whose heartbeat stopped after the TTL', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const adminStream = await stream(w.admin);
    try {
      await beat(w.agent, t.number, { clientId: clientId(), state: 'viewing', drafting: 'note' });
      await adminStream.until(t.number, (p) => p.viewers[0]?.drafting === 'note');
      expirePresence(Date.now() + PRESENCE_TTL_MS - 5_000);
      expect((await beat(w.admin, t.number, { clientId: clientId(), state: 'left' })).json()).toMatchObject({
        viewers: [{ drafting: 'note' }],
      });
      expirePresence(Date.now() + PRESENCE_TTL_MS + 1);
      await adminStream.until(t.number, (p) => p.viewers.length === 0);
    } finally {
      adminStream.close();
    }
  });

  it('is never heard by customers nor by agents of other departments, and only staff who see the ticket may send it', async () => {
    const t = await openTicket(w.alice, w.billing.id);
    const techTicket = await openTicket(w.alice, w.tech.id);
    const [alice, tech] = await Promise.all([stream(w.alice), stream(w.techAgent)]);
    try {
      await beat(w.agent, t.number, { clientId: clientId(), state: 'viewing', drafting: 'reply' });
      expect((await beat(w.alice, t.number, { clientId: clientId(), state: 'viewing' })).statusCode).toBe(
        403,
      );
      expect((await beat(w.techAgent, t.number, { clientId: clientId(), state: 'viewing' })).statusCode).toBe(
        404,
      );
      for (const bad of [
        { clientId: 'x', state: 'viewing' },
        { clientId: clientId(), state: 'typing' },
        { clientId: clientId(), state: 'viewing', drafting: 'email' },
        { clientId: 'has spaces in it', state: 'viewing' },
      ])
        expect((await beat(w.agent, t.number, bad)).statusCode).toBe(400);
      // Markers each stream does hear, after which anything about `t` would have come too.
      await beat(w.admin, techTicket.number, { clientId: clientId(), state: 'viewing' });
      await tech.until(techTicket.number, (p) => p.viewers.length === 1);
      await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Looking' });
      await waitFor(async () => alice.tickets.includes(t.number));
      await new Promise((r) => setTimeout(r, 200));
      expect(tech.presence.filter((p) => p.number === t.number)).toEqual([]);
      expect(alice.presence).toEqual([]);
    } finally {
      alice.close();
      tech.close();
    }
  });

  it.runIf(engine === 'postgres')('reaches streams on another node', async () => {
    const second = openDatabase(env.url, { poolSize: 3, onIdleError: () => {} });
    const node2 = await buildApp({ config: env.app.ctx.config, database: second, logger: false });
    await node2.listen({ port: 0, host: '127.0.0.1' });
    const relay2 = startLiveRelay(node2.ctx, env.url);
    const address = node2.server.address();
    await relay2.ready;
    const s = await stream(
      w.admin,
      `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    );
    try {
      const t = await openTicket(w.alice, w.billing.id);
      await beat(w.agent, t.number, { clientId: clientId(), state: 'viewing', drafting: 'reply' });
      await s.until(t.number, (p) => p.viewers[0]?.drafting === 'reply');
    } finally {
      s.close();
      await relay2.stop();
      await node2.close();
      await second.close();
    }
  });
});
