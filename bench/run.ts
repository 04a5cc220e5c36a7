// npm run bench -- [--tickets N] [--messages M] [--engine sqlite|postgres] [--duration S] [--connections C]
//
// Seeds a fresh database in bulk, starts the real server in this process on a random port and
// loads it over HTTP with autocannon (in a child process), then prints one table of figures
// beside the targets. A benchmark never fails on timing: it exits non-zero only when it could
// not run (bad arguments, a database that cannot be created, requests that do not succeed).

import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { type CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Actor } from '../src/context.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { DB } from '../src/db/schema.js';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { startScheduler } from '../src/jobs/scheduler.js';
import { startWorker } from '../src/jobs/worker.js';
import { createToken } from '../src/modules/auth/auth.service.js';
import { startLiveRelay } from '../src/modules/live/live.js';
import { ensureFirstAdmin } from '../src/modules/setup/setup.service.js';
import { listTicketRows, type TicketFilter } from '../src/modules/tickets/tickets.list.js';
import { measureBare } from './baseline.js';
import { BULK_TICKETS, benchBulk, bulkLine } from './bulk.js';
import { Child, freshDatabase } from './common.js';
import { HELP_ARTICLES, type HelpSeed, seedHelpCentre } from './help.js';
import type { LoadJob, LoadResult } from './load.js';
import { benchMixed, mixedLines, mixedSetup } from './mixed.js';
import type { SeedJob, SeedResult } from './seed.js';
import { benchSlaSweep, type SweepOutcome, sweepLines } from './sla.js';
import { seedViews } from './views.js';

const USAGE = `Usage: npm run bench -- [options]
  --tickets N          tickets to seed (default 100000)
  --messages M         each ticket gets 1 to M messages (default 3)
  --engine E           sqlite (default) or postgres
  --duration S         seconds of load per scenario (default 10)
  --connections C      concurrent HTTP connections (default 10)
  --warmup S           seconds of unmeasured load before each scenario (default 2)
  --only LIST          comma-separated scenario keys to run (default: all): create, me, ticket-page,
                       queue-agent,
                       queue-admin, status-agent, status-admin, dept-admin, dept-agent,
                       search-medium-admin, search-medium-agent, search-rare-admin, search-rare-agent,
                       view-counts, view-counts-admin, queue-sla-agent, queue-sla-admin,
                       queue-breached-agent,
                       sla-sweep (the service-level sweep with the server idle: one pass with
                       nothing due, one over 10,000 clocks made due),
                       bulk (a bulk status change of 10,000 tickets, or all if fewer, in seconds),
                       help-search, help-search-anonymous (the help centre's search, as a customer
                       and as an anonymous visitor, over --articles articles)
  --articles N         knowledge-base articles for the help-search scenarios (default 10000)
  --mixed              after the scenarios, the mixed workload of a team (bench/mixed-load.ts): N agents
                       each loading the queue every 10 s, opening a ticket and answering half the time,
                       with a live stream open; customers creating and replying, mail coming in; N
                       doubles from --mixed-start until a request type's p99 passes 100 ms, then
                       halves the step twice; prints the largest N that held
  --mixed-start N      agents of the first step (default 10)
  --mixed-max N        agents of the largest step (default 1280)
  --mixed-duration S   seconds per step (default 30)
  --pg-url URL         PostgreSQL server to create the database on
                       (default $BENCH_PG_URL or postgres://postgres@127.0.0.1:5432/postgres)
  --analyze            SQLite: run ANALYZE after seeding (the app itself never does)
  --explain            time and print the plan of every list query (done anyway for a missed
                       target whose query alone takes over a quarter of the target)
  --keep               keep the database afterwards (SQLite file in .bench/, PostgreSQL database)
  --seed N             random seed of the data set (default 1)`;

const TARGETS = { createPerSec: 2_000, queueP99: 20, searchP99: 50, rssMb: 300, meOfBare: 0.3 };

type Args = {
  tickets: number;
  messages: number;
  engine: 'sqlite' | 'postgres';
  duration: number;
  connections: number;
  warmup: number;
  only: string[] | null;
  pgUrl: string;
  analyze: boolean;
  explain: boolean;
  keep: boolean;
  seed: number;
  articles: number;
  mixed: { on: boolean; start: number; max: number; duration: number };
};

