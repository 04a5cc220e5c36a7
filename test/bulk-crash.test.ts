import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../bench/seed.js';
import type { BulkJob } from '../common/bulk.js';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { loginAdmin } from './client.js';
import { startTestApp, type TestEnv } from './helpers.js';

// A bulk change survives kill -9 of the worker running it: the batch under way rolls back, a
// worker that takes the job up again goes on from the last recorded batch, and no ticket is
// changed twice.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TICKETS = 20_000;
let env: TestEnv;
let dataDir: string;
let child: ChildProcess | null = null;

beforeAll(async () => {
  env = await startTestApp();
  dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-bulk-crash-'));
  await seed({
    engine: env.database.dialect,
    url: env.url,
    analyze: false,
    options: { tickets: TICKETS, maxMessages: 1, seed: 2, now: Date.now() },
  });
}, 300_000);
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await env?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A worker node of its own, as `tessera start --roles worker` runs it, on the test's database. */
function startWorkerNode(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'start', '--roles', 'worker'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: env.url,
      TESSERA_DATA_DIR: dataDir,
      TESSERA_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
      TESSERA_WORKER_INTERVAL_MS: '50',
    },
    stdio: 'ignore',
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jobRow = (id: string) =>
  env.database.db.selectFrom('bulk_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('bulk change and kill -9', () => {
  it('resumes after the worker is killed mid-job; every ticket is changed once', async () => {
    const admin = await loginAdmin(env.app);
    const since = new Date().toISOString();
    const started = await admin.expect<BulkJob>(202, 'POST', '/api/v1/tickets/bulk', {
      filter: {},
      action: { kind: 'update', changes: { addTags: ['crash-test'] } },
    });
    child = startWorkerNode();
    const exited = new Promise((r) => child?.once('exit', r));
    const deadline = Date.now() + 120_000;
    while (Number((await jobRow(started.id)).done) === 0 && Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the worker node exited with ${child.exitCode}`);
      await sleep(10);
    }
    child.kill('SIGKILL');
    await exited;
    const atKill = await jobRow(started.id);
    expect(Number(atKill.done)).toBeGreaterThan(0);
    expect(atKill.status).toBe('running');

    // Another worker, once the killed one's claim has lapsed, finishes the job.
    const later = { ...env.app.ctx, clock: () => new Date(Date.now() + 10 * 60_000) };
    while ((await runJobsOnce(later, JOB_HANDLERS, { intervalMs: 0, maxAttempts: 8 })) > 0);
    const job = await admin.get<BulkJob>(`/api/v1/tickets/bulk/${started.id}`);
    expect(job).toMatchObject({
      status: 'done',
      total: TICKETS,
      done: TICKETS,
      changed: TICKETS,
      skipped: 0,
    });

    const events = await env.database.db
      .selectFrom('ticket_events')
      .select(['ticket_id'])
      .where('field', '=', 'tags')
      .where('created_at', '>', since)
      .execute();
    expect(events).toHaveLength(TICKETS);
    expect(new Set(events.map((e) => e.ticket_id)).size).toBe(TICKETS);
    const tagged = await env.database.db
      .selectFrom('ticket_tags')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tag', '=', 'crash-test')
      .executeTakeFirstOrThrow();
    expect(Number(tagged.n)).toBe(TICKETS);
  }, 600_000);
});
