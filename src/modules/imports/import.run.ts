import { sql } from 'kysely';
import type { Ctx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { newId } from '../../lib/crypto.js';
import { intakeDepartment } from '../departments/departments.repository.js';
import { raiseTicketNumber } from '../ticket-data/tickets.repository.js';
import { loadWorkflow } from '../workflow/workflow.service.js';
import { importReference, type TopicsAs } from './import.reference.js';
import { resolveRelations } from './import.relations.js';
import {
  findRun,
  type ImportRunRow,
  insertLog,
  insertRun,
  lastFinishedRun,
  recordsOf,
  updateRun,
} from './import.repository.js';
import { importTicketPage, loadRefs } from './import.tickets.js';
import { mapStatuses, type StatusChoice, unknownChoices } from './mapping.js';
import type { ImportSource, ImportStatus, TicketPage } from './model.js';
import { type Counts, newTally, refuse, type Tally } from './tally.js';

// One import run, step by step: the reference data, then the tickets a page at a time, then the
// merges and links between them. Each step is one transaction that also records the run's progress,
// so a run stopped anywhere (a crash, a restart) goes on from its last step and never writes an
// object twice: every object is recorded by its source id, and a record found means "done".

export type ImportOptions = {
  topicsAs: TopicsAs;
  /** Source status (id or name) → workflow status key. */
  statusMap: Record<string, string>;
  /** Only what changed since the last completed run of the same source. */
  delta: boolean;
};

export class ImportError extends Error {}

export async function createRun(
  ctx: Pick<Ctx, 'db' | 'clock'>,
  input: { kind: string; options: ImportOptions; secret?: string | null; createdBy?: string | null },
): Promise<ImportRunRow> {
  const now = nowIso(ctx);
  const row: ImportRunRow = {
    id: newId(),
    kind: input.kind,
    source: null,
    options: JSON.stringify(input.options),
    secret: input.secret ?? null,
    state: 'queued',
    phase: 'reference',
    cursor: null,
    since: null,
    total: null,
    done: 0,
    counts: '{}',
    error: null,
    created_by: input.createdBy ?? null,
    created_at: now,
    updated_at: now,
    finished_at: null,
  };
  await insertRun(ctx.db, row);
  return row;
}

/** What a run would do, writing nothing: the status mapping and how much there is to read. */
export async function previewImport(ctx: Ctx, src: ImportSource, options: ImportOptions) {
  const wf = await loadWorkflow(ctx, ctx.db);
  const wrong = unknownChoices(wf, options.statusMap);
  if (wrong.length) throw new ImportError(`These statuses are not in the workflow: ${wrong.join(', ')}`);
  const known = async (kind: string, ids: string[]) => (await recordsOf(ctx.db, src.name, kind, ids)).size;
  const tally = async <T extends { sourceId: string }>(kind: string, items: T[]) => ({
    total: items.length,
    imported: await known(
      kind,
      items.map((i) => i.sourceId),
    ),
  });
  const since = options.delta ? await deltaSince(ctx, src) : null;
  return {
    source: src.name,
    since,
    statuses: mapStatuses(wf, await src.statuses(), options.statusMap),
    workflow: wf.statuses.map((s) => ({ key: s.key, label: s.staffLabel, category: s.category })),
    objects: {
      organisations: await tally('organisation', await src.organisations()),
      departments: await tally('department', await src.departments()),
      staff: await tally('staff', await src.staff()),
      customers: await tally('customer', await src.customers()),
      topics: await tally('topic', await src.topics()),
      fields: await tally('field', await src.fields()),
    },
    tickets: (await src.countTickets?.(since)) ?? null,
  };
}

/**
 * Where a delta run reads from: an hour before the last completed run of the source started, so a
 * source whose clock runs behind ours loses nothing (what did not change is skipped anyway).
 */
async function deltaSince(ctx: Pick<Ctx, 'db'>, src: ImportSource): Promise<string | null> {
  const last = await lastFinishedRun(ctx.db, src.name);
  return last ? new Date(Date.parse(last.created_at) - 3_600_000).toISOString() : null;
}

export type StepResult = { run: ImportRunRow; more: boolean };

/** Does the next step of a run; `more` is false once it is done (or failed). */
export async function runStep(ctx: Ctx, runId: string, src: ImportSource): Promise<StepResult> {
  let run = await findRun(ctx.db, runId);
  if (!run) throw new ImportError(`There is no import run ${runId}`);
  if (run.state === 'done' || run.state === 'failed') return { run, more: false };
  const options = JSON.parse(run.options) as ImportOptions;
  if (!run.source) {
    const since = options.delta ? await deltaSince(ctx, src) : null;
    await updateRun(ctx.db, runId, { source: src.name, since, state: 'running', updated_at: nowIso(ctx) });
    run = { ...run, source: src.name, since, state: 'running' };
  } else if (run.source !== src.name) {
    throw new ImportError(`This run reads ${run.source}, not ${src.name}`);
  }
  switch (run.phase) {
    case 'reference':
      await referenceStep(ctx, run, src, options);
      break;
    case 'tickets':
      await ticketStep(ctx, run, src, options);
      break;
    case 'relations':
      await relationStep(ctx, run);
      break;
    case 'done':
      break;
  }
  const after = (await findRun(ctx.db, runId)) as ImportRunRow;
  return { run: after, more: after.state === 'running' };
}

/** Runs every remaining step; `onStep` sees the run after each. */
export async function runToEnd(
  ctx: Ctx,
  runId: string,
  src: ImportSource,
  onStep?: (run: ImportRunRow) => void,
) {
  for (;;) {
    const { run, more } = await runStep(ctx, runId, src);
    onStep?.(run);
    if (!more) return run;
  }
}

/** Records a run as failed, with why; its records stay, so running it again goes on from there. */
export async function failRun(ctx: Pick<Ctx, 'db' | 'clock'>, runId: string, err: unknown) {
  const now = nowIso(ctx);
  await updateRun(ctx.db, runId, {
    state: 'failed',
    error: String((err as Error)?.message ?? err).slice(0, 2000),
    secret: null,
    updated_at: now,
    finished_at: now,
  });
}

/** What the source refused since the last step (a spreadsheet's unreadable rows), into the run's log. */
const reported = new WeakMap<ImportSource, number>();
function takeRefusals(src: ImportSource, tally: Tally) {
  const all = src.refusals?.() ?? [];
  for (const r of all.slice(reported.get(src) ?? 0)) refuse(tally, r.kind, r.sourceId, r.reason);
  reported.set(src, all.length);
}

async function finishStep(
  ctx: Ctx,
  trx: Parameters<typeof updateRun>[0],
  run: ImportRunRow,
  tally: Tally,
  patch: Partial<ImportRunRow>,
) {
  const now = nowIso(ctx);
  await insertLog(trx, run.id, tally.log, now);
  await updateRun(trx, run.id, { ...patch, counts: JSON.stringify(tally.counts), updated_at: now });
}

async function referenceStep(ctx: Ctx, run: ImportRunRow, src: ImportSource, options: ImportOptions) {
  const tally = newTally(JSON.parse(run.counts) as Counts);
  const total = (await src.countTickets?.(run.since)) ?? null;
  const read = await readReference(src);
  takeRefusals(src, tally);
  await ctx.db.transaction().execute(async (trx) => {
    await importReference(
      { trx, source: run.source as string, runId: run.id, now: nowIso(ctx), tally },
      read,
      options.topicsAs,
    );
    await finishStep(ctx, trx, run, tally, { phase: 'tickets', cursor: null, total });
  });
}

/** The reference data read whole before the transaction: a slow source never holds the database's lock. */
async function readReference(src: ImportSource): Promise<ImportSource> {
  const [organisations, departments, staff, customers, statuses, topics, fields] = await Promise.all([
    src.organisations(),
    src.departments(),
    src.staff(),
    src.customers(),
    src.statuses(),
    src.topics(),
    src.fields(),
  ]);
  return {
    ...src,
    organisations: async () => organisations,
    departments: async () => departments,
    staff: async () => staff,
    customers: async () => customers,
    statuses: async () => statuses,
    topics: async () => topics,
    fields: async () => fields,
  };
}

/** A source's statuses, read once per source rather than for every page (a request on Zendesk). */
const statusCache = new WeakMap<ImportSource, Promise<ImportStatus[]>>();
function statusesOf(src: ImportSource) {
  let statuses = statusCache.get(src);
  if (!statuses) {
    statuses = src.statuses();
    statusCache.set(src, statuses);
  }
  return statuses;
}

/** Reads every new attachment before the transaction: a slow source never holds the database's lock. */
async function prefetch(ctx: Ctx, source: string, page: TicketPage) {
  const ids = page.tickets.flatMap((t) => t.messages.map((m) => m.sourceId));
  const known = await recordsOf(ctx.db, source, 'message', ids);
  for (const t of page.tickets)
    for (const m of t.messages) {
      if (known.has(m.sourceId)) continue;
      for (const a of m.attachments) {
        const data = await a
          .read()
          .catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
        a.read = async () => {
          if (data instanceof Error) throw data;
          return data;
        };
      }
    }
}

/**
 * PostgreSQL plans lookups of records from table statistics; a table that grew by hundreds of
 * thousands of rows within minutes has none yet (autovacuum comes later), and a batch of 500 ids
 * was then read by scanning every record of the kind: 125 ms instead of 5 ms at 300,000 messages.
 * So the run refreshes them itself every few pages.
 */
const pagesRead = new WeakMap<ImportSource, number>();
async function keepStatistics(ctx: Ctx, src: ImportSource) {
  if (ctx.dialect !== 'postgres') return;
  const pages = (pagesRead.get(src) ?? 0) + 1;
  pagesRead.set(src, pages);
  if (pages % 20 === 1) await sql`analyze import_records, tickets`.execute(ctx.db);
}

async function ticketStep(ctx: Ctx, run: ImportRunRow, src: ImportSource, options: ImportOptions) {
  const source = run.source as string;
  await keepStatistics(ctx, src);
  const page = await src.tickets(run.cursor, run.since);
  await prefetch(ctx, source, page);
  const tally = newTally(JSON.parse(run.counts) as Counts);
  takeRefusals(src, tally);
  const wf = await loadWorkflow(ctx, ctx.db);
  const statuses = new Map(
    mapStatuses(wf, await statusesOf(src), options.statusMap).map((s: StatusChoice) => [s.sourceId, s.to]),
  );
  await ctx.db.transaction().execute(async (trx) => {
    const highest = await importTicketPage(
      {
        trx,
        ctx,
        source,
        runId: run.id,
        now: nowIso(ctx),
        tally,
        wf,
        statuses,
        refs: await loadRefs(trx, source),
        defaultDepartmentId: await landingDepartment(ctx, trx),
        importerId: run.created_by,
      },
      page.tickets,
    );
    await raiseTicketNumber(trx, ctx.dialect, highest);
    await finishStep(ctx, trx, run, tally, {
      cursor: page.next,
      done: Number(run.done) + page.tickets.length,
      ...(page.next === null ? { phase: 'relations' as const } : {}),
    });
  });
}

/**
 * Where a ticket goes when the source names no department: the one mail lands in; on an
 * installation with none yet (moving in is often the first thing done), a new "Support".
 */
async function landingDepartment(ctx: Ctx, trx: Executor): Promise<string> {
  const found = await intakeDepartment(trx, ctx.config.defaultDepartment);
  if (found) return found.id;
  const id = newId();
  await trx
    .insertInto('departments')
    .values({ id, name: 'Support', description: null, created_at: nowIso(ctx) })
    .execute();
  return id;
}

async function relationStep(ctx: Ctx, run: ImportRunRow) {
  const tally = newTally(JSON.parse(run.counts) as Counts);
  await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    const next = await resolveRelations(
      trx,
      { source: run.source as string, now, tally, importerId: run.created_by },
      run.cursor ?? '',
    );
    await finishStep(
      ctx,
      trx,
      run,
      tally,
      next === null
        ? { phase: 'done', state: 'done', cursor: null, secret: null, finished_at: now }
        : { cursor: next },
    );
  });
}
