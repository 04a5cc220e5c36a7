// npm run bench:web -- [--tickets N] [--runs R] [--engine sqlite|postgres] [--waterfall]
//
// The web app's weight and the agent queue's first load: seeds a fresh database, starts the real
// server with the built app, and opens /agent in Debian's Chromium with an empty cache (first
// visit) and again with the cache warm (a returning agent), timing until the first queue row is on
// screen. Prints the built assets' sizes (raw, gzip, brotli) and what the browser downloaded.

import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { hasWebBuild, WEB_BUILD_DIR } from '../src/http/web.js';
import { ensureFirstAdmin } from '../src/modules/setup/setup.service.js';
import { Child, freshDatabase } from './common.js';
import type { SeedJob, SeedResult } from './seed.js';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    waterfall: { type: 'boolean', default: false },
    engine: { type: 'string', default: 'sqlite' },
    'pg-url': {
      type: 'string',
      default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const tickets = Number(values.tickets);
const runs = Number(values.runs);
const engine = values.engine === 'postgres' ? 'postgres' : 'sqlite';
if (!Number.isSafeInteger(tickets) || tickets < 1 || !Number.isSafeInteger(runs) || runs < 1) {
  console.error('--tickets and --runs must be positive integers');
  process.exit(2);
}
if (!hasWebBuild()) {
  console.error('the web app is not built: npm run build:web');
  process.exit(2);
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Every built asset with its raw, gzip and brotli size; the entry chunk and CSS are what a first visit needs. */
function assetTable() {
  const dir = path.join(WEB_BUILD_DIR, 'assets');
  const files = readdirSync(dir).filter((f) => /\.(js|css)$/.test(f));
  const size = (f: string) => {
    try {
      return statSync(path.join(dir, f)).size;
    } catch {
      return 0;
    }
  };
  // Files too small to be worth compressing are served as they are.
  const rows = files.map((f) => ({
    file: f,
    raw: size(f),
    gz: size(`${f}.gz`) || size(f),
    br: size(`${f}.br`) || size(f),
  }));
  const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gz: a.gz + r.gz, br: a.br + r.br }), {
    raw: 0,
    gz: 0,
    br: 0,
  });
  const html = readFileSync(path.join(WEB_BUILD_DIR, 'index.html'), 'utf8');
  const entry = rows.filter((r) => html.includes(r.file));
  return { rows, total, entry };
}

