import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImportCommand } from '../src/cli/import.js';
import { startTestApp, type TestEnv } from './helpers.js';

// An import survives kill -9: `tessera import` is killed mid-run; the run under way rolls its
// page back, and running the command again brings every ticket over exactly once, each with its
// message and note, no more and no fewer.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TICKETS = 5_000;
let env: TestEnv;
let dir: string;
let file: string;
let child: ChildProcess | null = null;

beforeAll(async () => {
  env = await startTestApp();
  dir = mkdtempSync(path.join(tmpdir(), 'tessera-import-crash-'));
  file = path.join(dir, 'tickets.csv');
  const rows = ['Number,Subject,Description,Email,Name,Status,Created,Internal note'];
  for (let i = 1; i <= TICKETS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    rows.push(
      `${10_000 + i},Question ${i},Body of ${i},person${i % 500}@example.test,Person ${i % 500},Open,2024-02-${day} 10:00,Note ${i}`,
    );
  }
  writeFileSync(file, `${rows.join('\n')}\n`);
}, 60_000);
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const count = async (table: 'tickets' | 'messages' | 'import_records') =>
  Number(
    (
      await env.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('an import killed mid-run', () => {
  it('brings every ticket once when run again', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'import', 'csv', '--tickets', file], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: env.url,
        TESSERA_DATA_DIR: env.app.ctx.config.dataDir,
        TESSERA_SECRET: env.app.ctx.config.secret,
        LOG_LEVEL: 'silent',
      },
      stdio: 'ignore',
    });
    // Wait until some pages are in, then kill it without warning.
    let done = 0;
    for (let i = 0; i < 1200 && done < 1_000; i++) {
      await sleep(50);
      const run = await env.database.db.selectFrom('import_runs').select('done').executeTakeFirst();
      done = Number(run?.done ?? 0);
    }
    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
    const cut = await count('tickets');
    expect(done).toBeGreaterThanOrEqual(1_000);
    expect(cut).toBeLessThan(TICKETS);

    const lines: string[] = [];
    await runImportCommand(env.app.ctx.config, ['csv', '--tickets', file], (l) => lines.push(l));
    expect(lines.join('\n')).toMatch(/: done/);
    expect(await count('tickets')).toBe(TICKETS);
    expect(await count('messages')).toBe(2 * TICKETS);
    const numbers = await env.database.db.selectFrom('tickets').select('number').orderBy('number').execute();
    expect(numbers[0]?.number).toBe(10_001);
    expect(Number(numbers.at(-1)?.number)).toBe(10_000 + TICKETS);
    // The killed run is shown as interrupted, not as running for ever.
    const runs = await env.database.db
      .selectFrom('import_runs')
      .select(['state', 'error'])
      .orderBy('created_at')
      .execute();
    expect(runs[0]).toMatchObject({ state: 'failed', error: expect.stringMatching(/interrupted/) });
    expect(runs[1]).toMatchObject({ state: 'done' });
  }, 180_000);
});
