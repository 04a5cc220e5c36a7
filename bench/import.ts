// npm run bench:import -- [--tickets 100000] [--engine sqlite|postgres] [--keep-source] [--source URL]
//
// The osTicket import at scale: builds a large osTicket database in MariaDB from the real 1.18
// fixture (bench/osticket-source.ts), imports it into a fresh Tessera database as
// `tessera import osticket` does (createRun + runToEnd), then imports it again (everything
// skipped) and, after 100 new replies in osTicket, once more with --delta. Prints wall time,
// tickets and messages per second, peak memory and the run's counts for each. Prints figures;
// never fails on timing.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import type { Ctx } from '../src/context.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { ImportRunRow } from '../src/modules/imports/import.repository.js';
import { createRun, type ImportOptions, runToEnd } from '../src/modules/imports/import.run.js';
import { openOsTicket } from '../src/modules/imports/sources/osticket.js';
import { freshDatabase } from './common.js';
import { addReplies, buildOsTicket, openSource, type Source } from './osticket-source.js';

const USAGE = `Usage: npm run bench:import -- [options]
  --tickets N        tickets in the osTicket database (default 100000; the fixture's 210 included),
                     each new one with a customer message, a reply and an internal note
  --engine E         sqlite (default: a file in a temporary folder) or postgres (a fresh database)
  --pg-url URL       PostgreSQL server for --engine postgres
                     (default $BENCH_PG_URL or postgres://postgres@127.0.0.1:5432/postgres)
  --page-size N      tickets per page read from osTicket (default: the importer's own, 200)
  --replies N        new replies written in osTicket before the delta run (default 100)
  --source URL       import this osTicket database (built before with --keep-source) instead of
                     building one; it is left in place
  --keep-source      keep the osTicket database built and print its URL`;

const MB = 1024 * 1024;
const OPTIONS: ImportOptions = { topicsAs: 'types', statusMap: {}, delta: false };