async function main() {
  console.log(
    `Tessera web first load: ${engine}, ${tickets.toLocaleString('en')} tickets, ${os.cpus().length} cores`,
  );
  const assets = assetTable();
  console.log(
    `built assets: ${assets.rows.length} JS/CSS files, ${kb(assets.total.raw)} raw, ${kb(assets.total.gz)} gzip, ${kb(assets.total.br)} brotli`,
  );
  for (const r of assets.entry)
    console.log(`  entry ${r.file}: ${kb(r.raw)} raw, ${kb(r.gz)} gzip, ${kb(r.br)} brotli`);
  const largest = [...assets.rows].sort((a, b) => b.br - a.br).slice(0, 5);
  console.log(`  largest (brotli): ${largest.map((r) => `${r.file} ${kb(r.br)}`).join(', ')}`);

  const fresh = await freshDatabase({ engine, tickets, pgUrl: values['pg-url'] as string });
  const dataDir = path.resolve('.bench', 'web-data');
  const cleanups: (() => Promise<void> | void)[] = [
    () => fresh.drop(),
    () => rmSync(dataDir, { recursive: true, force: true }),
  ];
  try {
    {
      const database = openDatabase(fresh.url);
      await migrateToLatest(database.db);
      await database.close();
    }
    const seedStarted = performance.now();
    const seeder = new Child('seed.ts');
    cleanups.push(() => seeder.stop());
    const job: SeedJob = {
      engine,
      url: fresh.url,
      analyze: false,
      options: { tickets, maxMessages: 3, seed: 1, now: Date.now() },
    };
    const seeded = await seeder.ask<SeedResult>(job);
    seeder.stop();
    console.log(
      `seeded ${seeded.tickets.toLocaleString('en')} tickets, ${seeded.messages.toLocaleString('en')} messages in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );

    const password = randomBytes(12).toString('hex');
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: fresh.url,
      TESSERA_DATA_DIR: dataDir,
      TESSERA_SECRET: randomBytes(32).toString('hex'),
      TESSERA_ADMIN_EMAIL: 'admin@bench.test',
      TESSERA_ADMIN_PASSWORD: password,
      LOG_LEVEL: 'silent',
      TESSERA_RATE_LIMIT: '0',
    });
    const database = openDatabase(config.databaseUrl);
    cleanups.push(() => database.close());
    const app = await buildApp({ config, database });
    cleanups.push(() => app.close());
    await ensureFirstAdmin(app.ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
    });
    cleanups.push(() => browser.close());

    type Sample = {
      firstRowMs: number;
      domContentLoadedMs: number;
      bytes: number;
      requests: number;
      cls: number;
    };
    const cold: Sample[] = [];
    const warm: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      // A fresh profile: empty cache, then signed in through the API (the sign-in page is not timed).
      const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
      const login = await context.request.post('/api/v1/auth/login', {
        data: { email: 'admin@bench.test', password },
        headers: { origin: base },
      });
      if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
      const page = await context.newPage();
      // Cumulative layout shift from navigation on: how much the page jumps while it fills in.
      await page.addInitScript(() => {
        const w = window as unknown as { __cls: number };
        w.__cls = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
            if (!e.hadRecentInput) w.__cls += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      const measure = async (go: () => Promise<unknown>): Promise<Sample> => {
        let bytes = 0;
        let requests = 0;
        const onFinished = async (req: import('playwright-core').Request) => {
          requests++;
          const sizes = await req.sizes().catch(() => null);
          if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
        };
        page.on('requestfinished', onFinished);
        const started = performance.now();
        await go();
        await page.locator('[data-testid=queue-table] tbody tr').first().waitFor({ timeout: 60_000 });
        const firstRowMs = performance.now() - started;
        const domContentLoadedMs = await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as
            | PerformanceNavigationTiming
            | undefined;
          return nav ? nav.domContentLoadedEventEnd - nav.startTime : 0;
        });
        await page.waitForLoadState('networkidle');
        page.off('requestfinished', onFinished);
        const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
        return { firstRowMs, domContentLoadedMs, bytes, requests, cls };
      };
      cold.push(await measure(() => page.goto('/agent')));
      if (values.waterfall && i === runs - 1) {
        // What the first visit fetched, when, and for how long: where the time to the first row goes.
        const entries = await page.evaluate(() =>
          [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map(
            (e) => ({
              name: e.name.replace(location.origin, ''),
              start: e.startTime,
              end: (e as PerformanceResourceTiming).responseEnd,
              size: (e as PerformanceResourceTiming).transferSize,
            }),
          ),
        );
        console.log('\nwaterfall of the last first visit (ms from navigation start):');
        for (const e of entries.sort((a, b) => a.start - b.start))
          console.log(
            `  ${e.start.toFixed(0).padStart(5)} → ${e.end.toFixed(0).padStart(5)}  ${kb(e.size).padStart(9)}  ${e.name.slice(0, 90)}`,
          );
      }
      warm.push(await measure(() => page.reload()));
      await context.close();
    }

    const line = (name: string, xs: Sample[]) =>
      `${name.padEnd(22)} first queue row: median ${median(xs.map((x) => x.firstRowMs)).toFixed(0)} ms ` +
      `(min ${Math.min(...xs.map((x) => x.firstRowMs)).toFixed(0)}, max ${Math.max(...xs.map((x) => x.firstRowMs)).toFixed(0)}); ` +
      `DOMContentLoaded ${median(xs.map((x) => x.domContentLoadedMs)).toFixed(0)} ms; ` +
      `${median(xs.map((x) => x.requests))} requests, ${kb(median(xs.map((x) => x.bytes)))} transferred; ` +
      `layout shift ${Math.max(...xs.map((x) => x.cls)).toFixed(3)} at most`;
    console.log(`\n/agent as an administrator, ${runs} runs, local network, headless Chromium:`);
    console.log(line('first visit (cold)', cold));
    console.log(line('returning (warm cache)', warm));
  } finally {
    for (const fn of cleanups.reverse())
      await Promise.resolve(fn()).catch((e) => console.error('cleanup:', e));
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
