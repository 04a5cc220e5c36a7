import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { JOB_HANDLERS } from '../src/jobs/handlers.js';
import { runJobsOnce } from '../src/jobs/worker.js';
import { ADMIN, engine, freshDatabaseUrl } from './helpers.js';

// The real server as a child process: a mail acknowledged with 250 survives a SIGKILL that comes
// before the worker touched it, and becomes exactly one ticket after a restart. The restarted
// server is a web node; the test is its worker node and says when a worker pass runs.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUPPORT = 'support@helpdesk.test';

let child: ChildProcess | null = null;
let output = '';
let dataDir: string;
let db: Awaited<ReturnType<typeof freshDatabaseUrl>> | null = null;
let httpPort: number;
let smtpPort: number;

/** A port nobody listens on right now: bind port 0, read it, close. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    if (child && child.exitCode !== null)
      throw new Error(`the server exited while waiting for ${what}:\n${output}`);
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await sleep(150);
  }
  throw new Error(`timed out waiting for ${what} (${String(last)})\n${output.slice(-4000)}`);
}

const smtpAccepts = () =>
  new Promise<true | undefined>((resolve) => {
    const s = net.connect(smtpPort, '127.0.0.1');
    s.once('data', (d) => {
      s.destroy();
      resolve(d.toString().startsWith('220') ? true : undefined);
    });
    s.once('error', () => resolve(undefined));
  });

/** Starts the server with `roles` (all by default) and waits until it answers HTTP and SMTP. */
async function start(workerIntervalMs: number, roles?: string) {
  output = '';
  const args = ['--import', 'tsx', 'src/main.ts', 'start', ...(roles ? ['--roles', roles] : [])];
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(httpPort),
      HOST: '127.0.0.1',
      TESSERA_DATA_DIR: dataDir,
      ...(db && engine === 'postgres' ? { DATABASE_URL: db.url } : { DATABASE_URL: undefined }),
      TESSERA_SECRET: SECRET,
      TESSERA_ADMIN_EMAIL: ADMIN.email,
      TESSERA_ADMIN_PASSWORD: ADMIN.password,
      TESSERA_RATE_LIMIT: '0',
      INBOUND_EMAIL_ADDRESS: SUPPORT,
      INBOUND_SMTP_PORT: String(smtpPort),
      INBOUND_SMTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      TESSERA_WORKER_INTERVAL_MS: String(workerIntervalMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  proc.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child = proc;
  await waitFor('/api/health', async () => {
    const res = await fetch(`http://127.0.0.1:${httpPort}/api/health`);
    return res.ok ? true : undefined;
  });
  await waitFor('the SMTP listener', smtpAccepts);
  return proc;
}

function exited(proc: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
  });
}

const SECRET = randomBytes(32).toString('hex');

/** A worker node in this process, on the server's database: drain() runs passes until none is due. */
async function workerNode() {
  const config = loadConfig({
    ...(db && engine === 'postgres' ? { DATABASE_URL: db.url } : {}),
    TESSERA_DATA_DIR: dataDir,
    TESSERA_SECRET: SECRET,
    INBOUND_EMAIL_ADDRESS: SUPPORT,
    LOG_LEVEL: 'silent',
  });
  const database = openDatabase(config.databaseUrl, { poolSize: 2, onIdleError: () => {} });
  const app = await buildApp({ config, database, logger: false });
  return {
    async drain() {
      let total = 0;
      for (;;) {
        const n = await runJobsOnce(app.ctx, JOB_HANDLERS, { intervalMs: 0 });
        if (n === 0) return total;
        total += n;
      }
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

async function api<T>(method: string, url: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${httpPort}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** An admin API token: sign in with the password, then mint a bearer token. */
async function adminToken(): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${httpPort}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
  });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const tok = await fetch(`http://127.0.0.1:${httpPort}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'crash-test' }),
  });
  if (tok.status !== 201) throw new Error(`token: ${tok.status} ${await tok.text()}`);
  return ((await tok.json()) as { token: string }).token;
}

beforeAll(async () => {
  db = await freshDatabaseUrl();
  dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-crash-'));
  httpPort = await freePort();
  smtpPort = await freePort();
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await Promise.race([exited(child), sleep(10_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  await db?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

type Ticket = { number: number; subject: string };

/** The tickets with exactly this subject, as the API lists them. */
async function ticketsWith(subject: string, token: string): Promise<Ticket[]> {
  const list = await api<{ items: Ticket[] }>('GET', '/api/v1/tickets', token);
  return list.items.filter((t) => t.subject === subject);
}
type Msg = { body: string; channel: string; author: { id: string } | null };

describe(`a crash right after 250 (${engine})`, () => {
  it('the acknowledged mail becomes exactly one ticket after a restart', async () => {
    const first = await start(600_000);
    let token = await adminToken();
    await api('POST', '/api/v1/departments', token, { name: 'Support' });
    const email = `crash-${randomBytes(4).toString('hex')}@customer.test`;
    const customer = await api<{ id: string }>('POST', '/api/v1/users', token, {
      email,
      name: 'Crash Customer',
      role: 'customer',
      password: 'correct horse battery',
    });
    const subject = `Lost on crash? ${randomBytes(4).toString('hex')}`;
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    const info = await transport.sendMail({
      from: email,
      to: SUPPORT,
      subject,
      messageId: `<crash-${Date.now()}@customer.test>`,
      text: 'The mail that was acknowledged just before the crash.',
    });
    // The 250 was given: the message must be durable now. Kill without any chance to clean up.
    first.kill('SIGKILL');
    await exited(first);
    transport.close();
    expect(info.response).toMatch(/^250/);
    expect(first.signalCode).toBe('SIGKILL');
    expect(output).not.toMatch(/inbound message/); // the worker had not processed it before the kill

    await start(600_000, 'web');
    token = await adminToken();
    const worker = await workerNode();
    try {
      expect(await worker.drain()).toBeGreaterThan(0);
      const tickets = await ticketsWith(subject, token);
      // A second worker pass has nothing left to do and adds no duplicate.
      expect(await worker.drain()).toBe(0);
      expect(await ticketsWith(subject, token)).toHaveLength(1);
      expect(tickets).toHaveLength(1);
      const msgs = await api<{ items: Msg[] }>(
        'GET',
        `/api/v1/tickets/${tickets[0]?.number}/messages`,
        token,
      );
      expect(msgs.items).toHaveLength(1);
      expect(msgs.items[0]).toMatchObject({
        body: 'The mail that was acknowledged just before the crash.',
        channel: 'email',
        author: { id: customer.id },
      });
    } finally {
      await worker.close();
    }
  }, 90_000);
});
