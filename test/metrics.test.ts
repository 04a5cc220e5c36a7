import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, openTicket } from './client.js';
import { engine, startTestApp, type TestEnv } from './helpers.js';

const TOKEN = 'a-metrics-token-for-the-tests';

/** The value of one series in Prometheus text, or undefined when it is absent. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('GET /metrics', () => {
  let env: TestEnv;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  const scrape = async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.body;
  };

  beforeAll(async () => {
    env = await startTestApp({ env: { TESSERA_METRICS_TOKEN: TOKEN } });
    w = await makeWorld(env.app);
  });
  afterAll(() => env?.close());

  it('answers only with the token', async () => {
    const none = await env.app.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(401);
    const wrong = await env.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN.replace('a', 'b')}` },
    });
    expect(wrong.statusCode).toBe(401);
    // A staff session is no substitute for the token.
    expect((await w.admin.request('GET', '/metrics')).statusCode).toBe(401);
  });

  it('counts requests by route pattern and status, with their latency', async () => {
    const series = '{route="/api/v1/tickets/:number",method="GET",status="200"}';
    const before = sample(await scrape(), 'tessera_http_requests_total', series) ?? 0;
    const t = await openTicket(w.alice, w.billing.id);
    await w.agent.get(`/api/v1/tickets/${t.number}`);
    await w.alice.get(`/api/v1/tickets/${t.number}`);
    const text = await scrape();
    expect(sample(text, 'tessera_http_requests_total', series)).toBe(before + 2);
    expect(
      sample(text, 'tessera_http_requests_total', '{route="/api/v1/tickets",method="POST",status="201"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(
        text,
        'tessera_http_request_duration_seconds_count',
        '{route="/api/v1/tickets/:number",method="GET"}',
      ),
    ).toBe(before + 2);
    await env.app.inject({ method: 'GET', url: '/no/such/page/here' });
    expect(
      sample(await scrape(), 'tessera_http_requests_total', '{route="unmatched",method="GET",status="404"}'),
    ).toBeGreaterThanOrEqual(1);
  });

  it('shows the outbox filling and draining, and the database and process', async () => {
    await env.drain();
    const pending = (text: string) =>
      sample(text, 'tessera_outbox_pending_jobs', '{topic="notification"}') ?? 0;
    const before = pending(await scrape());
    await openTicket(w.alice, w.billing.id);
    const queued = await scrape();
    expect(pending(queued)).toBeGreaterThan(before);
    expect(
      sample(queued, 'tessera_outbox_oldest_pending_seconds', '{topic="notification"}'),
    ).toBeGreaterThanOrEqual(0);
    await env.drain();
    const drained = await scrape();
    expect(pending(drained)).toBe(before);
    expect(sample(drained, 'tessera_database_up')).toBe(1);
    expect(sample(drained, 'tessera_timers_due_tickets')).toBe(0);
    expect(sample(drained, 'tessera_process_resident_memory_bytes')).toBeGreaterThan(0);
    if (engine === 'postgres') {
      expect(sample(drained, 'tessera_database_pool_connections', '{state="open"}')).toBeGreaterThanOrEqual(
        1,
      );
    }
  });
});

describe('GET /metrics without a token configured', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestApp();
  });
  afterAll(() => env?.close());

  it('does not exist', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
  });
});

describe('the sample Grafana dashboard', () => {
  it('queries only series Tessera exposes', async () => {
    const env = await startTestApp({ env: { TESSERA_METRICS_TOKEN: TOKEN } });
    try {
      // One request of each kind so every labelled series has a sample.
      await env.app.inject({ method: 'GET', url: '/api/health' });
      const text = (
        await env.app.inject({
          method: 'GET',
          url: '/metrics',
          headers: { authorization: `Bearer ${TOKEN}` },
        })
      ).body;
      const exposed = new Set(
        text
          .split('\n')
          .filter((l) => l.startsWith('# TYPE '))
          .map((l) => l.split(' ')[2]),
      );
      const dashboard = JSON.parse(readFileSync('ops/grafana-dashboard.json', 'utf8'));
      const queried = new Set<string>(
        dashboard.panels.flatMap((p: { targets: { expr: string }[] }) =>
          p.targets.flatMap((t) => t.expr.match(/tessera_[a-z0-9_]+/g) ?? []),
        ),
      );
      expect(queried.size).toBeGreaterThan(8);
      for (const name of queried) {
        const base = name.replace(/_(bucket|count|sum)$/, '');
        // The pool gauge exists on PostgreSQL only.
        if (base === 'tessera_database_pool_connections' && engine === 'sqlite') continue;
        expect(exposed, name).toContain(base);
      }
    } finally {
      await env.close();
    }
  });
});