function parse() {
  const { values } = parseArgs({
    options: {
      tickets: { type: 'string', default: '100000' },
      engine: { type: 'string', default: 'sqlite' },
      'pg-url': { type: 'string' },
      'page-size': { type: 'string' },
      replies: { type: 'string', default: '100' },
      source: { type: 'string' },
      'keep-source': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name: string, v: string) => {
    const n = Number(v.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number >= 1\n${USAGE}`);
    return n;
  };
  if (values.engine !== 'sqlite' && values.engine !== 'postgres')
    throw new Error(`--engine must be sqlite or postgres\n${USAGE}`);
  return {
    tickets: int('tickets', values.tickets),
    engine: values.engine,
    pgUrl: values['pg-url'] ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    pageSize: values['page-size'] ? int('page-size', values['page-size']) : undefined,
    replies: int('replies', values.replies),
    source: values.source ?? null,
    keepSource: values['keep-source'],
  };
}

/** Peak resident set and heap of this process, sampled every 500 ms. */
function sampleMemory() {
  const peak = { rss: 0, heap: 0 };
  const take = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
  };
  take();
  const timer = setInterval(take, 500);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en');
const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;

type Counts = Record<string, Record<string, number>>;

async function importOnce(
  ctx: Ctx,
  label: string,
  url: string,
  options: ImportOptions,
  pageSize: number | undefined,
) {
  console.log(`\n${label}`);
  const memory = sampleMemory();
  const started = performance.now();
  const run = await createRun(ctx, { kind: 'osticket', options });
  const src = await openOsTicket({ url, pageSize });
  let pages = 0;
  let done: ImportRunRow;
  try {
    done = await runToEnd(ctx, run.id, src, (r) => {
      if (r.phase !== 'tickets' && r.phase !== 'relations') return;
      pages++;
      if (pages % 10 !== 0) return;
      const ms = performance.now() - started;
      const m = process.memoryUsage();
      console.log(
        `  ${Number(r.done).toLocaleString('en')}${r.total ? ` of ${Number(r.total).toLocaleString('en')}` : ''} tickets, ${secs(ms)}, ${rate(Number(r.done), ms)} tickets/s, rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}`,
      );
    });
  } finally {
    await src.close();
  }
  const ms = performance.now() - started;
  const peak = memory.stop();
  const counts = JSON.parse(done.counts) as Counts;
  const tickets = counts.ticket ?? {};
  const messages = counts.message?.imported ?? 0;
  console.log(
    `  ${done.state} in ${secs(ms)}: ${rate((tickets.imported ?? 0) + (tickets.updated ?? 0), ms)} tickets/s, ${rate(messages, ms)} messages/s`,
  );
  console.log(`  peak rss ${mb(peak.rss)}, peak heap ${mb(peak.heap)}`);
  for (const [kind, c] of Object.entries(counts))
    console.log(
      `    ${kind.padEnd(13)} ${Object.entries(c)
        .map(([o, n]) => `${n} ${o}`)
        .join(', ')}`,
    );
  if (done.state !== 'done') throw new Error(`the import ${done.state}: ${done.error ?? ''}`);
  return { ms, peak, counts };
}

/** What to undo at the end, last first; also on Ctrl-C, so no scratch database is left behind. */
const cleanups: (() => Promise<void>)[] = [];
let stopping = false;
async function cleanUp() {
  for (let undo = cleanups.pop(); undo; undo = cleanups.pop()) await undo().catch(() => {});
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    stopping = true;
    console.log(`\n${signal}: stopping; the scratch databases are dropped`);
    void cleanUp().finally(() => process.exit(130));
  });

async function main() {
  const args = parse();
  console.log(`osTicket import benchmark: ${args.tickets.toLocaleString('en')} tickets, ${args.engine}`);
  let source: Source;
  let buildMs: number | null = null;
  if (args.source) {
    source = await openSource(args.source);
    console.log(`source: ${args.source} (as it is)`);
  } else {
    console.log('building the osTicket database in MariaDB');
    const built = await buildOsTicket(args.tickets, console.log);
    source = built;
    buildMs = built.loadMs + built.multiplyMs;
    const c = built.counts;
    console.log(
      `  built in ${secs(buildMs)} (fixture ${secs(built.loadMs)}, multiplying ${secs(built.multiplyMs)}): ${c.tickets.toLocaleString('en')} tickets, ${c.entries.toLocaleString('en')} thread entries, ${c.events.toLocaleString('en')} events, ${c.attachments.toLocaleString('en')} attachments on entries`,
    );
  }
  cleanups.push(async () => {
    if (!args.keepSource || args.source) return source.drop();
    await source.sql.end();
    console.log(`\nosTicket database kept: ${source.url} (--source ${source.url} uses it again)`);
  });

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-import-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const fresh =
    args.engine === 'postgres'
      ? await freshDatabase({ engine: 'postgres', tickets: args.tickets, pgUrl: args.pgUrl })
      : { url: `sqlite:${path.join(dataDir, 'tessera.db')}`, describe: dataDir, drop: async () => {} };
  cleanups.push(fresh.drop);
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: fresh.url,
    TESSERA_DATA_DIR: dataDir,
    TESSERA_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
  });
  const database = openDatabase(config.databaseUrl);
  cleanups.push(() => database.close());
  await migrateToLatest(database.db);
  const ctx: Ctx = {
    db: database.db,
    dialect: database.dialect,
    config,
    clock: () => new Date(),
    log: pino({ level: 'silent' }),
  };
  console.log(`Tessera database: ${fresh.describe}`);
  const first = await importOnce(ctx, 'first import', source.url, OPTIONS, args.pageSize);
  const again = await importOnce(ctx, 'second import (nothing new)', source.url, OPTIONS, args.pageSize);
  const added = await addReplies(source.sql, args.replies);
  console.log(`\n${added} new replies written in osTicket`);
  const delta = await importOnce(ctx, 'delta import', source.url, { ...OPTIONS, delta: true }, args.pageSize);
  console.log('\nsummary');
  if (buildMs !== null) console.log(`  building      ${secs(buildMs)}`);
  console.log(
    `  first import  ${secs(first.ms)}, ${rate(first.counts.ticket?.imported ?? 0, first.ms)} tickets/s, ${rate(first.counts.message?.imported ?? 0, first.ms)} messages/s, peak rss ${mb(first.peak.rss)}, heap ${mb(first.peak.heap)}`,
  );
  console.log(`  second import ${secs(again.ms)} (${again.counts.ticket?.skipped ?? 0} tickets skipped)`);
  console.log(
    `  delta import  ${secs(delta.ms)} (${delta.counts.ticket?.updated ?? 0} tickets updated, ${delta.counts.message?.imported ?? 0} messages)`,
  );
}

main()
  .catch((err) => {
    if (stopping) return;
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(cleanUp);
