// Bulk seeding, run in a child process (so the server's memory figures start clean): plain SQL
// in big transactions, never through HTTP. Secondary indexes are dropped first and rebuilt from
// their own definitions afterwards, which is much faster than updating them row by row and leaves
// the schema exactly as the migrations made it.

import SQLite from 'better-sqlite3';
import pg from 'pg';
import { NO_DUE } from '../common/sla.js';
import { registerSearchFunctions } from '../src/db/search-text.js';
import {
  type Batch,
  makeWorld,
  pickSearchWords,
  type Row,
  type SeedOptions,
  TABLES,
  type Table,
  ticketBatches,
  WordStats,
  type World,
} from './data.js';
import { VOCABULARY_SIZE } from './words.js';

export type SeedJob = { engine: 'sqlite' | 'postgres'; url: string; options: SeedOptions; analyze: boolean };

export type SeedResult = {
  tickets: number;
  messages: number;
  internalNotes: number;
  events: number;
  /** Tickets with running service-level clocks, the clocks, and those tickets already past due. */
  sla: { tickets: number; clocks: number; overdueTickets: number; seedNow: number };
  departmentIds: string[];
  departmentNames: string[];
  restrictedAgent: { id: string; email: string; departmentIds: string[] };
  customer: { id: string; email: string; organisationId: string | null };
  customers: number;
  agents: number;
  organisations: number;
  words: { medium: { word: string; tickets: number }; rare: { word: string; tickets: number } };
  timings: { rows: number; indexes: number; finish: number };
};

const BULK_TABLES = ['tickets', 'messages', 'ticket_events', 'ticket_sla_clocks'];

type Writer = { table: Table; project: (rows: Row[]) => Row[] };

/**
 * Fits a generated table to the database: optional columns the schema does not have (yet) are
 * left out; a required one that is missing is an error, since the rows could not be right.
 */
function fitTable(t: Table, existing: Set<string>): Writer {
  const keep = t.columns.map((c, i) => (existing.has(c) ? i : -1)).filter((i) => i >= 0);
  const missing = t.columns.filter((c) => !existing.has(c) && !t.optional.includes(c));
  if (missing.length > 0) throw new Error(`${t.name}: the database has no column ${missing.join(', ')}`);
  if (keep.length === t.columns.length) return { table: t, project: (rows) => rows };
  return {
    table: { ...t, columns: keep.map((i) => t.columns[i]!), pgTypes: keep.map((i) => t.pgTypes[i]!) },
    project: (rows) => rows.map((r) => keep.map((i) => r[i]!)),
  };
}

type Counts = {
  tickets: number;
  messages: number;
  internalNotes: number;
  events: number;
  slaTickets: number;
  slaClocks: number;
  overdueTickets: number;
};

function progress(done: number, total: number, started: number, lastShown: { pct: number }) {
  const pct = Math.floor((done / total) * 10) * 10;
  if (pct > lastShown.pct) {
    lastShown.pct = pct;
    const s = (performance.now() - started) / 1000;
    process.stdout.write(`  seeded ${done.toLocaleString('en')} tickets (${pct}%) in ${s.toFixed(1)} s\n`);
  }
}

const SLA_DUE = TABLES.tickets.columns.indexOf('sla_due_at');
const count = (c: Counts, b: Batch, now: string) => {
  c.tickets += b.tickets.length;
  c.slaClocks += b.clocks.length;
  for (const t of b.tickets) {
    const due = t[SLA_DUE] as string;
    if (due !== NO_DUE) c.slaTickets++;
    if (due <= now) c.overdueTickets++;
  }
  c.messages += b.messages.length;
  c.events += b.events.length;
  for (const m of b.messages) if (m[4] === 1) c.internalNotes++;
};

