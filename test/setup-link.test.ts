import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { App } from '../src/http/types.js';
import { ensureFirstAdmin } from '../src/modules/setup/setup.service.js';
import { countAdmins } from '../src/modules/users/users.repository.js';
import { freshDatabaseUrl } from './helpers.js';

// The set-up link is the only way in to a fresh install that nobody can sign in to yet, so it
// must make exactly one administrator, once, within its hour, and nothing after that.

let app: App;
let now = new Date('2026-05-01T09:00:00Z');
let close: () => Promise<void>;

beforeAll(async () => {
  const fresh = await freshDatabaseUrl();
  const config = loadConfig({
    DATABASE_URL: fresh.url,
    TESSERA_DATA_DIR: fresh.dataDir,
    TESSERA_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    TESSERA_RATE_LIMIT: '0',
  });
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  app = await buildApp({ config, database, logger: false, clock: () => now });
  close = async () => {
    await app.close();
    await database.close();
    await fresh.drop();
  };
});
afterAll(() => close?.());

const tokenOf = (setupUrl: string | undefined) => new URL(String(setupUrl)).searchParams.get('token') ?? '';
const redeem = (token: string, email: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/setup',
    payload: { token, email, name: 'First Admin', password: 'long-enough-1' },
  });

describe('the set-up link', () => {
  it('expires after an hour, and a wrong or expired token makes nobody an administrator', async () => {
    const token = tokenOf((await ensureFirstAdmin(app.ctx)).setupUrl);
    expect((await redeem(`${token.slice(0, -2)}xx`, 'guess@example.test')).statusCode).toBe(404);
    now = new Date(now.getTime() + 61 * 60_000);
    const late = await redeem(token, 'late@example.test');
    expect(late.statusCode).toBe(404);
    expect(late.headers['content-type']).toContain('application/problem+json');
    expect(await countAdmins(app.ctx.db)).toBe(0);
  });

  it('makes one administrator when it is sent twice at once, and none after', async () => {
    const token = tokenOf((await ensureFirstAdmin(app.ctx)).setupUrl);
    const both = await Promise.all([redeem(token, 'one@example.test'), redeem(token, 'two@example.test')]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 404]);
    expect(await countAdmins(app.ctx.db)).toBe(1);
    // Used: neither a replay nor a new start gives another way in.
    expect((await redeem(token, 'three@example.test')).statusCode).toBe(404);
    expect(await ensureFirstAdmin(app.ctx)).toEqual({});
    expect(await countAdmins(app.ctx.db)).toBe(1);
  });
});
