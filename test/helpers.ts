import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Clock } from '../src/context.js';
import { type Database, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { App } from '../src/http/types.js';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { type Scheduler, startScheduler, sweepOnce } from '../src/jobs/scheduler.js';
import { runJobsOnce, startWorker, type Worker } from '../src/jobs/worker.js';
import { startLiveRelay } from '../src/modules/live/live.js';
import { ensureFirstAdmin } from '../src/modules/setup/setup.service.js';
import type { SweepResult } from '../src/modules/workflow/timers.service.js';

export const ADMIN = { email: 'admin@example.test', password: 'admin-password-1' };
export const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
export const TEST_OUTBOUND_ALLOW = '127.0.0.1,::1,localhost';

/**
 * A private database for one test file: a temporary SQLite file, or a fresh PostgreSQL database
 * when TEST_DATABASE_URL is set. Returns its URL and how to drop it.
 */
export async function freshDatabaseUrl(): Promise<{ url: string; dataDir: string; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-test-'));
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    return {
      url: `sqlite:${path.join(dataDir, 'test.db')}`,
      dataDir,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `tessera_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestEnv = {
  app: App;
  scheduler: Scheduler | null;
  worker: Worker | null;
  database: Database;
  url: string;
  /** One scheduler pass now, at the app's clock: due timers fire, expired attachments go. */
  sweep(): Promise<SweepResult>;
  /** Works the outbox until no job is due at the app's clock; returns how many jobs ran. */
  drain(): Promise<number>;
  close(): Promise<void>;
};

export async function startTestApp(
  opts: {
    env?: Record<string, string>;
    clock?: Clock;
    scheduler?: boolean;
    worker?: boolean;
    /** How the app reaches its fresh database (through a proxy, say). */
    via?: (url: string) => string;
  } = {},
): Promise<TestEnv> {
  const fresh = await freshDatabaseUrl();
  const config = loadConfig({
    DATABASE_URL: opts.via ? opts.via(fresh.url) : fresh.url,
    TESSERA_DATA_DIR: fresh.dataDir,
    TESSERA_SECRET: randomBytes(32).toString('hex'),
    TESSERA_ADMIN_EMAIL: ADMIN.email,
    TESSERA_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'silent',
    TESSERA_RATE_LIMIT: '0',
    // The stand-in SMTP, IMAP and API servers listen on loopback, which is otherwise refused.
    TESSERA_OUTBOUND_ALLOW: TEST_OUTBOUND_ALLOW,
    ...opts.env,
  });
  const database = openDatabase(config.databaseUrl, { poolSize: 20, onIdleError: () => {} });
  await migrateToLatest(database.db);
  const app = await buildApp({ config, database, clock: opts.clock, logger: false });
  await ensureFirstAdmin(app.ctx);
  await app.ready();
  const scheduler = opts.scheduler ? startScheduler(app.ctx, config.schedulerIntervalMs) : null;
  const worker = opts.worker
    ? startWorker(app.ctx, JOB_HANDLERS, {
        intervalMs: config.workerIntervalMs,
        maxAttempts: config.outboxMaxAttempts,
      })
    : null;
  return {
    app,
    scheduler,
    worker,
    database,
    url: config.databaseUrl,
    sweep: () => sweepOnce(app.ctx),
    async drain() {
      const opts = { intervalMs: 0, maxAttempts: config.outboxMaxAttempts };
      let total = 0;
      for (;;) {
        const n = await runJobsOnce(app.ctx, JOB_HANDLERS, opts);
        if (n === 0) return total;
        total += n;
      }
    },
    async close() {
      await scheduler?.stop();
      await worker?.stop();
      await app.close();
      await database.close();
      await fresh.drop();
    },
  };
}

/**
 * A test app listening on a free loopback port, for clients that need real HTTP (a browser).
 * `baseUrl` is where it answers; close() stops listening and drops the database.
 */
export async function listenTestApp(
  opts: Parameters<typeof startTestApp>[0] = {},
): Promise<TestEnv & { baseUrl: string }> {
  const env = await startTestApp(opts);
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  // As a web node does: on PostgreSQL, live updates arrive by LISTEN.
  const relay = env.database.dialect === 'postgres' ? startLiveRelay(env.app.ctx, env.url) : null;
  await relay?.ready;
  const close = env.close;
  env.close = async () => {
    await relay?.stop();
    await close();
  };
  const address = env.app.server.address();
  if (!address || typeof address === 'string') throw new Error('the test app has no TCP address');
  return { ...env, baseUrl: `http://127.0.0.1:${address.port}` };
}

/** A clock the test moves by hand, for startTestApp({ clock }): time passes only when told. */
export function manualClock(start = '2026-03-02T09:00:00.000Z') {
  let now = Date.parse(start);
  return {
    clock: (): Date => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}
