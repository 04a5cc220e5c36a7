import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { App } from '../src/http/types.js';
import { ensureFirstAdmin } from '../src/modules/setup/setup.service.js';
import { freshDatabaseUrl } from './helpers.js';
import { waitFor } from './wait.js';

// A fresh install: no administrator until the set-up link (or the CLI, or the environment)
// makes one. The sign-in page learns what to say from GET /api/v1/setup, never the token.

let app: App;
let close: () => Promise<void>;

beforeAll(async () => {
  // Without TESSERA_ADMIN_*: the install starts with no administrator.
  const fresh = await freshDatabaseUrl();
  const config = loadConfig({
    DATABASE_URL: fresh.url,
    TESSERA_DATA_DIR: fresh.dataDir,
    TESSERA_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
  });
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  app = await buildApp({ config, database, logger: false });
  close = async () => {
    await app.close();
    await database.close();
    await fresh.drop();
  };
});
afterAll(() => close?.());

describe('set-up state', () => {
  it('says set-up is needed and until when the logged link works, without the token', async () => {
    const { setupUrl } = await ensureFirstAdmin(app.ctx);
    expect(setupUrl).toMatch(/\/setup\?token=/);
    const res = await app.inject({ method: 'GET', url: '/api/v1/setup' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.required).toBe(true);
    expect(Date.parse(body.linkExpiresAt)).toBeGreaterThan(Date.now());
    const token = new URL(String(setupUrl)).searchParams.get('token') ?? '';
    expect(res.body).not.toContain(token);
  });

  it('is done once the link made an administrator', async () => {
    const { setupUrl } = await ensureFirstAdmin(app.ctx);
    const token = new URL(String(setupUrl)).searchParams.get('token');
    const made = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { token, email: 'first@example.test', name: 'First Admin', password: 'long-enough-1' },
    });
    expect(made.statusCode).toBe(201);
    expect((await app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({
      required: false,
      linkExpiresAt: null,
    });
  });
});

/** Runs `tessera <args>` from source until `until` appears in its output (or it exits). */
async function runCli(args: string[], envVars: Record<string, string>, until: RegExp) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...envVars };
  delete env.TESSERA_ADMIN_EMAIL;
  delete env.TESSERA_ADMIN_PASSWORD;
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/main.ts'), ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let exited = false;
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  child.on('exit', () => {
    exited = true;
  });
  try {
    await waitFor(async () => until.test(out) || exited, 90_000, String(until));
  } finally {
    child.kill('SIGTERM');
  }
  return out;
}

describe('the command line', () => {
  const cliEnv = async () => {
    const fresh = await freshDatabaseUrl();
    return {
      fresh,
      vars: {
        DATABASE_URL: fresh.url,
        TESSERA_DATA_DIR: fresh.dataDir,
        TESSERA_SECRET: randomBytes(32).toString('hex'),
        PORT: '0',
        LOG_LEVEL: 'info',
      },
    };
  };

  it('prints a set-up link when started without an administrator', async () => {
    const { fresh, vars } = await cliEnv();
    try {
      const out = await runCli(['start', '--roles', 'web'], vars, /setup\?token=|listening/i);
      expect(out).toMatch(/No administrator yet\. Open this one-time link.*\/setup\?token=/);
    } finally {
      await fresh.drop();
    }
  }, 120_000);

  it('prints no set-up link for the demo, whose administrator exists at once', async () => {
    const { fresh, vars } = await cliEnv();
    try {
      const out = await runCli(['start', '--roles', 'web', '--demo'], vars, /Demo data (loaded|not loaded)/);
      expect(out).toContain('Demo data loaded');
      expect(out).not.toMatch(/setup\?token=/);
    } finally {
      await fresh.drop();
    }
  }, 120_000);
});
