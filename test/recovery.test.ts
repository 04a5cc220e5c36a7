import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hearsEveryChange } from '../src/modules/live/live.js';
import { type Client, makeWorld } from './client.js';
import { engine, listenTestApp, type TestEnv } from './helpers.js';
import { startTcpProxy } from './tcp-proxy.js';

// PostgreSQL going away (a restart, a failover, pg_terminate_backend) must not take Tessera with it:
// requests fail while it is gone, /api/health says why, and once it is back web, worker, scheduler
// and live updates carry on in the same process, with every acknowledged write kept.

describe.skipIf(engine === 'sqlite')('recovery from a lost database connection', () => {
  let env: TestEnv & { baseUrl: string };
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  let direct: pg.Client;

  beforeAll(async () => {
    const base = new URL(process.env.TEST_DATABASE_URL as string);
    proxy = await startTcpProxy({ host: base.hostname, port: Number(base.port || 5432) });
    env = await listenTestApp({
      worker: true,
      scheduler: true,
      env: { TESSERA_WORKER_INTERVAL_MS: '100', TESSERA_SCHEDULER_INTERVAL_MS: '200' },
      via: (url) => {
        const u = new URL(url);
        u.host = `127.0.0.1:${proxy.port}`;
        return u.toString();
      },
    });
    w = await makeWorld(env.app);
    const u = new URL(env.url);
    u.port = base.port || '5432';
    u.hostname = base.hostname;
    direct = new pg.Client({ connectionString: u.toString() });
    await direct.connect();
  });
  afterAll(async () => {
    await direct?.end();
    await env?.close();
    await proxy?.close();
  });

  /** Creates tickets back to back until stopped; returns the numbers answered 201. */
  function load(client: Client) {
    const acknowledged: number[] = [];
    const refusals = new Set<string>();
    let failed = 0;
    let stop = false;
    const loop = async () => {
      while (!stop) {
        const res = await client.request('POST', '/api/v1/tickets', {
          subject: 'Printer on fire',
          description: 'It was fine yesterday.',
          departmentId: w.billing.id,
        });
        if (res.statusCode === 201) acknowledged.push(res.json().number);
        else {
          refusals.add(`${res.statusCode} ${res.headers['retry-after'] ?? ''}`);
          failed++;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    const loops = [loop(), loop(), loop()];
    return {
      acknowledged,
      failed: () => failed,
      refusals,
      async stop() {
        stop = true;
        await Promise.all(loops);
      },
    };
  }

  const health = async () => {
    const res = await fetch(`${env.baseUrl}/api/health`);
    return { status: res.status, body: (await res.json()) as { status: string; reasons?: string[] } };
  };

  const until = async (label: string, what: () => Promise<boolean>, ms = 20_000) => {
    const end = Date.now() + ms;
    while (!(await what())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('rides out a restart: degraded meanwhile, then serves, works the outbox and relays live updates', async () => {
    const running = load(w.alice);
    await until('load', async () => running.acknowledged.length >= 10);
    expect(hearsEveryChange('postgres')).toBe(true);
    proxy.cut(3000);
    await until('503', async () => (await health()).status === 503, 2500);
    // Live updates lost their LISTEN connection with the rest.
    expect(hearsEveryChange('postgres')).toBe(false);
    const degraded = await health();
    expect(degraded.body.status).toBe('degraded');
    expect(degraded.body.reasons?.join(' ')).toMatch(/database/i);
    // Back again: the same process serves without a restart.
    await until('200 again', async () => (await health()).status === 200);
    await until('LISTEN again', async () => hearsEveryChange('postgres'));
    const after = running.acknowledged.length;
    await until('more load', async () => running.acknowledged.length >= after + 10);
    await running.stop();
    expect(running.failed()).toBeGreaterThan(0);
    // Refused meanwhile as unavailable, with when to try again: an integration knows to retry.
    expect([...running.refusals]).toEqual(['503 5']);

    // Every ticket the API acknowledged is stored (read past the proxy, straight from PostgreSQL).
    const stored = await direct.query('select number from tickets where number = any($1::int[])', [
      running.acknowledged,
    ]);
    expect(stored.rowCount).toBe(running.acknowledged.length);
    // The worker carries on: every job it may claim is worked off. (A job whose attempt the outage
    // broke waits for its retry or its lease, as after a crash; none is given up.)
    await until('outbox worked off', async () => {
      const now = new Date().toISOString();
      const r = await direct.query(
        `select count(*)::int as n from outbox where state = 'pending' and run_at <= $1
           and (locked_until is null or locked_until <= $1)`,
        [now],
      );
      return r.rows[0].n === 0;
    });
    const failed = await direct.query("select count(*)::int as n from outbox where state = 'failed'");
    expect(failed.rows[0].n).toBe(0);
    expect((await health()).body).toEqual({ status: 'ok' });
  });

  it('rides out pg_terminate_backend on every connection it holds', async () => {
    const running = load(w.alice);
    await until('load', async () => running.acknowledged.length >= 5);
    const db = new URL(env.url).pathname.slice(1);
    await direct.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [db],
    );
    const after = running.acknowledged.length;
    await until('more load', async () => running.acknowledged.length >= after + 10);
    await running.stop();
    const stored = await direct.query(
      'select count(*)::int as n from tickets where number = any($1::int[])',
      [running.acknowledged],
    );
    expect(stored.rows[0].n).toBe(running.acknowledged.length);
    expect((await health()).status).toBe(200);
  });
});
