import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { startLiveRelay } from '../src/modules/live/live.js';
import { makeWorld, openTicket } from './client.js';
import { engine, listenTestApp, type TestEnv } from './helpers.js';
import { openStream } from './sse.js';

// Live updates over real HTTP: server-sent events, filtered by what each listener may see.

let env: TestEnv & { baseUrl: string };
let w: Awaited<ReturnType<typeof makeWorld>>;
/** A ticket in each organisation and department, changed by flush() so every stream has something to hear. */
let markers: { orgA: number; orgB: number; tech: number };

beforeAll(async () => {
  env = await listenTestApp();
  w = await makeWorld(env.app);
  const [a, b, t] = await Promise.all([
    openTicket(w.alice, w.billing.id),
    openTicket(w.carol, w.billing.id),
    openTicket(w.alice, w.tech.id),
  ]);
  markers = { orgA: a.number, orgB: b.number, tech: t.number };
});
afterAll(() => env?.close());

type Listener = Awaited<ReturnType<typeof listen>>;

/**
 * Opens the stream as a signed-in user and collects the ticket numbers it announces, leaving out
 * the marker tickets `hears`: those only tell flush() that the stream has caught up.
 */
async function listen(baseUrl: string, cookie: string | undefined, hears: number[]) {
  const numbers: number[] = [];
  const waiting = new Map<number, () => void>();
  const { close } = await openStream(baseUrl, cookie, (event, data) => {
    if (event !== 'ticket') return;
    const n = data.number as number;
    if (!Object.values(markers).includes(n)) numbers.push(n);
    waiting.get(n)?.();
    waiting.delete(n);
  });
  /** Settles when the stream next announces ticket `n`. */
  const next = (n: number) => new Promise<void>((resolve) => waiting.set(n, resolve));
  return { numbers, hears, next, close };
}

/**
 * Waits until every stream has heard of everything changed before: a reply on each marker ticket
 * is announced after those changes, so once a stream has it, it has had (or left out) the rest.
 */
async function flush(...listeners: Listener[]) {
  const caughtUp = listeners.flatMap((l) => l.hears.map((n) => l.next(n)));
  for (const n of Object.values(markers))
    await w.admin.expect(201, 'POST', `/api/v1/tickets/${n}/messages`, { body: 'marker' });
  await Promise.all(caughtUp);
}

describe('live updates', () => {
  it('tell a customer of changes to their organisation’s tickets, never of internal notes or other organisations, and an agent of their departments’', async () => {
    const alice = await listen(env.baseUrl, w.alice.auth.cookie, [markers.orgA, markers.tech]);
    const carol = await listen(env.baseUrl, w.carol.auth.cookie, [markers.orgB]);
    const agent = await listen(env.baseUrl, w.agent.auth.cookie, [markers.orgA, markers.orgB]);
    const techAgent = await listen(env.baseUrl, w.techAgent.auth.cookie, [markers.tech]);
    try {
      const t = await openTicket(w.bob, w.billing.id);
      await w.agent.expect(201, 'POST', `/api/v1/tickets/${t.number}/messages`, {
        body: 'note',
        internal: true,
      });
      await flush(alice, carol, agent, techAgent);
      expect(alice.numbers).toEqual([t.number]);
      expect(agent.numbers).toEqual([t.number, t.number]);
      expect(carol.numbers).toEqual([]);
      expect(techAgent.numbers).toEqual([]);
      await w.agent.expect(200, 'PATCH', `/api/v1/tickets/${t.number}`, { priority: 'urgent' });
      await flush(alice, carol, agent, techAgent);
      expect(alice.numbers).toEqual([t.number, t.number]);
      expect(techAgent.numbers).toEqual([]);
    } finally {
      for (const l of [alice, carol, agent, techAgent]) l.close();
    }
  });

  it('needs a signed-in caller', async () => {
    const res = await fetch(`${env.baseUrl}/api/v1/stream`);
    expect(res.status).toBe(401);
  });

  it.runIf(engine === 'postgres')('a change made on one node reaches streams on another', async () => {
    const second = openDatabase(env.url, { poolSize: 3, onIdleError: () => {} });
    const node2 = await buildApp({ config: env.app.ctx.config, database: second, logger: false });
    await node2.listen({ port: 0, host: '127.0.0.1' });
    const relay2 = startLiveRelay(node2.ctx, env.url);
    const address = node2.server.address();
    const base2 = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    await relay2.ready;
    const alice = await listen(base2, w.alice.auth.cookie, [markers.orgA]);
    try {
      const t = await openTicket(w.alice, w.billing.id);
      await flush(alice);
      expect(alice.numbers).toContain(t.number);
    } finally {
      alice.close();
      await relay2.stop();
      await node2.close();
      await second.close();
    }
  });
});