function parse(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      tickets: { type: 'string', default: '100000' },
      messages: { type: 'string', default: '3' },
      engine: { type: 'string', default: 'sqlite' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      only: { type: 'string' },
      'pg-url': { type: 'string' },
      analyze: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      articles: { type: 'string', default: String(HELP_ARTICLES) },
      mixed: { type: 'boolean', default: false },
      'mixed-start': { type: 'string', default: '10' },
      'mixed-max': { type: 'string', default: '1280' },
      'mixed-duration': { type: 'string', default: '30' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name: string, v: string, min: number) => {
    const n = Number(v.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number >= ${min}`);
    return n;
  };
  if (values.engine !== 'sqlite' && values.engine !== 'postgres') {
    throw new UsageError('--engine must be sqlite or postgres');
  }
  return {
    tickets: int('tickets', values.tickets, 1),
    messages: int('messages', values.messages, 1),
    engine: values.engine,
    duration: int('duration', values.duration, 1),
    connections: int('connections', values.connections, 1),
    warmup: int('warmup', values.warmup, 0),
    only: values.only ? values.only.split(',').map((s) => s.trim()) : null,
    pgUrl: values['pg-url'] ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    analyze: values.analyze,
    explain: values.explain,
    keep: values.keep,
    seed: int('seed', values.seed, 0),
    articles: int('articles', values.articles, 1),
    mixed: {
      on: values.mixed,
      start: int('mixed-start', values['mixed-start'], 1),
      max: int('mixed-max', values['mixed-max'], 1),
      duration: int('mixed-duration', values['mixed-duration'], 5),
    },
  };
}

class UsageError extends Error {}

// ---- memory ----

const MB = 1024 * 1024;

/** Peak resident set size of this (the server's) process, sampled every 100 ms. */
class RssSampler {
  peak = 0;
  private timer: NodeJS.Timeout | null = null;
  start() {
    this.peak = process.memoryUsage.rss();
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, process.memoryUsage.rss());
    }, 100);
  }
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
    return this.peak;
  }
}

/**
 * Waits until this process has been idle (under 5% of a core) for 300 ms: the requests a load run
 * left behind are done. Their sockets are gone, so CPU is the only sign that is left of them.
 */
async function serverIdle(maxMs = 300_000) {
  const started = performance.now();
  let quiet = 0;
  let t = performance.now();
  let cpu = process.cpuUsage();
  while (quiet < 3 && performance.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const used = process.cpuUsage(cpu);
    const now = performance.now();
    quiet = (used.user + used.system) / 1000 / (now - t) < 0.05 ? quiet + 1 : 0;
    cpu = process.cpuUsage();
    t = now;
  }
}

function vmHwmMb(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

// ---- scenarios ----

type Who = 'admin' | 'agent' | 'customer';
type Kind = 'create' | 'me' | 'page' | 'queue' | 'search' | 'counts' | 'help';
type Scenario = {
  key: string;
  label: string;
  kind: Kind;
  who: Who;
  method: 'GET' | 'POST';
  path: string;
  /** GETs made in turn (a page of the web app); `path` is the first. */
  paths?: string[];
  filter?: Partial<TicketFilter>;
  /** Sent with no credentials at all: an anonymous visitor. */
  anonymous?: boolean;
};

const counts = { kind: 'counts', method: 'GET', path: '/api/v1/views/counts' } as const;

function scenarios(seeded: SeedResult, pageTicket: number): Scenario[] {
  const dept = (name: string) => seeded.departmentIds[seeded.departmentNames.indexOf(name)]!;
  const billing = dept('Billing');
  const shipping = dept('Shipping');
  const { medium, rare } = seeded.words;
  const list = (
    key: string,
    label: string,
    kind: Kind,
    who: Who,
    query: string,
    filter: Partial<TicketFilter>,
  ) => ({
    key,
    label,
    kind,
    who,
    method: 'GET' as const,
    path: `/api/v1/tickets?limit=25${query}`,
    filter,
  });
  const sla = (
    key: string,
    label: string,
    who: Who,
    query: string,
    filter?: Omit<NonNullable<TicketFilter['sla']>, 'now'>,
  ) => ({
    key,
    label,
    kind: 'queue' as const,
    who,
    method: 'GET' as const,
    path: `/api/v1/tickets?limit=50&sort=slaDue&order=asc${query}`,
    filter: {
      sort: 'slaDue' as const,
      order: 'asc' as const,
      limit: 50,
      // The server's own now when the plan is shown; near enough for the plan and its timing.
      ...(filter ? { sla: { now: new Date().toISOString(), ...filter } } : {}),
    },
  });
  return [
    {
      key: 'create',
      label: 'create ticket (customer)',
      kind: 'create',
      who: 'customer',
      method: 'POST',
      path: '/api/v1/tickets',
    },
    // The floor of the request path: a session's own record, behind authentication and nothing else.
    {
      key: 'me',
      label: 'GET /me (restricted agent)',
      kind: 'me',
      who: 'agent',
      method: 'GET',
      path: '/api/v1/me',
    },
    // What opening a ticket asks for; each request is one sample.
    {
      key: 'ticket-page',
      label: 'ticket page: ticket, messages, events (agent)',
      kind: 'page',
      who: 'agent',
      method: 'GET',
      path: `/api/v1/tickets/${pageTicket}`,
      paths: ['', '/messages', '/events'].map((p) => `/api/v1/tickets/${pageTicket}${p}`),
    },
    list('queue-agent', 'queue, default sort (restricted agent)', 'queue', 'agent', '', {}),
    list('queue-admin', 'queue, default sort (admin)', 'queue', 'admin', '', {}),
    list('status-agent', 'queue, status=open (restricted agent)', 'queue', 'agent', '&status=open', {
      statuses: ['open'],
    }),
    list('status-admin', 'queue, status=open (admin)', 'queue', 'admin', '&status=open', {
      statuses: ['open'],
    }),
    list('dept-admin', 'queue, department=Billing (admin)', 'queue', 'admin', `&departmentId=${billing}`, {
      departmentId: billing,
    }),
    list(
      'dept-agent',
      'queue, department=Shipping (restr. agent)',
      'queue',
      'agent',
      `&departmentId=${shipping}`,
      {
        departmentId: shipping,
      },
    ),
    list(
      'search-medium-admin',
      `search medium "${medium.word}" (admin)`,
      'search',
      'admin',
      `&q=${medium.word}`,
      {
        terms: [medium.word],
      },
    ),
    list(
      'search-medium-agent',
      `search medium "${medium.word}" (agent)`,
      'search',
      'agent',
      `&q=${medium.word}`,
      {
        terms: [medium.word],
      },
    ),
    list('search-rare-admin', `search rare "${rare.word}" (admin)`, 'search', 'admin', `&q=${rare.word}`, {
      terms: [rare.word],
    }),
    list('search-rare-agent', `search rare "${rare.word}" (agent)`, 'search', 'agent', `&q=${rare.word}`, {
      terms: [rare.word],
    }),
    // Service levels: the queue soonest due first (50 a page, as the web app asks), and the overdue.
    sla('queue-sla-agent', 'queue, SLA due first (restricted agent)', 'agent', ''),
    sla('queue-sla-admin', 'queue, SLA due first (admin)', 'admin', ''),
    sla('queue-breached-agent', 'queue, SLA breached (restricted agent)', 'agent', '&slaBreached=true', {
      breached: true,
    }),
    // The sidebar's counts of every view (built in and saved, see bench/views.ts), as asked again
    // after each ticket change; the first request of each counts with nothing kept.
    { ...counts, key: 'view-counts', label: 'view counts, sidebar (restricted agent)', who: 'agent' },
    { ...counts, key: 'view-counts-admin', label: 'view counts, sidebar (admin)', who: 'admin' },
  ];
}

/** The help centre's search over the seeded articles: a customer's scope and a visitor's. */
function helpScenarios(help: HelpSeed): Scenario[] {
  const path = `/api/v1/help/search?q=${encodeURIComponent(help.word.word)}&limit=10`;
  const label = (who: string) =>
    `help search "${help.word.word}" (${who}, ${help.articles.toLocaleString('en')} articles)`;
  return [
    { key: 'help-search', label: label('customer'), kind: 'help', who: 'customer', method: 'GET', path },
    {
      key: 'help-search-anonymous',
      label: label('anonymous'),
      kind: 'help',
      who: 'customer',
      anonymous: true,
      method: 'GET',
      path,
    },
  ];
}

type Outcome = { scenario: Scenario; load: LoadResult; rssMb: number; firstPage: number };

function target(kind: Kind, bare: number): { text: string; met: (o: Outcome) => boolean } {
  switch (kind) {
    case 'create':
      return {
        text: `>= ${TARGETS.createPerSec.toLocaleString('en')} req/s`,
        met: (o) => o.load.reqPerSec >= TARGETS.createPerSec,
      };
    case 'me':
      return {
        text: `>= ${TARGETS.meOfBare * 100} % of bare`,
        met: (o) => o.load.reqPerSec >= TARGETS.meOfBare * bare,
      };
    case 'page':
    case 'queue':
      return {
        text: `p99 <= ${TARGETS.queueP99} ms`,
        met: (o) => (o.load.p99 ?? Infinity) <= TARGETS.queueP99,
      };
    case 'search':
    case 'counts':
    case 'help':
      return {
        text: `p99 <= ${TARGETS.searchP99} ms`,
        met: (o) => (o.load.p99 ?? Infinity) <= TARGETS.searchP99,
      };
  }
}

// ---- query plans ----

type Timing = { runs: number; median: number; max: number };
type Explainer = {
  /** The app's list query run directly (no HTTP), a few times: how long the database takes. */
  time(actor: Actor, filter: TicketFilter): Promise<Timing>;
  /** The plan of the query last timed. */
  plan(): Promise<string>;
  close(): Promise<void>;
};

/**
 * Runs the app's own list query (listTicketRows) on a separate connection, capturing its SQL, then
 * shows the plan: EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL.
 */
function explainer(engine: Args['engine'], url: string): Explainer {
  let captured: CompiledQuery | null = null;
  const log = (e: { level: string; query: CompiledQuery }) => {
    if (e.level === 'query') captured = e.query;
  };
  const timeIt = async (run: () => Promise<unknown>): Promise<Timing> => {
    const times: number[] = [];
    const started = performance.now();
    // 15 runs, or fewer when each takes long (but at least 3).
    while (times.length < 15 && (times.length < 3 || performance.now() - started < 3000)) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return {
      runs: times.length,
      median: times[Math.floor(times.length / 2)]!,
      max: times[times.length - 1]!,
    };
  };
  const header = (q: CompiledQuery) => [`SQL: ${q.sql}`, `params: ${JSON.stringify(q.parameters)}`];
  if (engine === 'sqlite') {
    const sqlite = new SQLite(url.slice('sqlite:'.length), { readonly: true });
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), log });
    return {
      time: (actor, filter) => timeIt(() => listTicketRows(db, 'sqlite', actor, filter)),
      async plan() {
        const q = captured!;
        const rows = sqlite.prepare(`explain query plan ${q.sql}`).all(...q.parameters) as {
          id: number;
          parent: number;
          detail: string;
        }[];
        const depth = new Map<number, number>([[0, 0]]);
        const lines = rows.map((r) => {
          const d = (depth.get(r.parent) ?? 0) + 1;
          depth.set(r.id, d);
          return `${'  '.repeat(d)}${r.detail}`;
        });
        return [...header(q), 'QUERY PLAN', ...lines].join('\n');
      },
      close: () => db.destroy(),
    };
  }
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
  return {
    time: (actor, filter) => timeIt(() => listTicketRows(db, 'postgres', actor, filter)),
    async plan() {
      const q = captured!;
      const res = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${q.sql}`, [
        ...q.parameters,
      ]);
      return [...header(q), ...res.rows.map((r) => r['QUERY PLAN'])].join('\n');
    },
    close: () => db.destroy(),
  };
}

