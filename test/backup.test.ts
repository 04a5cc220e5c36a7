import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { backup, restore } from '../src/cli/backup.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { type Client, loginAdmin, makeWorld, openTicket } from './client.js';
import { engine, startTestApp, type TestEnv } from './helpers.js';

// `tessera backup` copies a serving SQLite installation (database and attachment store) into one
// file; `tessera restore` checks it and puts it in place. Both run as the real command, in a child
// process, while this process keeps writing.

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001',
  'hex',
);

function cli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/main.ts'), ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => resolve({ code, out }));
  });
}

async function upload(c: Client, data: Buffer) {
  const boundary = '----tessera-backup-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="shot.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await c.request('POST', '/api/v1/attachments', body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

describe.skipIf(engine === 'postgres')('backup and restore (SQLite)', () => {
  let env: TestEnv;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  let work: string;
  let vars: Record<string, string>;
  /** The backup the first test took. */
  let taken: string;

  beforeAll(async () => {
    env = await startTestApp();
    w = await makeWorld(env.app);
    work = mkdtempSync(path.join(tmpdir(), 'tessera-backup-'));
    const { config } = env.app.ctx;
    vars = {
      DATABASE_URL: config.databaseUrl,
      TESSERA_DATA_DIR: config.dataDir,
      TESSERA_SECRET: config.secret,
    };
  });
  afterAll(async () => {
    await env?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('takes a consistent copy under write load and restores every write acknowledged before it began', async () => {
    // Tickets with an attachment each, written back to back by four writers until told to stop.
    const acknowledged: { number: number; attachment: string; bytes: Buffer }[] = [];
    let stop = false;
    const writer = async () => {
      while (!stop) {
        const bytes = Buffer.concat([PNG, randomBytes(64)]);
        const attachment = await upload(w.alice, bytes);
        const t = await openTicket(w.alice, w.billing.id, { attachmentIds: [attachment] });
        acknowledged.push({ number: t.number, attachment, bytes });
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 20));
    const before = [...acknowledged];
    const file = path.join(work, 'tessera.backup');
    const took = await cli(['backup', file], vars);
    const during = acknowledged.length - before.length;
    stop = true;
    await Promise.all(writers);
    expect(took.out).toContain('Backup written to');
    expect(took.code).toBe(0);
    // The writers went on while the copy was taken: it held nobody back.
    expect(during).toBeGreaterThan(0);

    // A second installation, restored from the file alone.
    const dataDir = path.join(work, 'restored');
    const restoredVars = {
      DATABASE_URL: `sqlite:${path.join(dataDir, 'tessera.db')}`,
      TESSERA_DATA_DIR: dataDir,
    };
    const restored = await cli(['restore', file], restoredVars);
    expect(restored.out).toMatch(/Restored \d+ tickets and \d+ attachments/);
    expect(restored.code).toBe(0);
    // The secret came along: encrypted settings and signed links work there.
    expect(readFileSync(path.join(dataDir, 'secret'), 'utf8').trim()).toBe(vars.TESSERA_SECRET);

    const config = loadConfig({ ...restoredVars, LOG_LEVEL: 'silent', TESSERA_RATE_LIMIT: '0' });
    const database = openDatabase(config.databaseUrl);
    const app = await buildApp({ config, database, logger: false });
    try {
      await app.ready();
      const admin = await loginAdmin(app);
      for (const t of before) {
        const thread = await admin.get<{ items: { attachments: { id: string }[] }[] }>(
          `/api/v1/tickets/${t.number}/messages`,
        );
        expect(thread.items[0]?.attachments.map((a) => a.id)).toEqual([t.attachment]);
        const dl = await admin.request('GET', `/api/v1/attachments/${t.attachment}`);
        expect(dl.statusCode).toBe(200);
        expect(dl.rawPayload.equals(t.bytes)).toBe(true);
      }
      // Nothing of the backup's own bookkeeping is left in the restored database.
      const tables = await database.db.introspection.getTables();
      expect(tables.map((t) => t.name).filter((n) => n.startsWith('tessera_backup'))).toEqual([]);
    } finally {
      await app.close();
      await database.close();
    }

    // Restoring over a database needs --force, and keeps the replaced one beside it.
    await expect(restore(config, file, false)).rejects.toThrow(/pass --force/);
    await expect(restore(config, file, true)).resolves.toMatch(/^Restored/);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('tessera.db.before-restore-'))).toHaveLength(1);
    // Nor does a backup overwrite a file.
    await expect(backup(env.app.ctx.config, file)).rejects.toThrow(/exists already/);
    taken = file;
  });

  it('refuses a damaged or foreign file and changes nothing', async () => {
    const dataDir = path.join(work, 'untouched');
    const target = {
      DATABASE_URL: `sqlite:${path.join(dataDir, 'tessera.db')}`,
      TESSERA_DATA_DIR: dataDir,
    };
    const config = loadConfig({ ...target, LOG_LEVEL: 'silent' });
    const file = path.join(work, 'damaged.backup');
    const bytes = readFileSync(taken);
    // Overwrite pages in the middle of the file: SQLite's integrity check notices.
    bytes.fill(0x5a, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 8192);
    writeFileSync(file, bytes);
    await expect(restore(config, file, false)).rejects.toThrow(/damaged|not a Tessera backup/);
    const foreign = path.join(work, 'notes.txt');
    writeFileSync(foreign, 'not a backup');
    await expect(restore(config, foreign, false)).rejects.toThrow(/not a Tessera backup/);
    // The command says so and fails.
    const refused = await cli(['restore', foreign], target);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('not a Tessera backup');
    expect(existsSync(path.join(dataDir, 'tessera.db'))).toBe(false);
  });
});

describe.skipIf(engine === 'sqlite')('backup (PostgreSQL)', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestApp();
  });
  afterAll(() => env?.close());

  it('points to pg_dump rather than copying a server it cannot copy consistently', async () => {
    const { config } = env.app.ctx;
    const res = await cli(['backup', path.join(config.dataDir, 'x.backup')], {
      DATABASE_URL: config.databaseUrl,
      TESSERA_DATA_DIR: config.dataDir,
      TESSERA_SECRET: config.secret,
    });
    expect(res.code).toBe(1);
    expect(res.out).toContain('pg_dump');
  });
});
