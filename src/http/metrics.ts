import { timingSafeEqual } from 'node:crypto';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Ctx } from '../context.js';
import type { Database } from '../db/database.js';
import { problem, sendProblem } from '../errors.js';
import type { App } from './types.js';

// Prometheus metrics (prom-client, the exposition format's reference client for Node.js): this
// process's HTTP traffic and runtime, and the work waiting in the database, which every node reads
// alike. A registry of its own per app, so apps in one process (tests) keep theirs apart.

const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Instruments the app and serves GET /metrics to callers with the token. Call before the routes register. */
export function registerMetrics(app: App, database: Database, token: string) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tessera_' });
  httpMetrics(app, registry);
  const startScrape = workMetrics(app.ctx, registry);
  if (database.poolStats) poolMetrics(database.poolStats, registry);
  app.get(
    '/metrics',
    { schema: { hide: true }, config: { rateLimit: false, ownAuth: true } },
    async (req, reply) => {
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ') || !sameToken(auth.slice(7), token)) {
        return sendProblem(reply, problem('unauthenticated', 'GET /metrics needs the metrics token'));
      }
      startScrape();
      reply.header('content-type', registry.contentType);
      return registry.metrics();
    },
  );
}

function httpMetrics(app: App, registry: Registry) {
  const requests = new Counter({
    name: 'tessera_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'tessera_http_request_duration_seconds',
    help: 'Time from receiving a request to answering it, by route pattern and method.',
    labelNames: ['route', 'method'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    // The pattern, not the URL: one series per route however many tickets there are.
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ route, method: req.method, status: String(reply.statusCode) });
    duration.observe({ route, method: req.method }, reply.elapsedTime / 1000);
  });
}

/** Work waiting in the database: the same figures from every node. */
async function waitingWork(db: Ctx['db'], now: Date) {
  const [outbox, inbound, timers] = await Promise.all([
    db
      .selectFrom('outbox')
      .select(['topic', 'state'])
      .select((eb) => [
        eb.fn.countAll<number | string>().as('n'),
        // How late the work is: the oldest due job, not one scheduled for later.
        eb.fn
          .min(eb.case().when('run_at', '<=', now.toISOString()).then(eb.ref('run_at')).end())
          .as('oldest_due'),
      ])
      .where('state', 'in', ['pending', 'failed'])
      .groupBy(['topic', 'state'])
      .execute(),
    db
      .selectFrom('inbound_messages')
      .select('channel')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('state', '=', 'received')
      .groupBy('channel')
      .execute(),
    db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('next_timer_at', '<=', now.toISOString())
      .executeTakeFirstOrThrow(),
  ]);
  return { outbox, inbound, timersDue: Number(timers.n) };
}

type Work = Awaited<ReturnType<typeof waitingWork>> & { now: Date };
type Set = (labels: Record<string, string>, value: number) => void;

const rowsIn = (state: 'pending' | 'failed', work: Work) => work.outbox.filter((r) => r.state === state);

/** The gauges read from the waiting work: name, help, labels, and how each fills from one read. */
const WORK_GAUGES: [string, string, string[], (set: Set, work: Work) => void][] = [
  [
    'tessera_outbox_pending_jobs',
    'Outbox jobs waiting to run (deliveries, notices, background work), by topic.',
    ['topic'],
    (set, work) => {
      for (const row of rowsIn('pending', work)) set({ topic: row.topic }, Number(row.n));
    },
  ],
  [
    'tessera_outbox_oldest_pending_seconds',
    'How long the oldest due outbox job has waited past its time (0 when none is due), by topic.',
    ['topic'],
    (set, work) => {
      for (const row of rowsIn('pending', work)) {
        const late = row.oldest_due ? (work.now.getTime() - Date.parse(String(row.oldest_due))) / 1000 : 0;
        set({ topic: row.topic }, Math.max(0, late));
      }
    },
  ],
  [
    'tessera_outbox_failed_jobs',
    'Outbox jobs that ran out of attempts (see Admin, Outbox), by topic.',
    ['topic'],
    (set, work) => {
      for (const row of rowsIn('failed', work)) set({ topic: row.topic }, Number(row.n));
    },
  ],
  [
    'tessera_inbound_waiting_messages',
    'Received messages (mail, WhatsApp, Telegram) not yet processed, by channel.',
    ['channel'],
    (set, work) => {
      for (const row of work.inbound) set({ channel: row.channel }, Number(row.n));
    },
  ],
  [
    'tessera_timers_due_tickets',
    'Tickets whose workflow timer is due and not yet fired.',
    [],
    (set, work) => set({}, work.timersDue),
  ],
];

/** Registers the work gauges; returns what starts a scrape (one database read, shared by them all). */
function workMetrics(ctx: Ctx, registry: Registry): () => void {
  let current: Promise<Work | null> | null = null;
  const read = () => {
    if (!current) {
      const now = ctx.clock();
      current = waitingWork(ctx.db, now).then(
        (w) => ({ ...w, now }),
        () => null,
      );
    }
    return current;
  };
  new Gauge({
    name: 'tessera_database_up',
    help: '1 when the database answered the last scrape, 0 when it did not.',
    registers: [registry],
    async collect() {
      this.set((await read()) ? 1 : 0);
    },
  });
  for (const [name, help, labelNames, fill] of WORK_GAUGES) {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const work = await read();
        this.reset();
        if (work) fill((labels, value) => this.set(labels, value), work);
      },
    });
  }
  return () => {
    current = null;
  };
}

function poolMetrics(stats: NonNullable<Database['poolStats']>, registry: Registry) {
  new Gauge({
    name: 'tessera_database_pool_connections',
    help: "This process's PostgreSQL connections, by state: open, idle, and requests waiting for one.",
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const s = stats();
      this.set({ state: 'open' }, s.total);
      this.set({ state: 'idle' }, s.idle);
      this.set({ state: 'waiting' }, s.waiting);
    },
  });
}