// ---- output ----

const fmt = (n: number | null, digits = 0) =>
  n !== null && Number.isFinite(n)
    ? n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '-';

function table(headers: string[], rows: string[][], rightAlign: boolean[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAlign[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

// ---- main ----

async function main() {
  const args = parse(process.argv.slice(2));
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        console.error('cleanup:', err);
      }
    }
    cleanups.length = 0;
  };
  process.once('SIGINT', () => {
    void cleanup().then(() => process.exit(130));
  });

  try {
    console.log(
      `Tessera benchmark: ${args.engine}, ${fmt(args.tickets)} tickets, 1-${args.messages} messages each; ` +
        `${os.cpus().length} CPU cores, node ${process.version}`,
    );
    // This machine's limit first, while it is quiet: bare Fastify, loaded as every scenario is.
    const loader = new Child('load.ts');
    cleanups.push(() => loader.stop());
    process.stdout.write('bare Fastify, schema-checked POST answering 201 ... ');
    const bare = await measureBare(loader, args);
    console.log(`${fmt(bare.reqPerSec)} req/s, p99 ${fmt(bare.p99, 2)} ms`);
    const ofBare = (reqPerSec: number) => `${((reqPerSec / bare.reqPerSec) * 100).toFixed(1)} %`;

    const fresh = await freshDatabase(args);
    if (!args.keep) cleanups.push(() => fresh.drop());
    console.log(`database: ${fresh.describe} (fresh)`);

    // Schema through the app's own migrations.
    {
      const database = openDatabase(fresh.url);
      await migrateToLatest(database.db);
      await database.close();
    }

    console.log('seeding...');
    const seedStarted = performance.now();
    const seeder = new Child('seed.ts');
    cleanups.push(() => seeder.stop());
    const job: SeedJob = {
      engine: args.engine,
      url: fresh.url,
      analyze: args.analyze,
      options: {
        tickets: args.tickets,
        maxMessages: args.messages,
        seed: args.seed,
        now: Date.now(),
        sla: true,
      },
    };
    const seeded = await seeder.ask<SeedResult>(job);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    console.log(`seeded in ${seedSeconds.toFixed(1)} s`);

    // The real server, as `tessera start` runs it, on a random port.
    const dataDir = path.resolve('.bench', 'data');
    if (!args.keep) cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: fresh.url,
      TESSERA_DATA_DIR: dataDir,
      TESSERA_SECRET: randomBytes(32).toString('hex'),
      TESSERA_ADMIN_EMAIL: 'admin@bench.test',
      TESSERA_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
      LOG_LEVEL: 'silent',
      TESSERA_RATE_LIMIT: '0',
      HOST: '127.0.0.1',
      PORT: '0',
      // The mixed workload's mail arrives for this address.
      INBOUND_EMAIL_ADDRESS: 'support@bench.test',
    });
    const database = openDatabase(config.databaseUrl);
    cleanups.push(() => database.close());
    await migrateToLatest(database.db);
    const app = await buildApp({ config, database });
    cleanups.push(() => app.close());
    // As `tessera start` on PostgreSQL: web nodes hear of every change, so kept view counts hold.
    if (database.dialect === 'postgres') {
      const relay = startLiveRelay(app.ctx, config.databaseUrl);
      cleanups.push(() => relay.stop());
      await relay.ready;
    }
    await ensureFirstAdmin(app.ctx);
    const db = database.db;
    const adminRow = await db
      .selectFrom('users')
      .select(['id', 'email', 'name'])
      .where('email', '=', 'admin@bench.test')
      .executeTakeFirstOrThrow();

    const actors: Record<Who, Actor> = {
      admin: {
        id: adminRow.id,
        email: adminRow.email,
        name: adminRow.name,
        role: 'admin',
        organisationId: null,
        departmentIds: [],
      },
      agent: {
        id: seeded.restrictedAgent.id,
        email: seeded.restrictedAgent.email,
        name: 'restricted agent',
        role: 'agent',
        organisationId: null,
        departmentIds: [...seeded.restrictedAgent.departmentIds].sort(),
      },
      customer: {
        id: seeded.customer.id,
        email: seeded.customer.email,
        name: 'customer',
        role: 'customer',
        organisationId: seeded.customer.organisationId,
        departmentIds: [],
      },
    };
    // Bearer tokens made by the app's own service (tsr_ + random, stored as its SHA-256), as
    // POST /api/v1/tokens would; the seeded staff and customers have no passwords to log in with.
    const tokens = {} as Record<Who, string>;
    for (const who of ['admin', 'agent', 'customer'] as const) {
      tokens[who] = (await createToken({ ...app.ctx, actor: actors[who] }, `bench ${who}`)).token;
    }

    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    console.log(`server listening on ${base}; RSS ${fmt(process.memoryUsage.rss() / MB)} MB before load`);

    let jobId = 0;
    // The ticket page opens one of the restricted agent's tickets with the most messages.
    const pageTicket = await db
      .selectFrom('tickets')
      .innerJoin('messages', 'messages.ticket_id', 'tickets.id')
      .select('tickets.number')
      .where('tickets.department_id', 'in', seeded.restrictedAgent.departmentIds)
      .groupBy('tickets.number')
      .orderBy((eb) => eb.fn.countAll(), 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const wantsHelp = !args.only || args.only.some((k) => k.startsWith('help-'));
    let help: HelpSeed | null = null;
    if (wantsHelp) {
      process.stdout.write(`seeding ${fmt(args.articles)} help-centre articles ... `);
      help = await seedHelpCentre(db, args.articles, {
        seed: args.seed,
        organisationId: seeded.customer.organisationId,
      });
      console.log(
        `${help.seconds.toFixed(1)} s; "${help.word.word}" is in ${fmt(help.word.articles)} of them`,
      );
    }
    const all = [...scenarios(seeded, pageTicket.number), ...(help ? helpScenarios(help) : [])].filter(
      (s) => !args.only || args.only.includes(s.key),
    );
    const outcomes: Outcome[] = [];
    if (all.some((s) => s.kind === 'counts')) await seedViews(app.ctx, actors.admin, actors.agent);
    for (const s of all) {
      // One request first: the scenario must work before it is measured.
      const firstAt = performance.now();
      const token = s.anonymous ? '' : tokens[s.who];
      const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      for (const extra of s.paths?.slice(1) ?? []) {
        const r = await fetch(base + extra, { headers: auth });
        if (r.status !== 200) throw new Error(`GET ${extra}: ${r.status} ${await r.text()}`);
      }
      const res = await fetch(base + s.path, {
        method: s.method,
        headers: { ...auth, 'content-type': 'application/json' },
        body:
          s.method === 'POST'
            ? JSON.stringify({
                subject: 'Bench check',
                description: 'One ticket before the load.',
                departmentId: seeded.departmentIds[0],
              })
            : undefined,
      });
      const body = (await res.json()) as { items?: unknown[] };
      if (res.status >= 300) throw new Error(`${s.method} ${s.path}: ${res.status} ${JSON.stringify(body)}`);
      const firstPage = body.items?.length ?? 1;
      if (s.kind === 'counts')
        console.log(`  ${s.label}: first request, nothing kept: ${fmt(performance.now() - firstAt, 1)} ms`);

      process.stdout.write(`  ${s.label} ... `);
      const job = (duration: number): LoadJob => ({
        id: ++jobId,
        url: base,
        method: s.method,
        path: s.path,
        token,
        createIn: s.kind === 'create' ? seeded.departmentIds : undefined,
        paths: s.paths,
        connections: args.connections,
        duration,
      });
      // autocannon stops without waiting for the requests in flight; the server still works on
      // them, so let it finish before the next phase, or their time would count against it.
      if (args.warmup > 0) {
        await loader.ask<LoadResult>(job(args.warmup));
        await serverIdle();
      }
      const sampler = new RssSampler();
      sampler.start();
      const load = await loader.ask<LoadResult>(job(args.duration));
      await serverIdle();
      const rssMb = sampler.stop() / MB;
      console.log(
        `${fmt(load.reqPerSec)} req/s, p50 ${fmt(load.p50, 2)} ms, p99 ${fmt(load.p99, 2)} ms` +
          (load.non2xx || load.errors
            ? `, ${load.non2xx} non-2xx ${JSON.stringify(load.statusCodes)}, ${load.errors} errors`
            : ''),
      );
      outcomes.push({ scenario: s, load, rssMb, firstPage });
    }
    let mixed: Awaited<ReturnType<typeof benchMixed>> | null = null;
    if (args.mixed.on) {
      // As `tessera start` runs: the worker and the scheduler beside the web role.
      const worker = startWorker(app.ctx, JOB_HANDLERS, {
        intervalMs: config.workerIntervalMs,
        maxAttempts: config.outboxMaxAttempts,
      });
      const scheduler = startScheduler(app.ctx, config.schedulerIntervalMs);
      cleanups.push(
        () => worker.stop(),
        () => scheduler.stop(),
      );
      await serverIdle();
      console.log(`  mixed workload, ${args.mixed.duration} s per step:`);
      const setup = await mixedSetup(app.ctx, actors.admin, 'support@bench.test');
      mixed = await benchMixed(loader, base, setup, { ...args.mixed, log: (l) => console.log(l) });
      await worker.stop();
      await scheduler.stop();
    }
    loader.stop();
    let sweep: SweepOutcome | null = null;
    if (!args.only || args.only.includes('sla-sweep')) {
      await serverIdle();
      process.stdout.write('  service-level sweep ... ');
      sweep = await benchSlaSweep(app.ctx, seeded.sla.seedNow);
      console.log(`${sweep.due.seconds.toFixed(1)} s for ${fmt(sweep.due.clocks)} clocks due`);
    }
    let bulk = null;
    if (!args.only || args.only.includes('bulk')) {
      process.stdout.write(
        `  bulk status change of ${fmt(Math.min(BULK_TICKETS, args.tickets))} tickets ... `,
      );
      bulk = await benchBulk({ ...app.ctx, actor: actors.admin }, Math.min(BULK_TICKETS, args.tickets));
      console.log(`${bulk.seconds.toFixed(1)} s`);
    }

    // ---- the table ----
    const peakRss = Math.max(...outcomes.map((o) => o.rssMb));
    const hwm = vmHwmMb();
    const rows = outcomes.map((o, i) => {
      const t = target(o.scenario.kind, bare.reqPerSec);
      const failed = o.load.non2xx + o.load.errors;
      return [
        String(i + 1),
        o.scenario.label,
        o.scenario.kind === 'create' ? '-' : String(o.firstPage),
        fmt(o.load.requests),
        fmt(o.load.reqPerSec),
        ofBare(o.load.reqPerSec),
        fmt(o.load.p50, 2),
        fmt(o.load.p99, 2),
        fmt(o.load.max, 1),
        fmt(o.rssMb),
        t.text,
        (t.met(o) ? 'met' : 'MISSED') +
          (o.load.requests === 0 ? ' (no request completed within the window)' : '') +
          (failed > 0 ? ` (${failed} failed requests)` : ''),
      ];
    });
    const totalSeed = seeded.timings.rows + seeded.timings.indexes + seeded.timings.finish;
    const out = [
      '',
      `== Tessera benchmark: ${args.engine}, ${fmt(args.tickets)} tickets ==`,
      `data:    ${fmt(seeded.tickets)} tickets, ${fmt(seeded.messages)} messages (${fmt(seeded.internalNotes)} internal notes), ` +
        `${fmt(seeded.events)} events; ${fmt(seeded.customers)} customers in ${seeded.organisations} organisations (some without), ` +
        `${seeded.agents} agents, ${seeded.departmentIds.length} departments; restricted agent in ` +
        `${seeded.restrictedAgent.departmentIds.map((d) => seeded.departmentNames[seeded.departmentIds.indexOf(d)]).join(' + ')}`,
      `sla:     one policy (business hours, office calendar) for every ticket; ${fmt(seeded.sla.tickets)} tickets ` +
        `(${((seeded.sla.tickets / seeded.tickets) * 100).toFixed(1)}%) with ${fmt(seeded.sla.clocks)} running clocks, ` +
        `due from 2 days ago to 5 days ahead; ${fmt(seeded.sla.overdueTickets)} tickets overdue`,
      `seeding: ${seedSeconds.toFixed(1)} s in all (rows ${seeded.timings.rows.toFixed(1)} s, ` +
        `indexes ${seeded.timings.indexes.toFixed(1)} s, ${args.engine === 'sqlite' ? (args.analyze ? 'ANALYZE + WAL' : 'WAL') : 'VACUUM ANALYZE'} ${seeded.timings.finish.toFixed(1)} s; ` +
        `${fmt(args.tickets / totalSeed)} tickets/s)`,
      `search:  medium "${seeded.words.medium.word}" in ${fmt(seeded.words.medium.tickets)} tickets ` +
        `(${((seeded.words.medium.tickets / args.tickets) * 100).toFixed(2)}%), rare "${seeded.words.rare.word}" in ${fmt(seeded.words.rare.tickets)} tickets`,
      `bare:    Fastify alone on this machine, schema-checked POST answering 201: ${fmt(bare.reqPerSec)} req/s, ` +
        `p99 ${fmt(bare.p99, 2)} ms ("of bare" is each scenario's rate as a share of it)`,
      `load:    ${args.connections} connections, ${args.duration} s per scenario after ${args.warmup} s warm-up; ` +
        `autocannon runs in a child process on the same ${os.cpus().length} cores`,
      '',
      table(
        [
          '#',
          'scenario',
          'rows',
          'n',
          'req/s',
          'of bare',
          'p50 ms',
          'p99 ms',
          'max ms',
          'RSS MB',
          'target',
          '',
        ],
        rows,
        [true, false, true, true, true, true, true, true, true, true, false, false],
      ),
      '',
      `peak RSS under load: ${fmt(peakRss)} MB (target <= ${TARGETS.rssMb} MB: ${peakRss <= TARGETS.rssMb ? 'met' : 'MISSED'})` +
        (hwm ? `; VmHWM of the server process ${fmt(hwm)} MB` : ''),
      'Targets are for SQLite at 1,000,000 tickets on this 2-core machine; printed for comparison, never enforced.',
      ...(sweep ? sweepLines(sweep) : []),
      ...(bulk ? [bulkLine(bulk)] : []),
      ...(mixed ? mixedLines(args.engine, mixed) : []),
    ];
    console.log(out.join('\n'));

    // ---- plans of the slow ones ----
    // A missed target is worth a plan when the query itself is slow (over a quarter of the target);
    // otherwise the time went to HTTP, queueing behind other requests or a busy machine.
    const toCheck = outcomes.filter(
      (o) =>
        o.scenario.kind !== 'create' &&
        o.scenario.kind !== 'counts' &&
        o.scenario.kind !== 'me' &&
        o.scenario.kind !== 'page' &&
        o.scenario.kind !== 'help' &&
        (args.explain || !target(o.scenario.kind, bare.reqPerSec).met(o)),
    );
    if (toCheck.length > 0) {
      console.log(
        "\nDirect database time of the list query (the app's listTicketRows, no HTTP, one at a time):",
      );
      const ex = explainer(args.engine, fresh.url);
      try {
        for (const o of toCheck) {
          const filter: TicketFilter = {
            sort: 'lastActivityAt',
            order: 'desc',
            after: null,
            limit: 25,
            ...o.scenario.filter,
          };
          const t = await ex.time(actors[o.scenario.who], filter);
          const limit = o.scenario.kind === 'search' ? TARGETS.searchP99 : TARGETS.queueP99;
          const slow = t.median > limit / 4;
          console.log(
            `  ${o.scenario.label}: median ${fmt(t.median, 2)} ms, max ${fmt(t.max, 2)} ms over ${t.runs} runs` +
              (slow ? ' (slow query: plan below)' : ''),
          );
          if (slow || args.explain) console.log(`\n-- plan: ${o.scenario.label}\n${await ex.plan()}\n`);
        }
      } finally {
        await ex.close();
      }
    }
    if (args.keep) console.log(`\nkept the database: ${fresh.url}`);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof UsageError ? `${err.message}\n\n${USAGE}` : err);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