function seedSqlite(job: SeedJob, world: World, stats: WordStats) {
  const file = job.url.slice('sqlite:'.length);
  const db = new SQLite(file);
  // The requester triggers write the search index through it.
  registerSearchFunctions(db);
  // Safe only because the database is thrown away if seeding fails.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -1048576');
  db.pragma('temp_store = MEMORY');
  const t0 = performance.now();

  const indexes = db
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null
       and tbl_name in (${BULK_TABLES.map(() => '?').join(', ')})`,
    )
    .all(...BULK_TABLES) as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`drop index "${ix.name}"`);

  const insert = (t: Table) => {
    const columns = (
      db.prepare(`select name from pragma_table_info(?)`).all(t.name) as { name: string }[]
    ).map((c) => c.name);
    const w = fitTable(t, new Set(columns));
    const sql = `insert into ${t.name} (${w.table.columns.join(', ')}) values (${w.table.columns.map(() => '?').join(', ')})`;
    return { stmt: db.prepare(sql), project: w.project };
  };
  const stmts = {
    organisations: insert(TABLES.organisations),
    departments: insert(TABLES.departments),
    users: insert(TABLES.users),
    userDepartments: insert(TABLES.userDepartments),
    tickets: insert(TABLES.tickets),
    messages: insert(TABLES.messages),
    events: insert(TABLES.events),
    calendars: insert(TABLES.calendars),
    slaPolicies: insert(TABLES.slaPolicies),
    clocks: insert(TABLES.slaClocks),
    // The search index is a virtual table keyed by rowid: no columns to fit.
    search: {
      stmt: db.prepare('insert into search_fts (rowid, text) values (?, ?)'),
      project: (rows: Row[]) => rows,
    },
  };
  const runAll = (w: { stmt: SQLite.Statement; project: Writer['project'] }, rows: Row[]) => {
    for (const row of w.project(rows)) w.stmt.run(row);
  };
  db.transaction(() => {
    runAll(stmts.organisations, world.organisations);
    runAll(stmts.departments, world.departments);
    runAll(stmts.users, world.users);
    runAll(stmts.userDepartments, world.userDepartments);
    runAll(stmts.calendars, world.calendars);
    runAll(stmts.slaPolicies, world.slaPolicies);
  })();

  const counts: Counts = {
    tickets: 0,
    messages: 0,
    internalNotes: 0,
    events: 0,
    slaTickets: 0,
    slaClocks: 0,
    overdueTickets: 0,
  };
  const now = new Date(job.options.now).toISOString();
  const shown = { pct: 0 };
  // Small batches keep the generator's garbage young; transactions stay big (50,000 tickets).
  db.exec('begin');
  let inTransaction = 0;
  for (const b of ticketBatches(world, job.options, stats, 1_000)) {
    runAll(stmts.tickets, b.tickets);
    runAll(stmts.messages, b.messages);
    runAll(stmts.events, b.events);
    runAll(stmts.search, b.search);
    runAll(stmts.clocks, b.clocks);
    count(counts, b, now);
    inTransaction += b.tickets.length;
    if (inTransaction >= 50_000) {
      db.exec('commit; begin');
      inTransaction = 0;
    }
    progress(counts.tickets, job.options.tickets, t0, shown);
  }
  db.exec('commit');
  // The app's counter hands out the next number after the seeded ones.
  db.prepare(`update counters set value = ? where name = 'ticket_number'`).run(job.options.tickets);
  const t1 = performance.now();

  for (const ix of indexes) db.exec(ix.sql);
  const t2 = performance.now();
  if (job.analyze) db.exec('analyze');
  db.pragma('journal_mode = WAL');
  db.close();
  const t3 = performance.now();
  return { counts, timings: { rows: t1 - t0, indexes: t2 - t1, finish: t3 - t2 } };
}

async function seedPostgres(job: SeedJob, world: World, stats: WordStats) {
  const client = new pg.Client({ connectionString: job.url });
  await client.connect();
  await client.query('set synchronous_commit = off');
  // Skips the foreign-key triggers during the load; the generator only writes consistent rows.
  await client.query('set session_replication_role = replica');
  const t0 = performance.now();

  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes
     where schemaname = current_schema() and tablename = any($1)
       and indexname not in (select conname from pg_constraint)`,
    [BULK_TABLES],
  );
  for (const ix of indexes) await client.query(`drop index "${ix.indexname}"`);

  const { rows: columnRows } = await client.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns where table_schema = current_schema()`,
  );
  const writers = new Map<Table, Writer>();
  const writer = (t: Table) => {
    let w = writers.get(t);
    if (!w) {
      w = fitTable(t, new Set(columnRows.filter((c) => c.table_name === t.name).map((c) => c.column_name)));
      writers.set(t, w);
    }
    return w;
  };
  // One array parameter per column: a single statement per batch, whatever its size.
  const insert = (t: Table, generated: Row[]) => {
    if (generated.length === 0) return Promise.resolve();
    const { table: ft, project } = writer(t);
    const rows = project(generated);
    const columns = ft.columns.map((_, j) => rows.map((r) => r[j]));
    const args = ft.pgTypes.map((type, j) => `$${j + 1}::${type}[]`).join(', ');
    return client
      .query(`insert into ${ft.name} (${ft.columns.join(', ')}) select * from unnest(${args})`, columns)
      .then(() => undefined);
  };
  await insert(TABLES.organisations, world.organisations);
  await insert(TABLES.departments, world.departments);
  await insert(TABLES.users, world.users);
  await insert(TABLES.userDepartments, world.userDepartments);
  await insert(TABLES.calendars, world.calendars);
  await insert(TABLES.slaPolicies, world.slaPolicies);

  const counts: Counts = {
    tickets: 0,
    messages: 0,
    internalNotes: 0,
    events: 0,
    slaTickets: 0,
    slaClocks: 0,
    overdueTickets: 0,
  };
  const now = new Date(job.options.now).toISOString();
  const shown = { pct: 0 };
  // The next batch is generated while PostgreSQL writes the previous one.
  let pending: Promise<unknown> = Promise.resolve();
  for (const b of ticketBatches(world, job.options, stats, 5_000)) {
    await pending;
    pending = (async () => {
      await insert(TABLES.tickets, b.tickets);
      await insert(TABLES.messages, b.messages);
      await insert(TABLES.events, b.events);
      await insert(TABLES.slaClocks, b.clocks);
    })();
    count(counts, b, now);
    progress(counts.tickets, job.options.tickets, t0, shown);
  }
  await pending;
  // nextval() then hands out the number after the seeded ones.
  await client.query(`select setval('ticket_number_seq', $1)`, [job.options.tickets]);
  await client.query(`update counters set value = $1 where name = 'ticket_number'`, [job.options.tickets]);
  await client.query('set session_replication_role = origin');
  const t1 = performance.now();

  // Rebuild on two connections at once (two cores), the biggest (GIN) builds first.
  const second = new pg.Client({ connectionString: job.url });
  await second.connect();
  const queue = [...indexes].sort(
    (a, b) => Number(b.indexdef.includes('gin')) - Number(a.indexdef.includes('gin')),
  );
  const worker = async (c: pg.Client) => {
    await c.query(`set maintenance_work_mem = '512MB'`);
    for (let ix = queue.shift(); ix; ix = queue.shift()) await c.query(ix.indexdef);
  };
  await Promise.all([worker(client), worker(second)]);
  await second.end();
  const t2 = performance.now();
  // What autovacuum does within a minute of a bulk load: statistics and the visibility map.
  await client.query('vacuum analyze');
  await client.end();
  const t3 = performance.now();
  return { counts, timings: { rows: t1 - t0, indexes: t2 - t1, finish: t3 - t2 } };
}

export async function seed(job: SeedJob): Promise<SeedResult> {
  const world = makeWorld(job.options);
  const stats = new WordStats(VOCABULARY_SIZE);
  const { counts, timings } =
    job.engine === 'sqlite' ? seedSqlite(job, world, stats) : await seedPostgres(job, world, stats);
  const emailOf = (id: string) => world.users.find((u) => u[0] === id)![1] as string;
  const { slaTickets, slaClocks, overdueTickets, ...rest } = counts;
  return {
    ...rest,
    sla: { tickets: slaTickets, clocks: slaClocks, overdueTickets, seedNow: job.options.now },
    departmentIds: world.departmentIds,
    departmentNames: world.departmentNames,
    restrictedAgent: {
      id: world.restrictedAgent.id,
      email: emailOf(world.restrictedAgent.id),
      departmentIds: world.restrictedAgent.departments,
    },
    customer: {
      id: world.customer.id,
      email: emailOf(world.customer.id),
      organisationId: world.customer.organisationId,
    },
    customers: world.customers.length,
    agents: world.agents.length,
    organisations: world.organisations.length,
    words: pickSearchWords(stats, job.options.tickets),
    timings: {
      rows: timings.rows / 1000,
      indexes: timings.indexes / 1000,
      finish: timings.finish / 1000,
    },
  };
}

// As a child process: one job in, one result out. Only when run as its own program: a test
// imports seed() into a worker process that has process.send too.
if (process.send && process.argv[1] && import.meta.filename === process.argv[1]) {
  process.once('message', (job: SeedJob) => {
    seed(job).then(
      (result) => process.send!({ ok: true, result }, () => process.exit(0)),
      (err: unknown) => {
        console.error(err);
        process.send!({ ok: false, error: String(err) }, () => process.exit(1));
      },
    );
  });
}
